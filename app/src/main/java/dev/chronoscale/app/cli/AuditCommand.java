package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.checkpoint.AuditPublicKey;
import dev.chronoscale.auditexport.verify.ExportVerifier;
import dev.chronoscale.auditexport.verify.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "audit", description = "The tamper-evident audit trail: read it, export it, verify exports, see SIEM sinks.",
        subcommands = {AuditCommand.PublicKey.class, AuditCommand.Log.class, AuditCommand.Export.class,
                AuditCommand.Verify.class, AuditCommand.Sinks.class})
final class AuditCommand {

    @Command(name = "public-key", description = "Print the server's Ed25519 audit key (base64 of the 32 raw bytes, then PEM).")
    static final class PublicKey extends ApiCommand {
        @Override
        void run() throws Exception {
            JsonNode key = call("GET", "/api/v1/audit/public-key", null);
            print(key, key.path("publicKey").asText() + "\n\n" + key.path("pem").asText().stripTrailing());
        }
    }

    /** The filters shared by log and export. */
    abstract static class TimeRange extends ApiCommand {
        @Option(names = "--since", description = "From this time (RFC 3339, a date, or an age such as 24h or 7d).")
        String since;

        @Option(names = "--until", description = "Before this time (same forms as --since).")
        String until;

        void addTimes(List<String> query) {
            Instant now = Instant.now();
            if (since != null) {
                query.add("since=" + encode(AuditTimes.parse("--since", since, now).toString()));
            }
            if (until != null) {
                query.add("until=" + encode(AuditTimes.parse("--until", until, now).toString()));
            }
        }

        static String joined(List<String> query) {
            return query.isEmpty() ? "" : "?" + String.join("&", query);
        }
    }

    @Command(name = "log", description = "Show audit records, oldest first.")
    static final class Log extends TimeRange {
        @Option(names = "--actor", description = "Actor id (API key prefix, OS user, OIDC subject, node id) or type (API_KEY, LOCAL_CLI, OIDC, NODE, SYSTEM).")
        String actor;

        @Option(names = "--action", description = "An action such as node.registered, or a prefix such as node.")
        String action;

        @Option(names = "--node", description = "Records about this node (id or name).")
        String node;

        @Option(names = "--user", description = "Records about this user (id or name).")
        String user;

        @Option(names = "--limit", description = "At most this many records (default: all).")
        Integer limit;

        @Override
        void run() throws Exception {
            List<String> query = new ArrayList<>();
            addTimes(query);
            addIfGiven(query, "actor", actor);
            addIfGiven(query, "action", action);
            addIfGiven(query, "node", node);
            addIfGiven(query, "user", user);
            show(this, "/api/v1/audit/log", query, limit);
        }

        /** Pages through the audit records {@code path} answers for {@code query} and prints them, oldest first. */
        static void show(ApiCommand command, String path, List<String> query, Integer limit) throws Exception {
            ArrayNode records = JSON.createArrayNode();
            long after = 0;
            while (true) {
                int page = limit == null ? 1000 : Math.min(1000, limit - records.size());
                if (page <= 0) {
                    break;
                }
                List<String> pageQuery = new ArrayList<>(query);
                pageQuery.add("after=" + after);
                pageQuery.add("limit=" + page);
                JsonNode answer = command.call("GET", path + joined(pageQuery), null);
                answer.path("records").forEach(records::add);
                if (answer.path("next").isNull() || answer.path("next").isMissingNode()) {
                    break;
                }
                after = answer.path("next").asLong();
            }
            Table table = new Table("Time", "Action", "Actor", "Via", "From", "Target", "Changes", "Reason");
            for (JsonNode r : records) {
                table.row(time(r.path("time")), r.path("action").asText(),
                        r.path("actor").path("type").asText() + ":" + r.path("actor").path("id").asText(),
                        r.path("origin").path("via").asText(), text(r.path("origin").path("address")),
                        r.path("target").path("type").asText() + " " + r.path("target").path("id").asText()
                                + (r.path("target").path("name").isNull() ? "" : " (" + r.path("target").path("name").asText() + ")"),
                        changes(r.path("changes")), text(r.path("reason")));
            }
            ObjectNode machine = object();
            machine.set("records", records);
            command.print(machine, table.render());
        }

        private static String changes(JsonNode changes) {
            StringBuilder out = new StringBuilder();
            for (JsonNode c : changes) {
                out.append(out.isEmpty() ? "" : "; ").append(c.path("field").asText()).append(": ")
                        .append(shown(c.path("old"))).append(" -> ").append(shown(c.path("new")));
            }
            return out.toString();
        }

        private static String shown(JsonNode value) {
            String text = value.isNull() ? "-" : value.isTextual() ? value.asText() : value.toString();
            return text.length() > 40 ? text.substring(0, 37) + "..." : text;
        }

