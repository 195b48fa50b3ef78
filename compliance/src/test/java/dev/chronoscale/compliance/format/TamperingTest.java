package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;
import dev.chronoscale.compliance.evidence.ReportVerifier.Verification;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.chronoscale.compliance.format.TestFiles.ascii;
import static dev.chronoscale.compliance.format.TestFiles.concat;
import static dev.chronoscale.compliance.format.TestFiles.indexOf;
import static dev.chronoscale.compliance.format.TestFiles.lastIndexOf;
import static dev.chronoscale.compliance.format.TestFiles.replaceOnce;
import static dev.chronoscale.compliance.format.TestFiles.utf8;
import static dev.chronoscale.compliance.format.TestFiles.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file changed after it was written is not intact, in every format: a changed cell, evidence whose digest is made to
 * match the change (the signature then fails), and bytes added after the evidence.
 */
class TamperingTest {

    private static final String SIGNATURE_FAILS = "the signature does not verify with the key the file names";

    private static String contentChanged(String digest, Evidence signed) {
        return "the content has changed: its SHA-256 is " + digest + ", the signed one " + signed.digest();
    }

    /** The evidence claiming another digest, with the signature it had. */
    private static Evidence claiming(Evidence evidence, String digest, String contentDigest) {
        return new Evidence(evidence.kind(), evidence.format(), digest, contentDigest, evidence.chainPosition(),
                evidence.chainHash(), evidence.publicKey(), evidence.signature());
    }

    @Nested
    class Json {

        private final ReportFiles.Written written = SampleReports.file(ReportFormat.JSON);

        /** A cell of the known row, inside the report member. */
        private byte[] tampered() {
            byte[] file = written.bytes();
            assertThat(indexOf(file, "alice@example.com")).isLessThan(indexOf(file, "\"evidence\": "));
            return replaceOnce(file, "alice@example.com", "alicf@example.com");
        }

        private String reportDigest(byte[] file) {
            int start = indexOf(file, "{\"report\": ") + "{\"report\": ".length();
            int end = lastIndexOf(file, ",\n\"evidence\": ");
            return Digests.sha256(file, start, end - start);
        }

        @Test
        void aChangedCellIsNotIntact() {
            byte[] file = tampered();

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(
                    "the content digest does not match the report's content",
                    contentChanged(reportDigest(file), written.evidence()));
        }

        @Test
        void evidenceClaimingTheChangedDigestDoesNotVerify() {
            byte[] file = tampered();
            String digest = reportDigest(file);
            Evidence forged = claiming(written.evidence(), digest, digest);
            byte[] forgedFile = replaceOnce(file, written.evidence().toJson(), forged.toJson());

            Verification verification = verify(forgedFile);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(SIGNATURE_FAILS);
        }

        @Test
        void aMemberBesideTheReportIsNotIntact() {
            byte[] file = concat(utf8("{\"approvedBy\": \"the auditor\", "), Arrays.copyOfRange(written.bytes(), 1, written.bytes().length));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly("the member \"approvedBy\" is not signed");
        }

        @Test
        void aSecondReportMemberIsNotIntact() {
            // JSON readers take the last of two members with one name
            byte[] file = replaceOnce(written.bytes(), ",\n\"evidence\": ", ",\n\"report\": {\"title\": \"Keys: all in order\"},\n\"evidence\": ");

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly("the member \"report\" is not signed");
        }

