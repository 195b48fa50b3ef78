package dev.chronoscale.compliance.evidence;

/** Checks an Ed25519 signature (base64) of a message by a public key (base64 of its 32 raw bytes). */
@FunctionalInterface
public interface SignatureCheck {

    boolean verifies(String publicKey, String message, String signature);
}
