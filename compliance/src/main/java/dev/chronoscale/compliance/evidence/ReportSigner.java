package dev.chronoscale.compliance.evidence;

/** Signs a report's evidence message with the audit signing key (Ed25519, base64 signature and key). */
public interface ReportSigner {

    String publicKey();

    String sign(String message);
}