        @Test
        void jsonAfterTheSignedObjectIsNotIntact() {
            byte[] file = concat(written.bytes(), utf8("{\"report\": {\"title\": \"Keys: all in order\"}}\n"));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).singleElement().asString().contains("not signed");
        }
    }

    @Nested
    class Html {

        private final ReportFiles.Written written = SampleReports.file(ReportFormat.HTML);

        private byte[] tampered() {
            return replaceOnce(written.bytes(), "<td>alice@example.com</td>", "<td>alicf@example.com</td>");
        }

        private static byte[] document(byte[] file) {
            return Arrays.copyOf(file, lastIndexOf(file, "<!--chronoscale-evidence "));
        }

        @Test
        void aChangedCellIsNotIntact() {
            byte[] file = tampered();

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(contentChanged(Digests.sha256(document(file)), written.evidence()));
        }

        @Test
        void evidenceClaimingTheChangedDigestDoesNotVerify() {
            byte[] document = document(tampered());
            Evidence forged = claiming(written.evidence(), Digests.sha256(document), written.evidence().contentDigest());

            Verification verification = verify(HtmlDocument.EVIDENCE.append(document, forged));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(SIGNATURE_FAILS);
        }

        @Test
        void markupAfterTheEvidenceIsNotIntact() {
            // a browser shows what follows </html>; ending it with a comment keeps the file ending as the evidence does
            byte[] file = concat(written.bytes(), utf8("<p>Reviewed and approved by the auditor.</p><!-- -->\n"));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).singleElement().asString().contains("not signed");
        }

        @Test
        void aLineAfterTheEvidenceIsNotIntact() {
            byte[] file = concat(written.bytes(), utf8("<p>Reviewed and approved by the auditor.</p>\n"));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).singleElement().asString().contains("not signed");
        }
    }

    @Nested
    class Pdf {

        private final ReportFiles.Written written = SampleReports.file(ReportFormat.PDF);

        private static int evidenceAt(byte[] file) {
            return lastIndexOf(file, "%chronoscale-evidence ");
        }

        private static byte[] document(byte[] file) {
            return Arrays.copyOf(file, evidenceAt(file));
        }

        private static byte[] evidenceLine(byte[] file) {
            return Arrays.copyOfRange(file, evidenceAt(file), file.length);
        }

        @Test
        void aChangedByteOfAStreamIsNotIntact() {
            byte[] file = written.bytes();
            int stream = indexOf(file, "stream\n") + "stream\n".length();
            file[stream + 20] ^= 0x01;

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(contentChanged(Digests.sha256(document(file)), written.evidence()));
        }

        @Test
        void aChangedVersionInTheHeaderIsNotIntact() {
            byte[] file = replaceOnce(written.bytes(), "%PDF-1.6", "%PDF-1.7");

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(contentChanged(Digests.sha256(document(file)), written.evidence()));
        }

        @Test
        void aDocumentEditedAndSavedAgainWithTheOldEvidenceIsNotIntact() throws IOException {
            byte[] edited = edited(document(written.bytes()));
            byte[] file = concat(edited, evidenceLine(written.bytes()));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(contentChanged(Digests.sha256(edited), written.evidence()));
        }

        @Test
        void evidenceClaimingTheChangedDigestDoesNotVerify() throws IOException {
            byte[] edited = edited(document(written.bytes()));
            Evidence forged = claiming(written.evidence(), Digests.sha256(edited), written.evidence().contentDigest());

            Verification verification = verify(PdfDocument.EVIDENCE.append(edited, forged));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(SIGNATURE_FAILS);
        }

        @Test
        void anIncrementalUpdateAfterTheEvidenceIsNotIntact(@TempDir Path dir) throws IOException {
            // a PDF reader applies an update appended to the file: here, a new title
            byte[] file = written.bytes();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PDDocument pdf = Loader.loadPDF(file)) {
                pdf.getDocumentInformation().setTitle("Keys - all in order");
                pdf.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
                pdf.saveIncremental(out);
            }
            byte[] updated = out.toByteArray();
            assertThat(Arrays.copyOf(updated, file.length)).isEqualTo(file);
            Path pdf = Files.write(dir.resolve("updated.pdf"), updated);
            assertThat(Poppler.info(pdf)).containsPattern("Title: +Keys - all in order\n");

            Verification verification = verify(updated);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).singleElement().asString().contains("not signed");
        }

        /** The PDF opened, retitled and saved, as an editor would. */
        private static byte[] edited(byte[] document) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PDDocument pdf = Loader.loadPDF(document)) {
                pdf.getDocumentInformation().setTitle("Keys - all in order");
                pdf.save(out);
            }
            return out.toByteArray();
        }
    }

    @Nested
    class Csv {

        private static final String TABLE = SampleReports.NODE_KEYS + ".csv";
        private static final String DIRECTORY_DIFFERS = "the archive's central directory and its entries read from the "
                + "start differ (in files, order or content): tools that read one or the other would show different content";

        private final ReportFiles.Written written = SampleReports.file(ReportFormat.CSV);
        private final Map<String, byte[]> entries = Zips.entries(written.bytes());

        /** The archive's entries with a cell of the known row changed. */
        private Map<String, byte[]> withChangedCell() {
            Map<String, byte[]> changed = new LinkedHashMap<>(entries);
            changed.put(TABLE, replaceOnce(entries.get(TABLE), "alice@example.com", "alicf@example.com"));
            return changed;
        }

        /** The entries with the manifest made again from the CSV files. */
        private static Map<String, byte[]> withManifestUpdated(Map<String, byte[]> entries) {
            Map<String, byte[]> files = new LinkedHashMap<>(entries);
            files.remove(CsvArchive.MANIFEST);
            byte[] evidence = files.remove(CsvArchive.EVIDENCE);
            Map<String, byte[]> updated = new LinkedHashMap<>(files);
            updated.put(CsvArchive.MANIFEST, CsvArchive.manifest(files));
            updated.put(CsvArchive.EVIDENCE, evidence);
            return updated;
        }

        @Test
        void aChangedCellWithTheManifestKeptIsNotIntact() {
            Verification verification = verify(Zips.zip(withChangedCell()));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(TABLE + " does not match its digest in the manifest");
        }

        @Test
        void aChangedCellWithTheManifestUpdatedIsNotIntact() {
            Map<String, byte[]> tampered = withManifestUpdated(withChangedCell());

            Verification verification = verify(Zips.zip(tampered));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems())
                    .containsExactly(contentChanged(Digests.sha256(tampered.get(CsvArchive.MANIFEST)), written.evidence()));
        }

        @Test
        void evidenceClaimingTheUpdatedManifestDoesNotVerify() {
            Map<String, byte[]> tampered = withManifestUpdated(withChangedCell());
            Evidence forged = claiming(written.evidence(), Digests.sha256(tampered.get(CsvArchive.MANIFEST)),
                    written.evidence().contentDigest());
            tampered.put(CsvArchive.EVIDENCE, utf8(forged.toJson() + "\n"));

            Verification verification = verify(Zips.zip(tampered));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(SIGNATURE_FAILS);
        }

        @Test
        void aFileNotInTheManifestIsNotIntact() {
            Map<String, byte[]> tampered = new LinkedHashMap<>(entries);
            tampered.put("exceptions.csv", ascii("node,approved\r\nlaptop,yes\r\n"));

            Verification verification = verify(Zips.zip(tampered));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly("exceptions.csv is in the archive but not in the manifest");
        }

        @Test
        void aMissingFileIsNotIntact() {
            Map<String, byte[]> tampered = new LinkedHashMap<>(entries);
            tampered.remove("revoked-keys.csv");

            Verification verification = verify(Zips.zip(tampered));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly("revoked-keys.csv is in the manifest but not in the archive");
        }

        @Test
        void aDirectoryPointingATableAtChangedBytesIsNotIntact() {
            byte[] file = Zips.repointed(written.bytes(), TABLE, withChangedCell().get(TABLE));
            assertThat(texts(Zips.entries(file))).as("read from the start").isEqualTo(texts(entries));
            assertThat(texts(Zips.directory(file))).as("read from the directory").isEqualTo(texts(withChangedCell()));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(DIRECTORY_DIFFERS);
        }

        @Test
        void aDirectoryListingAFileTheEntriesDoNotHaveIsNotIntact() {
            byte[] exceptions = ascii("node,approved\r\nlaptop,yes\r\n");
            byte[] file = Zips.repointed(written.bytes(), "exceptions.csv", exceptions);
            Map<String, byte[]> listed = new LinkedHashMap<>(entries);
            listed.put("exceptions.csv", exceptions);
            assertThat(texts(Zips.entries(file))).as("read from the start").isEqualTo(texts(entries));
            assertThat(texts(Zips.directory(file))).as("read from the directory").isEqualTo(texts(listed));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(DIRECTORY_DIFFERS);
        }

        @Test
        void anotherArchiveAppendedToTheSignedOneIsNotIntact() {
            // cat signed.zip other.zip: the directory at the end is the other's, ZipFile and unzip take it
            byte[] file = concat(written.bytes(), Zips.zip(withChangedCell()));
            assertThat(texts(Zips.entries(file))).as("read from the start").isEqualTo(texts(entries));
            assertThat(texts(Zips.directory(file))).as("read from the directory").isEqualTo(texts(withChangedCell()));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(DIRECTORY_DIFFERS);
        }

        @Test
        void entriesReadFromTheStartThatAreNotTheDirectorysAreNotIntact() {
            // another archive before the signed one: its entries come first, the signed one's directory is at the end
            byte[] file = concat(Zips.zip(withChangedCell()), written.bytes());
            assertThat(texts(Zips.entries(file))).as("read from the start").isEqualTo(texts(withChangedCell()));
            assertThat(texts(Zips.directory(file))).as("read from the directory").isEqualTo(texts(entries));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems())
                    .containsExactly(DIRECTORY_DIFFERS, TABLE + " does not match its digest in the manifest");
        }

        @Test
        void theSignedEntriesInAnotherOrderThanTheDirectorysAreNotIntact() {
            // each file matches the manifest, so only the comparison with the directory tells
            Map<String, byte[]> reordered = new LinkedHashMap<>();
            reordered.put(CsvArchive.EVIDENCE, entries.get(CsvArchive.EVIDENCE));
            reordered.putAll(entries);
            byte[] file = concat(Zips.zip(reordered), written.bytes());
            assertThat(Zips.entries(file).keySet()).as("read from the start").containsExactlyElementsOf(reordered.keySet());
            assertThat(texts(Zips.directory(file))).as("read from the directory").isEqualTo(texts(entries));

            Verification verification = verify(file);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(DIRECTORY_DIFFERS);
        }

        @Test
        void theSignedArchiveReadsTheSameFromTheStartAndFromTheDirectory() {
            assertThat(texts(Zips.directory(written.bytes()))).isEqualTo(texts(entries));
            assertThat(verify(written.bytes()).problems()).isEmpty();
        }

        /** The entries as UTF-8 text, in order, to compare by content. */
        private static List<Map.Entry<String, String>> texts(Map<String, byte[]> entries) {
            return entries.entrySet().stream().map(e -> Map.entry(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8)))
                    .toList();
        }

        @Test
        void theEvidenceOfAnotherFormatIsNotIntact() {
            Map<String, byte[]> tampered = new LinkedHashMap<>(entries);
            Evidence html = SampleReports.file(ReportFormat.HTML).evidence();
            tampered.put(CsvArchive.EVIDENCE, utf8(html.toJson() + "\n"));

            Verification verification = verify(Zips.zip(tampered));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.problems()).containsExactly(
                    "the evidence is for a html file, this is a csv file",
                    "the content has changed: its SHA-256 is " + written.evidence().digest() + ", the signed one " + html.digest());
        }
    }
}
