package dev.chronoscale.compliance.evidence;

import dev.chronoscale.compliance.evidence.ReportVerifier.Verification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the verifier checks of evidence, whatever the file it came from. */
class ReportVerifierTest {

    private static final String DIGEST = Digests.sha256("file".getBytes(StandardCharsets.UTF_8));
    private static final String CONTENT = Digests.sha256("content".getBytes(StandardCharsets.UTF_8));
    private static final String CHAIN = Digests.sha256("chain".getBytes(StandardCharsets.UTF_8));

    private final Evidence evidence = Evidence.sign("keys", "html", DIGEST, CONTENT, new ChainHead(42, CHAIN), TestKeys.SIGNER);
    private final ReportVerifier verifier = TestKeys.verifier();

    @Test
    void evidenceThatMatchesIsIntact() {
        Verification verification = verifier.verify("html", DIGEST, evidence, List.of(), Optional.empty());

        assertThat(verification.intact()).isTrue();
        assertThat(verification.evidence()).isEqualTo(evidence);
    }

    @Test
    void theEvidenceOfAnotherFormatIsAProblem() {
        Verification verification = verifier.verify("pdf", DIGEST, evidence, List.of(), Optional.empty());

        assertThat(verification.problems()).containsExactly("the evidence is for a html file, this is a pdf file");
    }

    @Test
    void aChangedChainHeadBreaksTheSignature() {
        Evidence moved = new Evidence("keys", "html", DIGEST, CONTENT, 43, CHAIN, evidence.publicKey(), evidence.signature());

        Verification verification = verifier.verify("html", DIGEST, moved, List.of(), Optional.empty());

        assertThat(verification.problems()).containsExactly("the signature does not verify with the key the file names");
    }

    @Test
    void aChangedContentDigestBreaksTheSignature() {
        Evidence other = new Evidence("keys", "html", DIGEST, DIGEST, 42, CHAIN, evidence.publicKey(), evidence.signature());

        assertThat(verifier.verify("html", DIGEST, other, List.of(), Optional.empty()).problems())
                .containsExactly("the signature does not verify with the key the file names");
    }

    @Test
    void anotherKeysSignatureDoesNotVerify() {
        TestKeys other = TestKeys.generate();
        Evidence resigned = new Evidence("keys", "html", DIGEST, CONTENT, 42, CHAIN, evidence.publicKey(),
                other.sign(evidence.message()));

        assertThat(verifier.verify("html", DIGEST, resigned, List.of(), Optional.empty()).problems())
                .containsExactly("the signature does not verify with the key the file names");
    }

    @Test
    void aKeyThatIsNoKeyIsAProblemNotAnException() {
        for (String key : List.of("not base64!", "AAAA", "")) {
            Evidence broken = new Evidence("keys", "html", DIGEST, CONTENT, 42, CHAIN, key, evidence.signature());

            Verification verification = verifier.verify("html", DIGEST, broken, List.of(), Optional.empty());

            assertThat(verification.problems()).as(key).containsExactly("the signature does not verify with the key the file names");
        }
    }

    @Test
    void theFilesStructuralProblemsComeFirst() {
        Verification verification = verifier.verify("html", CONTENT, evidence, List.of("the manifest is broken"),
                Optional.of(TestKeys.SIGNER.publicKey()));

        assertThat(verification.problems()).containsExactly("the manifest is broken",
                "the content has changed: its SHA-256 is " + CONTENT + ", the signed one " + DIGEST);
        assertThat(verification.keyPinned()).isTrue();
    }
}
