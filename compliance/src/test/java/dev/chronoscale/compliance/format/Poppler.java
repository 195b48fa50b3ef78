package dev.chronoscale.compliance.format;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The poppler-utils tools ({@code pdftotext}, {@code pdftoppm}, {@code pdfinfo}), run as a reader of the PDF would:
 * the PDF tests need them and fail, saying so, where they are not installed.
 */
final class Poppler {

    private Poppler() {
    }

    /** {@code pdftotext -layout FILE -}: the text, pages separated by form feeds. */
    static String text(Path pdf) {
        return run(pdf.getParent(), "pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
    }

    /** {@code pdfinfo FILE}. */
    static String info(Path pdf) {
        return run(pdf.getParent(), "pdfinfo", pdf.toString());
    }

    /** {@code pdftoppm -png -r 50 -f N -l N FILE PREFIX}: the PNG of page N. */
    static Path png(Path pdf, int page) {
        Path dir = pdf.getParent();
        String prefix = "page";
        run(dir, "pdftoppm", "-png", "-r", "50", "-f", String.valueOf(page), "-l", String.valueOf(page), pdf.toString(),
                dir.resolve(prefix).toString());
        try (var files = Files.list(dir)) {
            List<Path> pngs = files.filter(p -> p.getFileName().toString().startsWith(prefix + "-")
                    && p.getFileName().toString().endsWith(".png")).toList();
            if (pngs.size() != 1) {
                fail("pdftoppm wrote " + pngs + ", not one PNG");
            }
            return pngs.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(Path dir, String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable(tool).toString());
        command.addAll(List.of(arguments));
        try {
            Path errors = Files.createTempFile(dir, tool, ".stderr");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(errors.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited with " + process.exitValue() + ": " + Files.readString(errors));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path executable(String tool) {
        List<String> path = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        path.add("/usr/bin");
        for (String dir : path) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        return fail(tool + " is not installed: the PDF tests read the PDF back with poppler-utils "
                + "(apt-get install poppler-utils)");
    }
}
