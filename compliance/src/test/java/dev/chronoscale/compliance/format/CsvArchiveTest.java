package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.document.ReportTable;
import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;
import dev.chronoscale.compliance.evidence.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static dev.chronoscale.compliance.format.SampleReports.CHAIN_HASH;
import static dev.chronoscale.compliance.format.SampleReports.FIGURES;
import static dev.chronoscale.compliance.format.SampleReports.FORMULA;
import static dev.chronoscale.compliance.format.SampleReports.LATIN;
import static dev.chronoscale.compliance.format.SampleReports.NON_LATIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The CSV archive: its files, RFC 4180 text in UTF-8, the formula guard, the manifest and the evidence. */
class CsvArchiveTest {

    private static final List<String> CSV_FILES =
            List.of("report.csv", "summary.csv", "node-keys.csv", "revoked-keys.csv", "key-history.csv");

    private final ReportFiles.Written written = SampleReports.file(ReportFormat.CSV);
    private final Map<String, byte[]> entries = Zips.entries(written.bytes());

    @Test
    void theArchiveHoldsTheHeaderTheSummaryEachTableThenTheManifestAndTheEvidence() {
        List<String> names = new ArrayList<>(CSV_FILES);
        names.add("MANIFEST.sha256");
        names.add("EVIDENCE.json");

        assertThat(entries.keySet()).containsExactlyElementsOf(names);
    }

