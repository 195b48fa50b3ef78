package dev.chronoscale.admin.reports;

import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.compliance.evidence.ReportSigner;

/** Reports are signed with the key that signs the audit chain's checkpoints and exports. */
public record AuditKeySigner(AuditSigningKey key) implements ReportSigner {

    @Override
    public String publicKey() {
        return key.publicKey().base64();
    }

    @Override
    public String sign(String message) {
        return key.sign(message);
    }
}
