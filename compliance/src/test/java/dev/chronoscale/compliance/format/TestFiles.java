package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.evidence.ReportVerifier.Verification;
import dev.chronoscale.compliance.evidence.TestKeys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading and verifying a report file as {@code chronoscale report verify} does, and changing its bytes. */
final class TestFiles {

    private TestFiles() {
    }

    /** The file read and verified with the JDK's Ed25519; fails when it is not read as a report file at all. */
    static Verification verify(byte[] file, Optional<String> trustedKey) {
        SignedFile read = ReportFiles.read(file)
                .orElseThrow(() -> new AssertionError("the file is not read as a signed report"));
        return TestKeys.verifier().verify(read.format().id(), read.digest(), read.evidence(), read.problems(), trustedKey);
    }

    static Verification verify(byte[] file) {
        return verify(file, Optional.empty());
    }

    /** The bytes with the one occurrence of {@code from} replaced by {@code to} (both ASCII). */
    static byte[] replaceOnce(byte[] bytes, String from, String to) {
        int at = indexOf(bytes, from);
        assertThat(indexOf(bytes, from, at + 1)).as("a second %s", from).isNegative();
        byte[] replacement = ascii(to);
        byte[] changed = Arrays.copyOf(bytes, bytes.length - from.length() + replacement.length);
        System.arraycopy(replacement, 0, changed, at, replacement.length);
        System.arraycopy(bytes, at + from.length(), changed, at + replacement.length, bytes.length - at - from.length());
        return changed;
    }

    static int indexOf(byte[] bytes, String text) {
        int at = indexOf(bytes, text, 0);
        assertThat(at).as("where %s is", text).isNotNegative();
        return at;
    }

    static int lastIndexOf(byte[] bytes, String text) {
        int at = latin1(bytes).lastIndexOf(text);
        assertThat(at).as("where %s is", text).isNotNegative();
        return at;
    }

    private static int indexOf(byte[] bytes, String text, int from) {
        return latin1(bytes).indexOf(text, from);
    }

    /** One char per byte, so that string offsets are byte offsets. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
