package dev.chronoscale.app.server;

/** The version the build stamped into the jar's manifest, or "dev" when run from classes. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
