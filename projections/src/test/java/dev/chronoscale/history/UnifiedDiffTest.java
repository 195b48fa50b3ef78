package dev.chronoscale.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The diff is checked with GNU patch: applied to the old text it must give the new one. */
class UnifiedDiffTest {

    @TempDir
    Path dir;

    @Test
    void aSmallChangeReadsAsDiffWritesIt() {
        String before = "{\n  \"acls\": [\n    {\"src\": [\"group:eng\"], \"dst\": [\"tag:web:443\"]},\n  ],\n}\n";
        String after = "{\n  \"acls\": [\n    {\"src\": [\"group:eng\"], \"dst\": [\"tag:web:443\"]},\n"
                + "    {\"src\": [\"group:contractors\"], \"dst\": [\"tag:db:5432\"]},\n  ],\n}\n";

        assertThat(UnifiedDiff.of(before, after, "policy@T1", "policy@T2")).isEqualTo("""
                --- policy@T1
                +++ policy@T2
                @@ -1,5 +1,6 @@
                 {
                   "acls": [
                     {"src": ["group:eng"], "dst": ["tag:web:443"]},
                +    {"src": ["group:contractors"], "dst": ["tag:db:5432"]},
                   ],
                 }
                """);
        assertThat(UnifiedDiff.of(before, before, "a", "b")).isEmpty();
    }

    @Test
    void patchTurnsTheOldTextIntoTheNewOne() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 60; round++) {
            String before = text(random, random.nextInt(40));
            String after = edit(random, before);
            String diff = UnifiedDiff.of(before, after, "before", "after");
            if (before.equals(after)) {
                assertThat(diff).isEmpty();
                continue;
            }
            assertThat(applied(before, diff)).as("round %d:\n%s", round, diff).isEqualTo(after);
        }
    }

    private String applied(String before, String diff) throws Exception {
        Path original = dir.resolve("before.txt");
        Path result = dir.resolve("after.txt");
        Path patchFile = dir.resolve("change.diff");
        Files.writeString(original, before);
        Files.writeString(patchFile, diff);
        Files.deleteIfExists(result);
        Process patch = new ProcessBuilder("patch", "--quiet", "--force", "-o", result.toString(), original.toString(),
                patchFile.toString()).redirectErrorStream(true).start();
        String output = new String(patch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(patch.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(patch.exitValue()).as(output).isZero();
        return Files.readString(result);
    }

    private static String text(Random random, int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            out.append("line ").append((char) ('a' + random.nextInt(6))).append('\n');
        }
        return out.toString();
    }

    private static String edit(Random random, String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int edits = random.nextInt(6);
        for (int i = 0; i < edits; i++) {
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> lines.add(at, "new " + random.nextInt(100));
                case 1 -> {
                    if (at < lines.size()) {
                        lines.remove(at);
                    }
                }
                default -> {
                    if (at < lines.size()) {
                        lines.set(at, "changed " + random.nextInt(100));
                    }
                }
            }
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
