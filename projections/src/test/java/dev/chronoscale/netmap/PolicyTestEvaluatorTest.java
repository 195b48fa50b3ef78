package dev.chronoscale.netmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.junit.jupiter.api.Test;

class PolicyTestEvaluatorTest {

    private final PolicyTestEvaluator evaluator = new PolicyTestEvaluator(new NetmapCompiler("https://c"), SmallTailnet::tailnet);

    /** Parses the policy and runs its tests against the small tailnet, as the service that sets a policy does. */
    private void validate(String text) throws InvalidPolicyException {
        evaluator.requirePassing(new PolicyParser().parse(text));
    }

    private static String policy(String tests) {
        return "{" + SmallTailnet.HEADER + """
                "acls": [{"action": "accept", "src": ["group:oncall"], "dst": ["tag:db:5432"]}],
                "ssh": [{"action": "accept", "src": ["group:oncall"], "dst": ["tag:db"], "users": ["postgres"]}],
                """ + tests + "}";
    }

    @Test
    void passingTestsLetThePolicyThrough() {
        assertThatCode(() -> validate(policy("""
                "tests": [{"src": "bob@example.com", "accept": ["tag:db:5432"], "deny": ["tag:db:22", "tag:web:5432"]}],
                "sshTests": [{"src": "bob@example.com", "dst": ["tag:db"], "accept": ["postgres"], "deny": ["root"]}]
                """))).doesNotThrowAnyException();
    }

    @Test
    void aFailingAcceptRejectsThePolicyWithTheReason() {
        assertThatThrownBy(() -> validate(policy("\"tests\": [{\"src\": \"alice@example.com\", \"accept\": [\"tag:db:5432\"]}]")))
                .hasMessageContaining("test(s) failed")
                .hasMessageContaining("alice@example.com -> tag:db:5432: expected ALLOWED, got DENIED");
    }

    @Test
    void testsNamingUnknownThingsOrPortRangesFail() {
        assertThatThrownBy(() -> validate(policy("\"tests\": [{\"src\": \"bob@example.com\", \"accept\": [\"tag:nope:5432\"]}]")))
                .hasMessageContaining("is not defined");
        assertThatThrownBy(() -> validate(policy("\"tests\": [{\"src\": \"bob@example.com\", \"accept\": [\"tag:db:*\"]}]")))
                .hasMessageContaining("single port");
        assertThatThrownBy(() -> validate(policy("\"tests\": [{\"src\": \"bob@example.com\"}]")))
                .hasMessageContaining("at least one of");
    }

    @Test
    void sshTestsCatchAMissingUser() {
        assertThatThrownBy(() -> validate(policy(
                "\"sshTests\": [{\"src\": \"bob@example.com\", \"dst\": [\"tag:db\"], \"accept\": [\"root\"]}]")))
                .hasMessageContaining("bob@example.com/root -> db: expected ALLOWED, got DENIED");
        assertThat(new PolicyTestEvaluator(new NetmapCompiler("https://c"), SmallTailnet::tailnet)).isNotNull();
    }
}
