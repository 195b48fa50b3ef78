package dev.chronoscale.tools.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every capture in ../shared/conformance must pass, except the cases listed (with reasons) in ConformanceGaps. */
class TailscaleCapturesConformanceTest {

    @Test
    void everyCaptureConformsExceptTheListedGaps() {
        Path corpus = corpus();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int failed = new ConformanceRunner().run(List.of(corpus), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String report = buffer.toString(StandardCharsets.UTF_8);
        List<String> lines = report.lines().toList();

        Matcher summary = Pattern.compile("(\\d+) passed, (\\d+) failed").matcher(lines.get(lines.size() - 1));
        assertThat(summary.matches()).as(report).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).as("cases found").isGreaterThan(500);
        List<String> unexplained = lines.subList(0, lines.size() - 1).stream()
                .filter(line -> !line.contains(": GAP (") || line.contains("now passes")).toList();
        assertThat(unexplained).as("failures that are not listed gaps").isEmpty();
        assertThat(failed).isEqualTo(ConformanceGaps.all().size());
    }

    /**
     * {@code shared/conformance} beside the repository: under {@code -Dchronoscale.shared} (the build sets it
     * to {@code ../shared} from the repository root), else the first found walking up from the working directory.
     */
    static Path corpus() {
        String shared = System.getProperty("chronoscale.shared", "");
        if (!shared.isBlank() && !shared.contains("${")) {
            Path dir = Path.of(shared).resolve("conformance").toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("no conformance corpus at " + dir + " (chronoscale.shared=" + shared
                        + "); the test reads shared/conformance from beside the repository");
            }
            return dir;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("conformance");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/conformance in " + start + " or any folder above it; the test reads"
                + " the corpus from beside the repository (or set -Dchronoscale.shared=DIR)");
    }
}
