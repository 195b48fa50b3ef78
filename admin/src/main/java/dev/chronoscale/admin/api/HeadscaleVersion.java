package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Headscale release whose {@code /api/v1} Chronoscale answers as. Tools read the version to pick the JSON
 * shapes they send and expect (Headplane treats anything below 0.28 as a legacy server: it reads the old
 * {@code forcedTags}/{@code validTags}, sends a pre-auth key's expiry as {@code {user, key}} and offers to move
 * nodes between users), so the version is Headscale's and Chronoscale's own travels alongside.
 */
public final class HeadscaleVersion {

    /** As Headscale's {@code /version} writes it, with the leading {@code v}. */
    public static final String REPORTED = "v0.28.0";

    private HeadscaleVersion() {
    }

    /**
     * Headscale's {@code /version} answer ({@code version}, {@code commit}, {@code buildTime}, {@code go},
     * {@code dirty}) with Chronoscale's version in {@code chronoscale}. Chronoscale is not built with Go, so
     * {@code go} names the Java runtime.
     */
    public static ObjectNode json(String chronoscaleVersion) {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("version", REPORTED);
        json.put("commit", "chronoscale-" + chronoscaleVersion);
        json.put("buildTime", "unknown");
        json.putObject("go")
                .put("version", "java" + Runtime.version().feature())
                .put("os", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT))
                .put("arch", System.getProperty("os.arch"));
        json.put("dirty", false);
        json.put("chronoscale", chronoscaleVersion);
        return json;
    }
}
