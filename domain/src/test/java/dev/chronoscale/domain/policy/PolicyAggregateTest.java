package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.policy.PolicyCommands.SetPolicy;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.chronoscale.domain.DomainMatchers.domainException;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyAggregateTest {

    private static final String ALLOW_ALL = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]}";
    private static final String ADMINS_ONLY = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"group:admin\"], \"dst\": [\"*:*\"]}]}";

    /** Texts the validator was asked about, in order. */
    private final List<String> validated = new ArrayList<>();
    private AggregateTestFixture<PolicyAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PolicyAggregate.class);
        fixture.registerInjectableResource((PolicyValidator) text -> {
            validated.add(text);
            if (text.contains("invalid")) {
                throw new InvalidPolicyException("line 1: unknown action \"invalid\"");
            }
        });
    }

    /** Computed here rather than through the aggregate, so a wrong digest in the aggregate shows up. */
    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void firstPolicyIsVersionOneWithoutPredecessor() throws Exception {
        fixture.givenNoPriorActivity()
                .when(new SetPolicy(ALLOW_ALL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PolicyUpdated(1, ALLOW_ALL, sha256(ALLOW_ALL), null));
        assertThat(validated).containsExactly(ALLOW_ALL);
    }

    @Test
    void digestIsTheHexSha256OfTheUtf8Text() {
        // FIPS 180-2 test vector: SHA-256("abc").
        fixture.givenNoPriorActivity()
                .when(new SetPolicy("abc"))
                .expectEvents(new PolicyUpdated(1, "abc",
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", null));
    }

    @Test
    void settingTheSameTextAgainRecordsNothing() throws Exception {
        fixture.given(new PolicyUpdated(1, ALLOW_ALL, sha256(ALLOW_ALL), null))
                .when(new SetPolicy(ALLOW_ALL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settingTheSameTextThroughCommandsRecordsNothing() {
        fixture.givenCommands(new SetPolicy(ALLOW_ALL))
                .when(new SetPolicy(ALLOW_ALL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void newTextIncrementsTheVersionAndChainsThePreviousDigest() throws Exception {
        fixture.given(new PolicyUpdated(1, ALLOW_ALL, sha256(ALLOW_ALL), null))
                .when(new SetPolicy(ADMINS_ONLY))
                .expectEvents(new PolicyUpdated(2, ADMINS_ONLY, sha256(ADMINS_ONLY), sha256(ALLOW_ALL)));
    }

    @Test
    void revertingToAnEarlierTextIsANewVersion() throws Exception {
        fixture.givenCommands(new SetPolicy(ALLOW_ALL), new SetPolicy(ADMINS_ONLY))
                .when(new SetPolicy(ALLOW_ALL))
                .expectEvents(new PolicyUpdated(3, ALLOW_ALL, sha256(ALLOW_ALL), sha256(ADMINS_ONLY)));
    }

    @Test
    void invalidPolicyIsRejectedWithTheValidatorsReason() throws Exception {
        String bad = "{\"acls\": [{\"action\": \"invalid\"}]}";
        fixture.given(new PolicyUpdated(1, ALLOW_ALL, sha256(ALLOW_ALL), null))
                .when(new SetPolicy(bad))
                .expectException(PolicyRejectedException.class)
                .expectException(domainException(Kind.INVALID, "unknown action \"invalid\""))
                .expectExceptionMessage("policy rejected: line 1: unknown action \"invalid\"")
                .expectNoEvents();
        assertThat(validated).containsExactly(bad);
    }

    @Test
    void invalidFirstPolicyIsRejectedWithoutCreatingAVersion() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicy("invalid"))
                .expectException(PolicyRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void aBlankPolicyIsHeadscalesEmptyPolicyAndIsRecordedAsTheEmptyText() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicy("  \n "))
                .expectEvents(new PolicyUpdated(1, "", PolicyAggregate.sha256(""), null));
    }

    @Test
    void aMissingPolicyIsRefusedWithoutAskingTheValidator() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicy(null))
                .expectException(domainException(Kind.INVALID, "missing"))
                .expectNoEvents();
        assertThat(validated).isEmpty();
    }

    @Test
    void oversizedPolicyIsRefused() {
        // 2-byte characters: the limit is in UTF-8 bytes, not characters.
        String huge = "\u00e9".repeat(PolicyTextLimits.MAX_BYTES / 2 + 1);
        fixture.givenNoPriorActivity()
                .when(new SetPolicy(huge))
                .expectException(domainException(Kind.INVALID, "larger than"))
                .expectNoEvents();
        assertThat(validated).isEmpty();
    }

    @Test
    void policyOfExactlyTheLimitIsAccepted() throws Exception {
        String limit = "a".repeat(PolicyTextLimits.MAX_BYTES);
        fixture.givenNoPriorActivity()
                .when(new SetPolicy(limit))
                .expectEvents(new PolicyUpdated(1, limit, sha256(limit), null));
    }
}
