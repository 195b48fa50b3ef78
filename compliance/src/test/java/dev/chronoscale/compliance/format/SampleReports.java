package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.ReportTable;
import dev.chronoscale.compliance.document.TableBuilder;
import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.TestKeys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A keys report as the server would make one: a header, three figures, a table whose cells are everything a format must
 * get right (commas, quotes, newlines, markup, a formula, text the PDF fonts cannot show, empty cells), a table with
 * no rows and a table long enough to fill many PDF pages.
 */
final class SampleReports {

    static final String TITLE = "Keys";
    static final String TAILNET = "tail.example";
    static final Instant FROM = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-03T14:00:00Z");
    static final long CHAIN_POSITION = 42;
    static final String CHAIN_HASH = Digests.sha256("audit record 42".getBytes(StandardCharsets.UTF_8));

    static final String COMMA = "rotated, twice";
    static final String QUOTE = "says \"rotate me\"";
    static final String NEWLINE = "line one\nline two";
    static final String MARKUP = "<script>alert(1)</script> & co";
    static final String FORMULA = "=1+1";
    static final String LATIN = "Zoë";
    static final String NON_LATIN = "東京 office 🚀";

    static final List<Report.Figure> FIGURES = List.of(
            new Report.Figure("Nodes", "3006"),
            new Report.Figure("Keys older than 90 days", "17"),
            new Report.Figure("Expired keys", "1"));

    /** The first table, and the row the tests look for in every format. */
    static final String NODE_KEYS = "node-keys";
    static final String NODE_KEYS_TITLE = "Node keys";
    static final List<String> NODE_KEYS_COLUMNS = List.of("Node", "User", "Key", "Expires", "Note");
    static final List<String> KNOWN_ROW = List.of("laptop", "alice@example.com", "nodekey:4b1d0c", "2026-05-01T00:00:00Z", COMMA);

    static final String HISTORY = "key-history";
    static final int HISTORY_ROWS = 3000;

    private static final Map<ReportFormat, ReportFiles.Written> FILES = new EnumMap<>(ReportFormat.class);

    private SampleReports() {
    }

    /**
     * {@link #keys()} written in the format with {@link TestKeys#SIGNER}, once per test run (the PDF takes a while);
     * each call returns a copy of the bytes, for the caller to change.
     */
    static synchronized ReportFiles.Written file(ReportFormat format) {
        ReportFiles.Written written = FILES.computeIfAbsent(format, f -> ReportFiles.write(keys(), f, TestKeys.SIGNER));
        return new ReportFiles.Written(written.bytes().clone(), written.evidence());
    }

    /** The keys report at {@link #TO}. */
    static Report keys() {
        return keys(Optional.empty());
    }

    /** The same report over {@link #FROM} to {@link #TO}. */
    static Report keysOverPeriod() {
        return keys(Optional.of(FROM));
    }

    private static Report keys(Optional<Instant> from) {
        ReportHeader header = new ReportHeader("keys", TITLE, TAILNET, from, TO, "Chronoscale", "0.1.0-test",
                CHAIN_POSITION, CHAIN_HASH, Map.of("stale-after", "P90D", "include-expired", "true"));
        return new Report(header, FIGURES, List.of(nodeKeys(), revokedKeys(), history()));
    }

    private static ReportTable nodeKeys() {
        return new TableBuilder(NODE_KEYS, NODE_KEYS_TITLE, "Every node's key, its expiry and a note.",
                NODE_KEYS_COLUMNS.toArray(String[]::new))
                .row(KNOWN_ROW.toArray())
                .row("server-1", "bob@example.com", "nodekey:77aa01", Instant.parse("2026-04-01T00:00:00Z"), QUOTE)
                .row("tokyo-gw", LATIN, "nodekey:e1e2e3", Optional.empty(), NON_LATIN)
                .row("multi", "carol@example.com", "nodekey:0a0b0c", null, NEWLINE)
                .row("web", "dave@example.com", "nodekey:dd0011", "", MARKUP)
                .row("calc", "eve@example.com", "nodekey:ca1c00", List.of("a", "b"), FORMULA)
                .build();
    }

    private static ReportTable revokedKeys() {
        return new TableBuilder("revoked-keys", "Revoked keys", "", "Node", "Revoked at").build();
    }

    private static ReportTable history() {
        TableBuilder table = new TableBuilder(HISTORY, "Key history", "Every key rotation in the period.",
                "Node", "User", "Rotated at", "Reason");
        for (int i = 0; i < HISTORY_ROWS; i++) {
            table.row(historyNode(i), "user-" + (i % 40) + "@example.com", TO.minus(Duration.ofMinutes(7L * i)),
                    i % 3 == 0 ? "scheduled" : "");
        }
        return table.build();
    }

    static String historyNode(int i) {
        return "node-%04d".formatted(i);
    }
}
