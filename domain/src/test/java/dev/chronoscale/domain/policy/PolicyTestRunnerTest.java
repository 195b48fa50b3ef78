package dev.chronoscale.domain.policy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTestRunnerTest {

    private static final String POLICY = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}],"
            + " \"tests\": [{\"src\": \"alice@example.com\", \"accept\": [\"10.0.0.1:22\"]}]}";

    @Test
    void passingTestsLetThePolicyThrough() {
        PolicyTestRunner passing = policy -> List.of();
        assertThatCode(() -> passing.requirePassing(new PolicyParser().parse(POLICY))).doesNotThrowAnyException();
    }

    @Test
    void refusesAPolicyWhoseTestsFailWithTheFailures() {
        List<String> failures = List.of("alice@example.com -> 10.0.0.1:22: expected ALLOWED, got DENIED",
                "alice@example.com -> 10.0.0.2:22: expected ALLOWED, got DENIED");
        PolicyTestRunner failing = policy -> failures;
        assertThatThrownBy(() -> failing.requirePassing(new PolicyParser().parse(POLICY)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("test(s) failed")
                .hasMessageContaining("expected ALLOWED")
                .hasMessage("test(s) failed:\n" + failures.get(0) + "\n" + failures.get(1));
    }
}