        private static String text(JsonNode value) {
            return value == null || value.isNull() || value.isMissingNode() ? "" : value.asText();
        }
    }

    @Command(name = "export", description = "Write the records with their chain hashes, checkpoints and a signed seal to a file.")
    static final class Export extends TimeRange {
        @Option(names = "--format", defaultValue = "jsonl", description = "File format; jsonl (the default) is the only one.")
        String format;

        @Option(names = "--out", required = true, description = "The file to write.")
        Path out;

        @Override
        void run() throws Exception {
            if (!format.equals("jsonl")) {
                throw new CliFailure("--format " + format + ": only jsonl is supported");
            }
            List<String> query = new ArrayList<>();
            addTimes(query);
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            long[] records = {0};
            String[] lastLine = {""};
            boolean complete = false;
            try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                call("GET", "/api/v1/audit/export" + joined(query), null, line -> {
                    try {
                        writer.write(line);
                        writer.write('\n');
                        lastLine[0] = line;
                        // canonical JSON sorts keys, so "type" is the last one of record lines
                        if (line.endsWith(",\"type\":\"record\"}")) {
                            records[0]++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                if (!lastLine[0].endsWith(",\"type\":\"seal\"}")) {
                    throw new CliFailure("the export was cut short by the server: " + lastLine[0]);
                }
                complete = true;
            } finally {
                if (!complete) {
                    Files.deleteIfExists(partial);
                }
            }
            Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ObjectNode result = object();
            result.put("file", out.toString());
            result.put("records", records[0]);
            print(result, "Exported " + records[0] + " records to " + out);
        }
    }

    @Command(name = "sinks", description = "Delivery status of each SIEM sink.")
    static final class Sinks extends ApiCommand {
        @Override
        void run() throws Exception {
            JsonNode answer = call("GET", "/api/v1/audit/sinks", null);
            Table table = new Table("Name", "Type", "Delivered", "Lag", "Failures", "Status", "Last error");
            for (JsonNode s : answer.path("sinks")) {
                table.row(s.path("name").asText(), s.path("type").asText(), s.path("deliveredPosition").asLong(),
                        s.path("lag").asLong(), s.path("failures").asLong(),
                        s.path("healthy").asBoolean() ? "ok" : "retrying at " + s.path("nextAttemptAt").asText(),
                        s.path("lastError").isNull() ? "" : s.path("lastError").asText());
            }
            print(answer, answer.path("sinks").isEmpty() ? "No audit sinks are configured (audit.sinks in the config file)."
                    : table.render());
        }
    }

    @Command(name = "verify", description = "Check an export file offline (no server needed); reports the first tampered record.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", description = "The export file.")
        Path file;

        @Option(names = "--public-key", description = "The expected audit key (from 'audit public-key'); without it the key in the file is used.")
        String publicKey;

        @Option(names = {"-o", "--output"}, description = "json for machine output.")
        String output;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new CliFailure("no such file: " + file);
            }
            Optional<AuditPublicKey> pinned;
            try {
                pinned = Optional.ofNullable(publicKey).map(AuditPublicKey::parse);
            } catch (IllegalArgumentException e) {
                throw new CliFailure("--public-key: " + e.getMessage());
            }
            VerificationReport report = new ExportVerifier(pinned).verify(file);
            if (output != null) {
                ObjectNode json = ApiCommand.JSON.createObjectNode();
                json.put("intact", report.intact());
                json.put("records", report.recordsChecked());
                json.put("signaturesChecked", report.checkpointsChecked());
                json.put("publicKey", report.publicKey());
                json.put("keyPinned", report.keyPinned());
                report.firstProblem().ifPresent(f -> {
                    ObjectNode problem = json.putObject("problem");
                    problem.put("kind", f.kind().name());
                    problem.put("position", f.position());
                    problem.put("eventId", f.eventId().orElse(null));
                    problem.put("line", f.line());
                    problem.put("message", f.message());
                });
                System.out.println(json.toPrettyString());
            } else if (report.intact()) {
                System.out.println("OK: " + report.recordsChecked() + " records, chain intact, " + report.checkpointsChecked()
                        + " signatures valid (key " + report.publicKey() + (report.keyPinned() ? "" : ", taken from the file: "
                        + "pass --public-key to check who signed it") + ")");
            } else {
                VerificationReport.Finding f = report.firstProblem().get();
                System.out.println("TAMPERED: " + f.kind() + " at position " + f.position()
                        + f.eventId().map(id -> " (event " + id + ")").orElse("") + ", line " + f.line() + ": " + f.message());
            }
            return report.intact() ? 0 : 1;
        }
    }
}
