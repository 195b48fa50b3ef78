package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyCommands.SetPolicy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.domain.policy.PolicyRejectedException;
import dev.chronoscale.domain.policy.PolicyTestRunner;
import dev.chronoscale.domain.policy.PolicyTextLimits;
import dev.chronoscale.domain.policy.TailscalePolicyValidator;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.PolicyView;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service behind {@code policy set} and {@code policy check}: it runs the policy's tests, once, itself. */
class PolicyAdminTest {

    private static final String POLICY = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}],"
            + " \"tests\": [{\"src\": \"alice@example.com\", \"accept\": [\"10.0.0.1:22\"]}]}";
    private static final String FAILURE = "alice@example.com -> 10.0.0.1:22: expected ALLOWED, got DENIED";
    private static final PolicyView IN_FORCE = new PolicyView(1, POLICY, "digest", Instant.EPOCH);

    private final List<Object> sent = new ArrayList<>();
    private final List<Policy> tested = new ArrayList<>();
    private List<String> failures = List.of();

    private final PolicyAdmin admin = new PolicyAdmin(new AuditedCommandSender(recordingGateway()), inventory(),
            new TailscalePolicyValidator(new PolicyParser()), policy -> {
                tested.add(policy);
                return failures;
            });

    private CommandGateway recordingGateway() {
        return (CommandGateway) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{CommandGateway.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("sendAndWait")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    sent.add(((CommandMessage<?>) args[0]).getPayload());
                    return null;
                });
    }

    private static InventoryQueries inventory() {
        return new InventoryQueries(null) {
            @Override
            public Optional<PolicyView> policy() {
                return Optional.of(IN_FORCE);
            }
        };
    }

    @Test
    void setRunsThePolicysTestsOnceThenSendsTheCommand() {
        assertThat(admin.set(POLICY, AuditContext.system("test"))).isEqualTo(IN_FORCE);
        assertThat(tested).hasSize(1);
        assertThat(tested.get(0).tests()).hasSize(1);
        assertThat(sent).containsExactly(new SetPolicy(POLICY));
    }

    @Test
    void refusesAPolicyWhoseTestsFailWithTheFailuresAndSendsNothing() {
        failures = List.of(FAILURE);
        assertThatThrownBy(() -> admin.set(POLICY, AuditContext.system("test")))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessageStartingWith("policy rejected: test(s) failed")
                .hasMessageContaining("expected ALLOWED")
                .hasMessage("policy rejected: test(s) failed:\n" + FAILURE)
                .extracting(e -> ((DomainException) e).kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(tested).hasSize(1);
        assertThat(sent).isEmpty();
    }

    @Test
    void checkRunsTheTestsTooAndNeverSends() {
        admin.check(POLICY);
        failures = List.of(FAILURE);
        assertThatThrownBy(() -> admin.check(POLICY))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessage("policy rejected: test(s) failed:\n" + FAILURE);
        assertThat(tested).hasSize(2);
        assertThat(sent).isEmpty();
    }

    @Test
    void anEmptyTextIsHeadscalesEmptyPolicyWhoseAllowAllRuleIsWhatTheTestsRunAgainst() throws Exception {
        admin.set("", AuditContext.system("test"));
        assertThat(sent).containsExactly(new SetPolicy(""));
        assertThat(tested).hasSize(1);
        assertThat(tested.get(0)).isEqualTo(new PolicyParser().parse(PolicyParser.EMPTY_POLICY_MEANS));
    }

    @Test
    void anUnparseableTextIsRefusedWithTheParsersReasonBeforeAnyTestRuns() {
        assertThatThrownBy(() -> admin.set("{\"acls\": [", AuditContext.system("test")))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessageStartingWith("policy rejected: line 1, column");
        assertThat(tested).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void anOversizedTextIsRefusedForTheAggregatesReasonWithoutTests() {
        String huge = POLICY + " ".repeat(PolicyTextLimits.MAX_BYTES);
        failures = List.of(FAILURE);
        assertThatThrownBy(() -> admin.set(huge, AuditContext.system("test")))
                .isInstanceOf(DomainException.class).hasMessageContaining("larger than");
        assertThat(tested).isEmpty();
        assertThat(sent).isEmpty();
    }
}
