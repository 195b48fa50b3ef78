package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Node names as they appear in MagicDNS: one DNS label (lower case letters, digits and hyphens,
 * at most 63 characters, no leading or trailing hyphen), unique in the tailnet.
 */
public final class NodeNames {

    static final int MAX_LABEL = 63;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private NodeNames() {
    }

    /** Turns a client-reported hostname into a DNS-safe label ("Alice's MacBook Pro" becomes "alices-macbook-pro"). */
    public static String dnsSafe(String hostname) {
        String ascii = Normalizer.normalize(hostname == null ? "" : hostname, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        int dot = ascii.indexOf('.');
        if (dot > 0) {
            ascii = ascii.substring(0, dot);
        }
        String label = ascii.replace("'", "")
                .replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        if (label.length() > MAX_LABEL) {
            label = label.substring(0, MAX_LABEL).replaceAll("-+$", "");
        }
        return label.isEmpty() ? "node" : label;
    }

    /** Validates a name an administrator asked for: it must already be a DNS label. */
    public static String validateGiven(String name) {
        if (name == null || !LABEL.matcher(name).matches()) {
            throw DomainException.invalid("node name '" + name + "' is invalid: use at most 63 lower-case letters, "
                    + "digits and hyphens, not starting or ending with a hyphen");
        }
        return name;
    }

    /** Claims {@code base}, or the first free {@code base-N}, for the owner and returns the name it got. */
    public static String claimUnique(String base, UniquenessRegistry claims, String owner) {
        if (claims.tryClaim(ClaimKind.NODE_NAME, base, owner)) {
            return base;
        }
        for (int n = 1; ; n++) {
            String suffix = "-" + n;
            String stem = base.length() + suffix.length() > MAX_LABEL ? base.substring(0, MAX_LABEL - suffix.length()) : base;
            String candidate = stem + suffix;
            if (claims.tryClaim(ClaimKind.NODE_NAME, candidate, owner)) {
                return candidate;
            }
        }
    }
}
