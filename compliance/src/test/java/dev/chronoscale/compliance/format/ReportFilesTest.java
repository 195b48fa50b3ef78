package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;
import dev.chronoscale.compliance.evidence.ReportVerifier.Verification;
import dev.chronoscale.compliance.evidence.TestKeys;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static dev.chronoscale.compliance.format.TestFiles.ascii;
import static dev.chronoscale.compliance.format.TestFiles.concat;
import static dev.chronoscale.compliance.format.TestFiles.lastIndexOf;
import static dev.chronoscale.compliance.format.TestFiles.utf8;
import static dev.chronoscale.compliance.format.TestFiles.verify;
import static org.assertj.core.api.Assertions.assertThat;

/** Every format: written the same way each time, read back to the evidence it was written with, and verified. */
class ReportFilesTest {

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void theSameReportWrittenTwiceIsTheSameBytes(ReportFormat format) {
        byte[] first = ReportFiles.write(SampleReports.keys(), format, TestKeys.SIGNER).bytes();
        byte[] second = ReportFiles.write(SampleReports.keys(), format, TestKeys.SIGNER).bytes();

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void theEvidenceSignsTheContentDigestAndTheChainHead(ReportFormat format) {
        Evidence evidence = SampleReports.file(format).evidence();

        assertThat(evidence.kind()).isEqualTo("keys");
        assertThat(evidence.format()).isEqualTo(format.id());
        assertThat(evidence.contentDigest()).isEqualTo(Digests.sha256(ContentJson.of(SampleReports.keys())));
        assertThat(evidence.chainPosition()).isEqualTo(SampleReports.CHAIN_POSITION);
        assertThat(evidence.chainHash()).isEqualTo(SampleReports.CHAIN_HASH);
        assertThat(evidence.publicKey()).isEqualTo(TestKeys.SIGNER.publicKey());
        assertThat(TestKeys.verifies(evidence.publicKey(), evidence.message(), evidence.signature())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void readingFindsTheFormatAndTheDigestItWasSignedWith(ReportFormat format) {
        ReportFiles.Written written = SampleReports.file(format);

        SignedFile read = ReportFiles.read(written.bytes()).orElseThrow();

        assertThat(read.format()).isEqualTo(format);
        assertThat(read.digest()).isEqualTo(written.evidence().digest());
        assertThat(read.evidence()).isEqualTo(written.evidence());
        assertThat(read.problems()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void aWrittenFileIsIntactWithTheKeyItNames(ReportFormat format) {
        Verification verification = verify(SampleReports.file(format).bytes(), Optional.empty());

        assertThat(verification.problems()).isEmpty();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.keyPinned()).isFalse();
        assertThat(verification.format()).isEqualTo(format.id());
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void aWrittenFileIsIntactAndPinnedWhenTheSignersKeyIsTrusted(ReportFormat format) {
        Verification verification = verify(SampleReports.file(format).bytes(), Optional.of(TestKeys.SIGNER.publicKey()));

        assertThat(verification.problems()).isEmpty();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.keyPinned()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void aWrittenFileIsNotIntactWhenAnotherKeyIsTrusted(ReportFormat format) {
        String other = TestKeys.generate().publicKey();

        Verification verification = verify(SampleReports.file(format).bytes(), Optional.of(other));

        assertThat(verification.intact()).isFalse();
        assertThat(verification.problems())
                .containsExactly("signed by " + TestKeys.SIGNER.publicKey() + ", not by the trusted key " + other);
    }

    @ParameterizedTest
    @MethodSource("notReportFiles")
    void aFileThatIsNoSignedReportReadsAsNothing(byte[] file) {
        assertThat(ReportFiles.read(file)).isEmpty();
    }

    static Stream<Named<byte[]>> notReportFiles() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[0] = 0;
        byte[] pdf = SampleReports.file(ReportFormat.PDF).bytes();
        byte[] html = SampleReports.file(ReportFormat.HTML).bytes();
        Map<String, byte[]> csv = Zips.entries(SampleReports.file(ReportFormat.CSV).bytes());
        Map<String, byte[]> withoutEvidence = new LinkedHashMap<>(csv);
        withoutEvidence.remove(CsvArchive.EVIDENCE);
        Map<String, byte[]> withoutManifest = new LinkedHashMap<>(csv);
        withoutManifest.remove(CsvArchive.MANIFEST);
        String content = new String(ContentJson.of(SampleReports.keys()), StandardCharsets.UTF_8);
        String evidence = SampleReports.file(ReportFormat.JSON).evidence().toJson();
        return Stream.of(
                Named.of("an empty file", new byte[0]),
                Named.of("random bytes", garbage),
                Named.of("text", ascii("Keys report for tail.example\n")),
                Named.of("a PDF cut in half", Arrays.copyOf(pdf, pdf.length / 2)),
                Named.of("a PDF without its evidence line", Arrays.copyOf(pdf, lastIndexOf(pdf, "%chronoscale-evidence "))),
                Named.of("a PDF header and nothing else", ascii("%PDF-1.6\n")),
                Named.of("HTML without its evidence comment", Arrays.copyOf(html, lastIndexOf(html, "<!--chronoscale-evidence "))),
                Named.of("a zip's magic and garbage", concat(ascii("PK\u0003\u0004"), garbage)),
                Named.of("a zip without EVIDENCE.json", Zips.zip(withoutEvidence)),
                Named.of("a zip without MANIFEST.sha256", Zips.zip(withoutManifest)),
                Named.of("an empty zip", Zips.zip(Map.of())),
                Named.of("the content JSON alone", ContentJson.of(SampleReports.keys())),
                Named.of("a JSON report without evidence", utf8("{\"report\": " + content + "}\n")),
                Named.of("a JSON report whose evidence is not an object", utf8("{\"report\": " + content + ", \"evidence\": \"signed\"}")),
                Named.of("a JSON report whose evidence has no signature",
                        utf8("{\"report\": " + content + ", \"evidence\": " + evidence.replaceAll(",\"signature\":\"[^\"]*\"", "") + "}")),
                Named.of("JSON cut short", utf8("{\"report\": " + content.substring(0, 100))),
                Named.of("an opening brace", ascii("{")),
                Named.of("a JSON array", ascii("[{\"report\": {}}]")));
    }
}
