package dev.chronoscale.app.cli;

import dev.chronoscale.admin.api.HeadscaleVersion;
import dev.chronoscale.app.server.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "version", description = "Print the version of this command-line tool.")
final class VersionCommand implements Runnable {
    @Option(names = {"-o", "--output"})
    String output;

    /** With {@code -o}, Headscale's version document (the Headscale release answered as), ours in {@code chronoscale}. */
    @Override
    public void run() {
        System.out.println(output == null
                ? "chronoscale version " + Version.current() + " (Headscale API " + HeadscaleVersion.REPORTED + ")"
                : HeadscaleVersion.json(Version.current()).toString());
    }
}
