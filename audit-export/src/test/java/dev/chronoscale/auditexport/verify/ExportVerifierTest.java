package dev.chronoscale.auditexport.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.AuditFixture;
import dev.chronoscale.auditexport.chain.ChainHash;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.schema.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A real export from a real chain, tampered with in each way an auditor worries about. */
class ExportVerifierTest {

    @TempDir
    Path dir;
    private AuditFixture fixture;
    private Path file;
    private List<String> lines;

    @BeforeEach
    void export() throws IOException {
        fixture = new AuditFixture(dir);
        fixture.history(10);
        fixture.appender.appendAvailable();
        file = dir.resolve("audit.jsonl");
        List<String> written = new ArrayList<>();
        fixture.exporter.export(Optional.empty(), Optional.empty(), written::add);
        Files.write(file, written);
        lines = new ArrayList<>(written);
    }

    private VerificationReport verifyTampered() throws IOException {
        Path tampered = dir.resolve("tampered.jsonl");
        Files.write(tampered, lines);
        return new ExportVerifier(Optional.of(fixture.key.publicKey())).verify(tampered);
    }

    private int lineOf(long position) {
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode json = json(i);
            if (json.path("type").asText().equals("record") && json.path("position").asLong() == position) {
                return i;
            }
        }
        throw new AssertionError("no record " + position);
    }

    private ObjectNode json(int index) {
        try {
            return (ObjectNode) CanonicalJson.MAPPER.readTree(lines.get(index));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String eventId(long position) {
        return json(lineOf(position)).path("record").path("id").asText();
    }

    @Test
    void aCleanExportVerifies() {
        VerificationReport report = new ExportVerifier(Optional.of(fixture.key.publicKey())).verify(file);
        assertThat(report.firstProblem()).isEmpty();
        assertThat(report.recordsChecked()).isEqualTo(10);
        // checkpoints every 3 records (pages of 3) plus the last one and the seal
        assertThat(report.checkpointsChecked()).isEqualTo(5);
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"seal\"");
    }

    @Test
    void anEditedRecordIsNamed() throws IOException {
        int at = lineOf(4);
        lines.set(at, lines.get(at).replace("renamed2", "innocent"));
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Tampering.EDITED);
            assertThat(f.position()).isEqualTo(4);
            assertThat(f.eventId()).contains(eventId(4));
        });
    }

    @Test
    void anEditWithRecomputedHashesIsCaughtByTheNextCheckpoint() throws IOException {
        int at = lineOf(4);
        ObjectNode edited = json(at);
        ((ObjectNode) edited.get("record")).put("reason", "nothing to see");
        String hash = ChainHash.of(edited.path("previousHash").asText(), edited.get("record"));
        edited.put("hash", hash);
        lines.set(at, CanonicalJson.write(edited));
        for (long p = 5; p <= 10; p++) {
            int i = lineOf(p);
            ObjectNode next = json(i);
            next.put("previousHash", hash);
            hash = ChainHash.of(hash, next.get("record"));
            next.put("hash", hash);
            lines.set(i, CanonicalJson.write(next));
        }
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Tampering.EDITED);
            assertThat(f.position()).isEqualTo(4); // records 1-3 are covered by the checkpoint at 3
            assertThat(f.message()).contains("hashes recomputed");
        });
    }

    @Test
    void aDeletedRecordIsNamed() throws IOException {
        lines.remove(lineOf(5));
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Tampering.DELETED);
            assertThat(f.position()).isEqualTo(5);
        });
    }

    @Test
    void aDeletedRecordBeforeACheckpointIsNamed() throws IOException {
        lines.remove(lineOf(3)); // record 3 is followed by the checkpoint for position 3
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Tampering.DELETED);
            assertThat(f.position()).isEqualTo(3);
        });
    }

    @Test
    void recordsCutFromTheEndAreFound() throws IOException {
        int last = lineOf(10);
        while (lines.size() > last) {
            lines.remove(last);
        }
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(Tampering.DELETED));
    }

    @Test
    void anInsertedRecordIsNamedEvenWithAValidLookingHash() throws IOException {
        int before = lineOf(5);
        ObjectNode forged = json(before);
        ((ObjectNode) forged.get("record")).put("id", "forged-event").put("action", "node.deleted");
        forged.put("hash", ChainHash.of(forged.path("previousHash").asText(), forged.get("record")));
        lines.add(before, CanonicalJson.write(forged));
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Tampering.INSERTED);
            assertThat(f.eventId()).contains("forged-event");
        });
    }

    @Test
    void aNaivelyInsertedRecordIsNamed() throws IOException {
        int before = lineOf(5);
        lines.add(before, lines.get(before).replace(eventId(5), "copied-event"));
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Tampering.INSERTED);
            assertThat(f.eventId()).contains("copied-event");
        });
    }

    @Test
    void reorderedRecordsAreNamed() throws IOException {
        int a = lineOf(7);
        int b = lineOf(8);
        String first = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, first);
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Tampering.REORDERED);
            assertThat(f.position()).isEqualTo(8);
            assertThat(f.eventId()).contains(eventId(8));
        });
    }

    @Test
    void aFileSignedByAnotherKeyIsRefusedWhenTheKeyIsPinned() throws IOException {
        AuditSigningKey other = AuditSigningKey.loadOrCreate(dir.resolve("other.key"));
        VerificationReport report = new ExportVerifier(Optional.of(other.publicKey())).verify(file);
        assertThat(report.firstProblem()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(Tampering.BAD_SIGNATURE));
    }

    @Test
    void aForgedCheckpointSignatureIsFound() throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            if (json(i).path("type").asText().equals("checkpoint")) {
                ObjectNode checkpoint = json(i);
                checkpoint.put("hash", "f".repeat(64));
                lines.set(i, CanonicalJson.write(checkpoint));
                break;
            }
        }
        VerificationReport report = verifyTampered();
        assertThat(report.firstProblem()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(Tampering.BAD_SIGNATURE));
    }
}