    @Test
    void everyEntryHasTheSameFixedTime() throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(written.bytes()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo(LocalDateTime.of(1980, 1, 1, 0, 0));
            }
        }
    }

    @Test
    void everyFileIsRfc4180WithAHeaderLineAndCrlfLineEnds() {
        for (String name : CSV_FILES) {
            String csv = Zips.text(entries, name);
            List<List<String>> rows = parse(csv);

            assertThat(csv).as(name).endsWith("\r\n");
            assertThat(rows).as(name).isNotEmpty();
            assertThat(rows).as(name).allSatisfy(row -> assertThat(row).hasSameSizeAs(rows.getFirst()));
        }
    }

    @Test
    void aTableFileIsItsColumnsThenEveryRowCellForCell() {
        ReportTable table = SampleReports.keys().tables().getFirst();
        List<List<String>> expected = new ArrayList<>();
        expected.add(table.columns());
        table.rows().stream()
                .map(row -> row.stream().map(cell -> cell.equals(FORMULA) ? "'" + FORMULA : cell).toList())
                .forEach(expected::add);

        assertThat(parse(Zips.text(entries, "node-keys.csv"))).containsExactlyElementsOf(expected);
    }

    @Test
    void theLongTableHasEveryRow() {
        List<List<String>> rows = parse(Zips.text(entries, "key-history.csv"));

        assertThat(rows).hasSize(SampleReports.HISTORY_ROWS + 1);
        assertThat(rows.getFirst()).containsExactly("Node", "User", "Rotated at", "Reason");
        assertThat(rows.getLast()).containsExactly(SampleReports.historyNode(SampleReports.HISTORY_ROWS - 1),
                "user-39@example.com", "2026-02-17T00:07:00Z", "");
    }

    @Test
    void cellsWithACommaAQuoteOrALineBreakAreQuoted() {
        String csv = Zips.text(entries, "node-keys.csv");

        assertThat(csv).startsWith("Node,User,Key,Expires,Note\r\n");
        assertThat(csv).contains("\r\nlaptop,alice@example.com,nodekey:4b1d0c,2026-05-01T00:00:00Z,\"rotated, twice\"\r\n");
        assertThat(csv).contains("\r\nserver-1,bob@example.com,nodekey:77aa01,2026-04-01T00:00:00Z,\"says \"\"rotate me\"\"\"\r\n");
        assertThat(csv).contains("\r\nmulti,carol@example.com,nodekey:0a0b0c,,\"line one\nline two\"\r\n");
        assertThat(csv).contains("\r\nweb,dave@example.com,nodekey:dd0011,,<script>alert(1)</script> & co\r\n");
    }

    @Test
    void aCellAFormulaCouldStartIsQuotedWithAnApostrophe() {
        assertThat(Zips.text(entries, "node-keys.csv"))
                .contains("\r\ncalc,eve@example.com,nodekey:ca1c00,\"a, b\",\"'=1+1\"\r\n");
    }

    @ParameterizedTest
    @MethodSource("cells")
    void cellIsWrittenAsRfc4180AndTheFormulaGuardRequires(String value, String written) {
        assertThat(CsvArchive.cell(value)).isEqualTo(written);
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("laptop", "laptop"),
                Arguments.of("a b", "a b"),
                Arguments.of("a,b", "\"a,b\""),
                Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("\"", "\"\"\"\""),
                Arguments.of("a\nb", "\"a\nb\""),
                Arguments.of("a\r\nb", "\"a\r\nb\""),
                Arguments.of("=1+1", "\"'=1+1\""),
                Arguments.of("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
                Arguments.of("+1", "\"'+1\""),
                Arguments.of("@SUM(A1:A2)", "\"'@SUM(A1:A2)\""),
                Arguments.of("\tx", "\"'\tx\""),
                Arguments.of("\rx", "\"'\rx\""),
                Arguments.of("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""),
                Arguments.of("-A1", "\"'-A1\""),
                Arguments.of("-1+1", "\"'-1+1\""),
                Arguments.of("-1e3", "\"'-1e3\""),
                Arguments.of("-.5", "\"'-.5\""),
                Arguments.of("-3.", "\"'-3.\""),
                Arguments.of("-", "\"'-\""),
                Arguments.of("--", "\"'--\""),
                Arguments.of("-12", "-12"),
                Arguments.of("-3.5", "-3.5"),
                Arguments.of("-0", "-0"),
                Arguments.of("12", "12"),
                Arguments.of("3-2", "3-2"),
                Arguments.of("1=1", "1=1"),
                Arguments.of("a@example.com", "a@example.com"),
                Arguments.of(NON_LATIN, NON_LATIN));
    }

    @Test
    void theManifestHasEveryCsvFilesSha256InSha256sumFormat() {
        String manifest = Zips.text(entries, CsvArchive.MANIFEST);

        String expected = CSV_FILES.stream().map(name -> Digests.sha256(entries.get(name)) + "  " + name + "\n")
                .collect(Collectors.joining());
        assertThat(manifest).isEqualTo(expected);
        assertThat(written.evidence().digest()).isEqualTo(Digests.sha256(entries.get(CsvArchive.MANIFEST)));
    }

    @Test
    void theEvidenceFileIsTheEvidenceOnOneLine() {
        String evidence = Zips.text(entries, CsvArchive.EVIDENCE);

        assertThat(evidence).isEqualTo(written.evidence().toJson() + "\n");
        assertThat(Evidence.parse(evidence)).contains(written.evidence());
    }

    @Test
    void textIsUtf8WithoutAByteOrderMark() {
        byte[] table = entries.get("node-keys.csv");

        assertThat(Arrays.copyOf(table, 4)).isEqualTo("Node".getBytes(StandardCharsets.US_ASCII));
        assertThat(Zips.text(entries, "node-keys.csv")).contains("\r\ntokyo-gw," + LATIN + ",nodekey:e1e2e3,," + NON_LATIN + "\r\n");
        assertThat(parse(Zips.text(entries, "node-keys.csv"))).contains(List.of("tokyo-gw", LATIN, "nodekey:e1e2e3", "", NON_LATIN));
    }

    @Test
    void theReportFileDescribesTheReport() {
        Map<String, String> fields = new LinkedHashMap<>();
        List<List<String>> rows = parse(Zips.text(entries, "report.csv"));
        rows.forEach(row -> fields.put(row.get(0), row.get(1)));

        assertThat(fields).containsExactly(
                Map.entry("field", "value"),
                Map.entry("schema", "chronoscale.report/1"),
                Map.entry("kind", "keys"),
                Map.entry("title", "Keys"),
                Map.entry("tailnet", "tail.example"),
                Map.entry("from", ""),
                Map.entry("to", "2026-03-03T14:00:00Z"),
                Map.entry("server", "Chronoscale"),
                Map.entry("version", "0.1.0-test"),
                Map.entry("chain position", "42"),
                Map.entry("chain hash", CHAIN_HASH),
                Map.entry("content sha256", written.evidence().contentDigest()),
                Map.entry("signing key", TestKeys.SIGNER.publicKey()),
                Map.entry("parameter include-expired", "true"),
                Map.entry("parameter stale-after", "P90D"));
    }

    @Test
    void aReportOverAPeriodHasItsStart() {
        Map<String, byte[]> period = Zips.entries(
                ReportFiles.write(SampleReports.keysOverPeriod(), ReportFormat.CSV, TestKeys.SIGNER).bytes());

        assertThat(parse(Zips.text(period, "report.csv"))).contains(List.of("from", "2026-02-01T00:00:00Z"));
    }

    @Test
    void theSummaryFileHasEveryFigureInOrder() {
        List<List<String>> expected = new ArrayList<>();
        expected.add(List.of("figure", "value"));
        FIGURES.forEach(figure -> expected.add(List.of(figure.label(), figure.value())));

        assertThat(parse(Zips.text(entries, "summary.csv"))).containsExactlyElementsOf(expected);
    }

    /** RFC 4180, strictly: CRLF after every record, quotes only around a whole field, no bare line break outside them. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                if (!field.isEmpty() || wasQuoted) {
                    fail("a quote inside an unquoted field at " + i);
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                fail("a line break outside quotes at " + i);
            } else if (wasQuoted) {
                fail("text after a closing quote at " + i);
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("an unclosed quote").isFalse();
        assertThat(record).as("a last record without CRLF").isEmpty();
        assertThat(field).as("a last field without CRLF").isEmpty();
        return records;
    }
}
