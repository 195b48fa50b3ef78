package dev.chronoscale.auditexport.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.checkpoint.Checkpoint;
import dev.chronoscale.auditexport.checkpoint.ExportSeal;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.time.Instant;

/**
 * The JSON lines of an export file (docs/audit.md, "Export file"): a header, records with their chain
 * hashes, the server's checkpoints among them, and a signed seal as the last line.
 */
public final class ExportLines {

    public static final String FORMAT = "chronoscale-audit-export";
    public static final int VERSION = 1;

    private ExportLines() {
    }

    public static ObjectNode header(long firstPosition, String previousHash, String publicKey, Instant exportedAt) {
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.put("type", "header");
        json.put("format", FORMAT);
        json.put("version", VERSION);
        json.put("hash", "SHA-256");
        json.put("signature", "Ed25519");
        json.put("publicKey", publicKey);
        json.put("firstPosition", firstPosition);
        json.put("previousHash", previousHash);
        json.put("exportedAt", exportedAt.toString());
        return json;
    }

    public static ObjectNode record(ChainedRecord link) {
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.put("type", "record");
        json.put("position", link.position());
        json.put("previousHash", link.previousHash());
        json.put("hash", link.hash());
        json.set("record", link.record());
        return json;
    }

    public static ObjectNode checkpoint(Checkpoint checkpoint) {
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.put("type", "checkpoint");
        json.put("position", checkpoint.position());
        json.put("hash", checkpoint.hash());
        json.put("signedAt", checkpoint.signedAt().toString());
        json.put("publicKey", checkpoint.publicKey());
        json.put("signature", checkpoint.signature());
        return json;
    }

    public static ObjectNode seal(ExportSeal seal) {
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.put("type", "seal");
        json.put("firstPosition", seal.firstPosition());
        json.put("previousHash", seal.previousHash());
        json.put("lastPosition", seal.lastPosition());
        json.put("lastHash", seal.lastHash());
        json.put("exportedAt", seal.exportedAt().toString());
        json.put("publicKey", seal.publicKey());
        json.put("signature", seal.signature());
        return json;
    }
}
