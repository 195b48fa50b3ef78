package dev.chronoscale.compliance.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence's signed message and its one line of JSON. */
class EvidenceTest {

    private static final String DIGEST = Digests.sha256("file".getBytes(StandardCharsets.UTF_8));
    private static final String CONTENT = Digests.sha256("content".getBytes(StandardCharsets.UTF_8));
    private static final String CHAIN = Digests.sha256("chain".getBytes(StandardCharsets.UTF_8));

    private final Evidence evidence = Evidence.sign("keys", "pdf", DIGEST, CONTENT, new ChainHead(42, CHAIN), TestKeys.SIGNER);

    @Test
    void theMessageNamesTheKindTheFormatBothDigestsAndTheChainHead() {
        assertThat(evidence.message()).isEqualTo("chronoscale-report/1 keys pdf sha256:" + DIGEST + " content-sha256:" + CONTENT
                + " chain:42:" + CHAIN);
    }

    @Test
    void signingSignsTheMessageWithTheSignersKey() {
        assertThat(evidence.publicKey()).isEqualTo(TestKeys.SIGNER.publicKey());
        assertThat(TestKeys.verifies(evidence.publicKey(), evidence.message(), evidence.signature())).isTrue();
    }

    @Test
    void theJsonIsOneLineWithItsFieldsInAFixedOrder() {
        assertThat(evidence.toJson()).isEqualTo("{\"kind\":\"keys\",\"format\":\"pdf\",\"digest\":\"sha256:" + DIGEST
                + "\",\"contentDigest\":\"sha256:" + CONTENT + "\",\"chain\":{\"position\":42,\"hash\":\"" + CHAIN
                + "\"},\"publicKey\":\"" + evidence.publicKey() + "\",\"signature\":\"" + evidence.signature() + "\"}");
    }

    @Test
    void theJsonParsesBackToTheSameEvidence() {
        assertThat(Evidence.parse(evidence.toJson())).contains(evidence);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "\"evidence\"", "{}",
            "{\"kind\":\"keys\",\"format\":\"pdf\",\"digest\":\"ab\",\"contentDigest\":\"sha256:ab\",\"publicKey\":\"k\",\"signature\":\"s\"}",
            "{\"kind\":\"keys\",\"format\":\"pdf\",\"digest\":\"sha256:ab\",\"contentDigest\":\"sha256:ab\",\"publicKey\":\"k\"}",
            "{\"kind\":1,\"format\":\"pdf\",\"digest\":\"sha256:ab\",\"contentDigest\":\"sha256:ab\",\"publicKey\":\"k\",\"signature\":\"s\"}"})
    void textThatIsNotEvidenceParsesToNothing(String json) {
        assertThat(Evidence.parse(json)).isEmpty();
    }

    @Test
    void evidenceWithAnythingBesideItsSignedFieldsParsesToNothing() {
        String json = evidence.toJson();
        assertThat(Evidence.parse(json + "\n")).as("one line end, as the CSV archive writes it").contains(evidence);
        assertThat(Evidence.parse(json.substring(0, json.length() - 1) + ",\"approvedBy\":\"the auditor\"}")).isEmpty();
        assertThat(Evidence.parse(json + "{\"approvedBy\":\"the auditor\"}")).isEmpty();
        assertThat(Evidence.parse(json.replace(",", ", "))).as("the same fields, written otherwise").isEmpty();
        assertThat(Evidence.parse(json + "\n\n")).isEmpty();
    }
}
