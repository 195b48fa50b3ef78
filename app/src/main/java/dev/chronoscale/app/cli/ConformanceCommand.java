package dev.chronoscale.app.cli;

import dev.chronoscale.tools.conformance.ConformanceRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "conformance", description = "Replay Tailscale policy captures (files or folders) through the policy engine; "
        + "prints each failing case and ends with 'N passed, M failed'. Needs no server.")
final class ConformanceCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

    @Override
    public Integer call() {
        int failed = new ConformanceRunner().run(paths, System.out);
        return failed == 0 ? 0 : 1;
    }
}
