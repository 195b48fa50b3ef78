package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.checkpoint.AuditPublicKey;
import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.evidence.ReportVerifier;
import dev.chronoscale.compliance.format.ReportFiles;
import dev.chronoscale.compliance.format.ReportFormat;
import dev.chronoscale.compliance.format.SignedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code chronoscale report KIND ...}: signed compliance reports (docs/compliance.md), their list, and their check. */
@Command(name = "report", description = "Compliance reports: generate (signed), list, verify offline.",
        subcommands = {ReportCommand.AccessReview.class, ReportCommand.AccessChanges.class, ReportCommand.Keys.class,
                ReportCommand.Routes.class, ReportCommand.Devices.class, ReportCommand.AdminActivity.class,
                ReportCommand.ListReports.class, ReportCommand.Verify.class})
final class ReportCommand {

    private ReportCommand() {
    }

    /** What generating any report shares: the format, the file, the request. */
    abstract static class Generate extends ApiCommand {
        @Option(names = "--format", defaultValue = "json", description = "json (the default), csv (a zip of CSV files), html or pdf.")
        String format;

        @Option(names = "--out", required = true, description = "The file to write.")
        Path out;

        abstract ReportKind kind();

        abstract void addPeriod(List<String> query);

        @Override
        void run() throws Exception {
            ReportFormat chosen = ReportFormat.byId(format).orElseThrow(() ->
                    new CliFailure("--format " + format + ": use json, csv, html or pdf"));
            List<String> query = new ArrayList<>();
            addPeriod(query);
            query.add("format=" + chosen.id());
            ApiClient.Binary answer = client().fetch("/api/v1/reports/" + kind().id() + "?" + String.join("&", query),
                    Optional.ofNullable(reason));
            if (!answer.ok()) {
                throw new CliFailure(problem(answer));
            }
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            Files.write(partial, answer.body());
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
            SignedFile file = ReportFiles.read(answer.body()).orElseThrow(() ->
                    new CliFailure("the server's answer is not a signed report"));
            ObjectNode result = object();
            result.put("file", out.toString());
            result.put("kind", kind().id());
            result.put("format", chosen.id());
            result.put("bytes", answer.body().length);
            result.put("digest", "sha256:" + file.evidence().digest());
            result.put("contentDigest", "sha256:" + file.evidence().contentDigest());
            result.put("chainPosition", file.evidence().chainPosition());
            print(result, "Wrote " + kind().title().toLowerCase(java.util.Locale.ROOT) + " to " + out + " (" + answer.body().length
                    + " bytes, sha256:" + file.evidence().digest() + ", audit chain position " + file.evidence().chainPosition() + ")");
        }

        private static String problem(ApiClient.Binary answer) {
            try {
                JsonNode problem = JSON.readTree(answer.body());
                if (problem != null && problem.hasNonNull("detail")) {
                    return problem.get("detail").asText();
                }
                if (problem != null && problem.hasNonNull("error")) {
                    return problem.get("error").asText();
                }
            } catch (IOException ignored) {
                // not a problem document
            }
            return answer.status() == 401 ? "unauthorized: the API key is missing, wrong or expired"
                    : "server answered " + answer.status();
        }
    }

    abstract static class AtAnInstant extends Generate {
        @Option(names = "--at", paramLabel = "T", description = "The instant (RFC 3339, or a time before now such as -7d); now by default.")
        String at;

        @Override
        void addPeriod(List<String> query) {
            AtInstant.addIfGiven(query, "at", "--at", at);
        }
    }

    abstract static class OverAPeriod extends Generate {
        @Option(names = "--from", required = true, paramLabel = "T1", description = "The period's start (RFC 3339, or -30d).")
        String from;

        @Option(names = "--to", paramLabel = "T2", description = "The period's end; now by default.")
        String to;

        @Override
        void addPeriod(List<String> query) {
            AtInstant.addIfGiven(query, "from", "--from", from);
            AtInstant.addIfGiven(query, "to", "--to", to);
        }
    }

    @Command(name = "access-review", description = "Who could reach what at an instant, per principal, person and node.")
    static final class AccessReview extends AtAnInstant {
        @Override
        ReportKind kind() {
            return ReportKind.ACCESS_REVIEW;
        }
    }

    @Command(name = "access-changes", description = "Access gained and lost through each policy change of a period.")
    static final class AccessChanges extends OverAPeriod {
        @Override
        ReportKind kind() {
            return ReportKind.ACCESS_CHANGES;
        }
    }

    @Command(name = "keys", description = "Node, pre-auth and API keys at an instant; breaches of the age threshold first.")
    static final class Keys extends AtAnInstant {
        @Override
        ReportKind kind() {
            return ReportKind.KEYS;
        }
    }

