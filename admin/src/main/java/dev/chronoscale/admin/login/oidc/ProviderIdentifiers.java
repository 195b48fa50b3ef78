package dev.chronoscale.admin.login.oidc;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a person is known here, Headscale's provider identifier: the issuer and the subject joined by {@code /}, with
 * empty path segments dropped and the scheme in lower case, so that a user imported from Headscale is the same
 * person when they log in here.
 */
final class ProviderIdentifiers {

    private ProviderIdentifiers() {
    }

    static String of(String issuer, String subject) {
        String iss = issuer == null ? "" : issuer.trim();
        String sub = subject == null ? "" : subject.trim();
        int scheme = iss.indexOf("://");
        if (scheme < 0) {
            return "/" + segments(iss + "/" + sub);
        }
        String authorityAndPath = iss.substring(scheme + 3);
        int slash = authorityAndPath.indexOf('/');
        String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
        String path = slash < 0 ? "" : authorityAndPath.substring(slash);
        String joined = segments(path + "/" + sub);
        return iss.substring(0, scheme).toLowerCase(Locale.ROOT) + "://" + authority + (joined.isEmpty() ? "" : "/" + joined);
    }

    private static String segments(String path) {
        return Arrays.stream(path.split("/")).map(String::trim).filter(part -> !part.isEmpty())
                .collect(Collectors.joining("/"));
    }
}
