package dev.chronoscale.domain.policy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TailscalePolicyValidatorTest {

    private static final String POLICY = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}],"
            + " \"tests\": [{\"src\": \"alice@example.com\", \"accept\": [\"10.0.0.1:22\"]}]}";

    @Test
    void acceptsAValidPolicyWhoseTestsPass() {
        PolicyValidator validator = new TailscalePolicyValidator(new PolicyParser(), PolicyTestRunner.NONE);
        assertThatCode(() -> validator.validate(POLICY)).doesNotThrowAnyException();
    }

    @Test
    void refusesAPolicyWhoseTestsFailWithTheFailures() {
        PolicyValidator validator = new TailscalePolicyValidator(new PolicyParser(),
                policy -> List.of("alice@example.com -> 10.0.0.1:22: expected ALLOWED, got DENIED"));
        assertThatThrownBy(() -> validator.validate(POLICY))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("test(s) failed")
                .hasMessageContaining("expected ALLOWED");
    }

    @Test
    void refusesUnparseableText() {
        PolicyValidator validator = new TailscalePolicyValidator(new PolicyParser(), PolicyTestRunner.NONE);
        assertThatThrownBy(() -> validator.validate("{\"acls\": [")).hasMessageStartingWith("line 1, column");
    }
}