    @Command(name = "routes", description = "Subnet routes and exit nodes advertised, approved and withdrawn in a period.")
    static final class Routes extends OverAPeriod {
        @Override
        ReportKind kind() {
            return ReportKind.ROUTES;
        }
    }

    @Command(name = "devices", description = "Devices at an instant (owner, OS, client, last seen, dormant), deleted and expired ones before it.")
    static final class Devices extends AtAnInstant {
        @Option(names = "--from", paramLabel = "T1", description = "Start of the period whose deletions and expiries are listed (default: compliance.thresholds.devices_period_days before --at).")
        String from;

        @Override
        ReportKind kind() {
            return ReportKind.DEVICES;
        }

        @Override
        void addPeriod(List<String> query) {
            AtInstant.addIfGiven(query, "from", "--from", from);
            AtInstant.addIfGiven(query, from != null ? "to" : "at", "--at", at);
        }
    }

    @Command(name = "admin-activity", description = "Every administrative action of a period, by actor.")
    static final class AdminActivity extends OverAPeriod {
        @Override
        ReportKind kind() {
            return ReportKind.ADMIN_ACTIVITY;
        }
    }

    @Command(name = "list", description = "The reports generated (each generation is an audit record).")
    static final class ListReports extends ApiCommand {
        @Option(names = "--since", description = "Generated after this time (RFC 3339, or -30d).")
        String since;

        @Override
        void run() throws Exception {
            List<String> query = new ArrayList<>();
            AtInstant.addIfGiven(query, "since", "--since", since);
            JsonNode answer = call("GET", "/api/v1/reports" + (query.isEmpty() ? "" : "?" + String.join("&", query)), null);
            if (machineOutput()) {
                printDocument(answer);
                return;
            }
            Table table = new Table("Generated", "Report", "Period", "Format", "By", "Schedule", "SHA-256");
            for (JsonNode report : answer.path("reports")) {
                String period = report.path("from").isNull() || report.path("from").isMissingNode()
                        ? "at " + report.path("to").asText() : report.path("from").asText() + " .. " + report.path("to").asText();
                table.row(time(report.path("time")), report.path("kind").asText(), period, report.path("format").asText(),
                        report.path("actor").asText(), report.path("schedule").isNull() ? "" : report.path("schedule").asText(),
                        report.path("digest").asText().substring(0, Math.min(16, report.path("digest").asText().length())));
            }
            System.out.println(answer.path("reports").isEmpty() ? "No reports have been generated." : table.render());
        }
    }

    @Command(name = "verify", description = "Check a report file (any format) offline: not a byte changed, and who signed it.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", description = "The report file.")
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
            Optional<String> trusted = Optional.ofNullable(publicKey);
            try {
                trusted.ifPresent(AuditPublicKey::parse);
            } catch (IllegalArgumentException e) {
                throw new CliFailure("--public-key: " + e.getMessage());
            }
            byte[] bytes = Files.readAllBytes(file);
            Optional<SignedFile> read = ReportFiles.read(bytes);
            if (read.isEmpty()) {
                throw new CliFailure(file + " is not a signed Chronoscale report (no evidence found in it)");
            }
            SignedFile signed = read.get();
            ReportVerifier.Verification result = new ReportVerifier((key, message, signature) ->
                    AuditPublicKey.parse(key).verifies(message, signature))
                    .verify(signed.format().id(), signed.digest(), signed.evidence(), signed.problems(), trusted);
            if (output != null) {
                ObjectNode json = ApiCommand.JSON.createObjectNode();
                json.put("intact", result.intact());
                json.put("format", result.format());
                json.put("kind", signed.evidence().kind());
                json.put("digest", "sha256:" + signed.digest());
                json.put("contentDigest", "sha256:" + signed.evidence().contentDigest());
                json.put("chainPosition", signed.evidence().chainPosition());
                json.put("chainHash", signed.evidence().chainHash());
                json.put("publicKey", signed.evidence().publicKey());
                json.put("keyPinned", result.keyPinned());
                result.problems().forEach(json.putArray("problems")::add);
                System.out.println(json.toPrettyString());
            } else if (result.intact()) {
                System.out.println("OK: " + signed.evidence().kind() + " report (" + result.format() + "), sha256:" + signed.digest()
                        + ", computed from audit chain position " + signed.evidence().chainPosition() + ", signed by "
                        + signed.evidence().publicKey() + (result.keyPinned() ? "" : " (taken from the file: pass --public-key "
                        + "to check who signed it)"));
            } else {
                System.out.println("TAMPERED: " + String.join("; ", result.problems()));
            }
            return result.intact() ? 0 : 1;
        }
    }
}
