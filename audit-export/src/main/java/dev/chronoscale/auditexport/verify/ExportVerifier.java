package dev.chronoscale.auditexport.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.auditexport.chain.ChainHash;
import dev.chronoscale.auditexport.checkpoint.AuditPublicKey;
import dev.chronoscale.auditexport.checkpoint.Checkpoint;
import dev.chronoscale.auditexport.checkpoint.ExportSeal;
import dev.chronoscale.auditexport.export.ExportLines;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.Optional;

/**
 * Checks an export file offline and names the first edited, deleted, inserted or reordered record.
 *
 * <p>Two passes over the file: the first notes which positions occur (to tell a moved record from a
 * deleted one), the second follows the chain. An edit that leaves the hashes alone is found at the
 * record itself; an edit whose author recomputed the hashes is found at the next signed checkpoint or
 * the seal, and reported as the first record after the last checkpoint that still verified.
 */
public final class ExportVerifier {

    private final Optional<AuditPublicKey> pinnedKey;

    public ExportVerifier(Optional<AuditPublicKey> pinnedKey) {
        this.pinnedKey = pinnedKey;
    }

    /** A parsed line with its number. */
    private record Line(long number, JsonNode json) {
    }

    public VerificationReport verify(Path file) {
        try {
            Positions positions = positions(file);
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return new Walk(reader, positions).run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Which positions occur in the file, as offsets from the header's first position. */
    private record Positions(long base, BitSet seen) {
        boolean occurs(long position) {
            long offset = position - base;
            return offset >= 0 && offset < Integer.MAX_VALUE && seen.get((int) offset);
        }
    }

    private static Positions positions(Path file) throws IOException {
        BitSet seen = new BitSet();
        long first = 1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                JsonNode json = parse(text);
                if (json == null) {
                    continue;
                }
                String type = json.path("type").asText();
                if (type.equals("header")) {
                    first = json.path("firstPosition").asLong(1);
                } else if (type.equals("record")) {
                    long offset = json.path("position").asLong() - first;
                    if (offset >= 0 && offset < Integer.MAX_VALUE) {
                        seen.set((int) offset);
                    }
                }
            }
        }
        return new Positions(first, seen);
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return CanonicalJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The second pass: follows the chain line by line with one line of look-ahead. */
    private final class Walk {
        private final BufferedReader reader;
        private final Positions positions;
        private long lineNumber;
        private Line lookahead;
        private AuditPublicKey key;
        private long first;
        private String headerPreviousHash;
        private long expected;
        private String chainHash;
        private long lastAccepted;
        private Optional<String> lastAcceptedEventId = Optional.empty();
        private long lastAcceptedLine;
        /** The chain hash before the last accepted record: what a record inserted after it would have to chain from. */
        private String beforeLastAccepted = "";
        private long lastVerifiedCheckpoint;
        private long records;
        private long checkpoints;

        Walk(BufferedReader reader, Positions positions) {
            this.reader = reader;
            this.positions = positions;
        }

        VerificationReport run() throws IOException {
            Line header = next();
            if (header == null || !header.json().path("type").asText().equals("header")
                    || !ExportLines.FORMAT.equals(header.json().path("format").asText())) {
                return fail(Tampering.MALFORMED, 0, Optional.empty(), header == null ? 1 : header.number(),
                        "the first line is not a " + ExportLines.FORMAT + " header");
            }
            String fileKey = header.json().path("publicKey").asText();
            try {
                key = pinnedKey.orElseGet(() -> AuditPublicKey.parse(fileKey));
            } catch (IllegalArgumentException e) {
                return fail(Tampering.MALFORMED, 0, Optional.empty(), header.number(), "the header's public key: " + e.getMessage());
            }
            if (pinnedKey.isPresent() && !pinnedKey.get().base64().equals(fileKey)) {
                return fail(Tampering.BAD_SIGNATURE, 0, Optional.empty(), header.number(),
                        "the file names public key " + fileKey + ", not the expected " + pinnedKey.get().base64());
            }
            first = header.json().path("firstPosition").asLong();
            headerPreviousHash = header.json().path("previousHash").asText();
            expected = first;
            chainHash = headerPreviousHash;
            lastAccepted = first - 1;
            lastVerifiedCheckpoint = first - 1;
            Line line;
            while ((line = next()) != null) {
                String type = line.json().path("type").asText();
                Optional<VerificationReport> problem = switch (type) {
                    case "record" -> record(line);
                    case "checkpoint" -> checkpoint(line);
                    case "seal" -> seal(line);
                    default -> Optional.of(fail(Tampering.MALFORMED, expected, Optional.empty(), line.number(),
                            "unknown line type '" + type + "'"));
                };
                if (problem.isPresent()) {
                    return problem.get();
                }
                if (type.equals("seal")) {
                    Line extra = next();
                    if (extra != null) {
                        return fail(Tampering.INSERTED, lastAccepted + 1, eventId(extra.json()), extra.number(),
                                "lines after the seal were added to the file");
                    }
                    return new VerificationReport(records, checkpoints, key.base64(), pinnedKey.isPresent(), Optional.empty());
                }
            }
            return fail(Tampering.DELETED, lastAccepted + 1, Optional.empty(), lineNumber + 1,
                    "the file ends without its signed seal: lines were removed from the end");
        }

        private Optional<VerificationReport> record(Line line) throws IOException {
            JsonNode json = line.json();
            long position = json.path("position").asLong();
            JsonNode record = json.get("record");
            if (record == null || !record.isObject()) {
                return Optional.of(fail(Tampering.MALFORMED, position, Optional.empty(), line.number(), "a record line without a record"));
            }
            Optional<String> eventId = eventId(json);
            if (position > expected) {
                if (occurs(expected)) {
                    return Optional.of(fail(Tampering.REORDERED, position, eventId, line.number(),
                            "record " + position + " (event " + eventId.orElse("?") + ") stands before record " + expected
                                    + ", which appears later in the file"));
                }
                return Optional.of(fail(Tampering.DELETED, expected, Optional.empty(), line.number(),
                        "record " + expected + " is missing: the next record in the file is " + position));
            }
            if (position < expected) {
                boolean chainsAroundPrevious = json.path("previousHash").asText().equals(beforeLastAccepted)
                        && ChainHash.of(beforeLastAccepted, record).equals(json.path("hash").asText());
                if (chainsAroundPrevious) {
                    return Optional.of(fail(Tampering.INSERTED, lastAccepted, lastAcceptedEventId, lastAcceptedLine,
                            "record at line " + lastAcceptedLine + " (event " + lastAcceptedEventId.orElse("?")
                                    + ") was inserted: the chain continues from the record before it"));
                }
                return Optional.of(fail(position < first ? Tampering.INSERTED : Tampering.REORDERED, position, eventId,
                        line.number(), "record " + position + " appears again after record " + lastAccepted));
            }
            if (!json.path("previousHash").asText().equals(chainHash)) {
                return Optional.of(fail(Tampering.EDITED, lastAccepted, lastAcceptedEventId, lastAcceptedLine,
                        "record " + lastAccepted + " (event " + lastAcceptedEventId.orElse("?") + ") was changed: record "
                                + position + " chains from a different hash"));
            }
            if (!ChainHash.of(chainHash, record).equals(json.path("hash").asText())) {
                Line following = peek();
                if (following != null && following.json().path("type").asText().equals("record")
                        && following.json().path("position").asLong() == position
                        && following.json().path("previousHash").asText().equals(chainHash)) {
                    return Optional.of(fail(Tampering.INSERTED, position, eventId, line.number(),
                            "record at line " + line.number() + " (event " + eventId.orElse("?")
                                    + ") was inserted: it is not part of the chain"));
                }
                return Optional.of(fail(Tampering.EDITED, position, eventId, line.number(),
                        "record " + position + " (event " + eventId.orElse("?") + ") was changed: its content does not match its hash"));
            }
            beforeLastAccepted = chainHash;
            chainHash = json.path("hash").asText();
            lastAccepted = position;
            lastAcceptedEventId = eventId;
            lastAcceptedLine = line.number();
            expected = position + 1;
            records++;
            return Optional.empty();
        }

        private Optional<VerificationReport> checkpoint(Line line) {
            JsonNode json = line.json();
            Checkpoint checkpoint;
            try {
                checkpoint = new Checkpoint(json.path("position").asLong(), json.path("hash").asText(),
                        Instant.parse(json.path("signedAt").asText()), json.path("publicKey").asText(),
                        json.path("signature").asText());
            } catch (RuntimeException e) {
                return Optional.of(fail(Tampering.MALFORMED, expected, Optional.empty(), line.number(), "a malformed checkpoint"));
            }
            if (!key.verifies(checkpoint.message(), checkpoint.signature())) {
                return Optional.of(fail(Tampering.BAD_SIGNATURE, checkpoint.position(), Optional.empty(), line.number(),
                        "the checkpoint at position " + checkpoint.position() + " is not signed by the audit key"));
            }
            if (checkpoint.position() > lastAccepted) {
                long missing = lastAccepted + 1;
                return Optional.of(occurs(missing)
                        ? fail(Tampering.REORDERED, missing, Optional.empty(), line.number(),
                        "record " + missing + " appears after the checkpoint for position " + checkpoint.position())
                        : fail(Tampering.DELETED, missing, Optional.empty(), line.number(), "record " + missing
                        + " is missing: the checkpoint for position " + checkpoint.position() + " follows record " + lastAccepted));
            }
            if (checkpoint.position() != lastAccepted) {
                return Optional.of(fail(Tampering.REORDERED, checkpoint.position(), Optional.empty(), line.number(),
                        "the checkpoint for position " + checkpoint.position() + " follows record " + lastAccepted));
            }
            if (!checkpoint.hash().equals(chainHash)) {
                return Optional.of(rewritten(line.number(), "checkpoint " + checkpoint.position()));
            }
            lastVerifiedCheckpoint = checkpoint.position();
            checkpoints++;
            return Optional.empty();
        }

        private Optional<VerificationReport> seal(Line line) {
            JsonNode json = line.json();
            ExportSeal seal;
            try {
                seal = new ExportSeal(json.path("firstPosition").asLong(), json.path("previousHash").asText(),
                        json.path("lastPosition").asLong(), json.path("lastHash").asText(),
                        Instant.parse(json.path("exportedAt").asText()), json.path("publicKey").asText(),
                        json.path("signature").asText());
            } catch (RuntimeException e) {
                return Optional.of(fail(Tampering.MALFORMED, expected, Optional.empty(), line.number(), "a malformed seal"));
            }
            if (!key.verifies(seal.message(), seal.signature())) {
                return Optional.of(fail(Tampering.BAD_SIGNATURE, seal.lastPosition(), Optional.empty(), line.number(),
                        "the export seal is not signed by the audit key"));
            }
            if (seal.firstPosition() != first || !seal.previousHash().equals(headerPreviousHash)) {
                return Optional.of(fail(Tampering.EDITED, first, Optional.empty(), 1,
                        "the header does not match the signed seal (first position or previous hash changed)"));
            }
            if (seal.lastPosition() > lastAccepted) {
                return Optional.of(fail(Tampering.DELETED, lastAccepted + 1, Optional.empty(), line.number(),
                        "records " + (lastAccepted + 1) + " to " + seal.lastPosition() + " are missing from the end"));
            }
            if (seal.lastPosition() < lastAccepted) {
                return Optional.of(fail(Tampering.INSERTED, seal.lastPosition() + 1, Optional.empty(), line.number(),
                        "records after " + seal.lastPosition() + " were added to the file"));
            }
            if (!seal.lastHash().equals(chainHash)) {
                return Optional.of(rewritten(line.number(), "the export seal"));
            }
            checkpoints++;
            return Optional.empty();
        }

        /** Hashes that agree with each other but not with a signature: someone rewrote part of the chain. */
        private VerificationReport rewritten(long line, String what) {
            long from = lastVerifiedCheckpoint + 1;
            return fail(Tampering.EDITED, from, Optional.empty(), line, "records " + from + " to " + lastAccepted
                    + " do not match " + what + ": at least one of them was changed and the hashes recomputed");
        }

        private boolean occurs(long position) {
            return positions.occurs(position);
        }

        private VerificationReport fail(Tampering kind, long position, Optional<String> eventId, long line, String message) {
            return new VerificationReport(records, checkpoints, key == null ? "" : key.base64(), pinnedKey.isPresent(),
                    Optional.of(new VerificationReport.Finding(kind, position, eventId, line, message)));
        }

        private Line peek() throws IOException {
            if (lookahead == null) {
                lookahead = read();
            }
            return lookahead;
        }

        private Line next() throws IOException {
            if (lookahead != null) {
                Line line = lookahead;
                lookahead = null;
                return line;
            }
            return read();
        }

        private Line read() throws IOException {
            String text;
            while ((text = reader.readLine()) != null) {
                lineNumber++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode json = parse(text);
                if (json == null) {
                    return new Line(lineNumber, CanonicalJson.MAPPER.createObjectNode().put("type", "(not JSON)"));
                }
                return new Line(lineNumber, json);
            }
            return null;
        }
    }

    private static Optional<String> eventId(JsonNode line) {
        JsonNode id = line.path("record").path("id");
        return id.isMissingNode() || id.isNull() ? Optional.empty() : Optional.of(id.asText());
    }
}
