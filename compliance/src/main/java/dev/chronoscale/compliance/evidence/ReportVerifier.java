package dev.chronoscale.compliance.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a report file's evidence offline: the digest of what the file holds now against the signed one, the
 * signature, and, when a trusted key is given, that it is the key that signed. {@code problems} empty means intact.
 */
public final class ReportVerifier {

    private final SignatureCheck signatures;

    public ReportVerifier(SignatureCheck signatures) {
        this.signatures = signatures;
    }

    public record Verification(String format, Evidence evidence, boolean keyPinned, List<String> problems) {

        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /**
     * @param format        the format the file is, from its bytes
     * @param digest        the SHA-256 of the bytes the format signs, as the file holds them now
     * @param structure     what is wrong with the file's structure, found while reading it
     */
    public Verification verify(String format, String digest, Evidence evidence, List<String> structure,
                               Optional<String> trustedKey) {
        List<String> problems = new ArrayList<>(structure);
        if (!evidence.format().equals(format)) {
            problems.add("the evidence is for a " + evidence.format() + " file, this is a " + format + " file");
        }
        if (!evidence.digest().equals(digest)) {
            problems.add("the content has changed: its SHA-256 is " + digest + ", the signed one " + evidence.digest());
        }
        boolean signed;
        try {
            signed = signatures.verifies(evidence.publicKey(), evidence.message(), evidence.signature());
        } catch (IllegalArgumentException e) {
            signed = false;
        }
        if (!signed) {
            problems.add("the signature does not verify with the key the file names");
        }
        trustedKey.filter(key -> !key.equals(evidence.publicKey()))
                .ifPresent(key -> problems.add("signed by " + evidence.publicKey() + ", not by the trusted key " + key));
        return new Verification(format, evidence, trustedKey.isPresent(), problems);
    }
}
