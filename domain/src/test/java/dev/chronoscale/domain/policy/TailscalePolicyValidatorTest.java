package dev.chronoscale.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TailscalePolicyValidatorTest {

    private static final String POLICY = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}],"
            + " \"tests\": [{\"src\": \"alice@example.com\", \"accept\": [\"10.0.0.1:22\"]}]}";

    private final TailscalePolicyValidator validator = new TailscalePolicyValidator(new PolicyParser());

    @Test
    void acceptsAValidPolicyWithoutRunningItsTests() throws Exception {
        // No tailnet here: alice and 10.0.0.1 exist nowhere, so the test would fail if it ran.
        assertThatCode(() -> validator.validate(POLICY)).doesNotThrowAnyException();
        assertThat(validator.check(POLICY).tests()).hasSize(1);
    }

    @Test
    void refusesUnparseableText() {
        assertThatThrownBy(() -> validator.validate("{\"acls\": [")).hasMessageStartingWith("line 1, column");
    }
}
