package dev.chronoscale.tools.conformance;

import java.nio.file.Path;
import java.util.Arrays;

/** Runs the conformance corpus from the command line during development: {@code java ... ConformanceMain PATH...}. */
public final class ConformanceMain {

    public static void main(String[] args) {
        int failed = new ConformanceRunner().run(Arrays.stream(args).map(Path::of).toList(), System.out);
        System.exit(failed == 0 ? 0 : 1);
    }
}
