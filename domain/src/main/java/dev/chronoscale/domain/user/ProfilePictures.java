package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rule for a user's picture URL ({@code users create -p}): Tailscale clients fetch it to show the user, so it
 * must be an absolute http or https URL with a host. Headscale only checks that Go can parse it.
 */
public final class ProfilePictures {

    /** Longer than any picture URL an identity provider hands out, short enough for a table cell. */
    static final int MAX_LENGTH = 2048;

    private ProfilePictures() {
    }

    /** The URL as given, or null when none (null or blank) was given. */
    public static String validate(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (url.length() > MAX_LENGTH) {
            throw DomainException.invalid("picture URL is longer than " + MAX_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw DomainException.invalid("picture URL '" + url + "' is invalid: it must be an http:// or https:// URL");
    }
}
