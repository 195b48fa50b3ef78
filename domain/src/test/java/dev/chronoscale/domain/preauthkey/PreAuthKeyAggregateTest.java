package dev.chronoscale.domain.preauthkey;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.CreatePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.DeletePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.ExpirePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.UsePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyDeleted;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyExpired;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import dev.chronoscale.domain.uniqueness.ValueTakenException;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.chronoscale.domain.DomainMatchers.domainException;
import static org.assertj.core.api.Assertions.assertThat;

class PreAuthKeyAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));
    private static final String PREFIX = "hskey-auth-abc123";
    private static final String HASH = "$2a$10$abcdefghijklmnopqrstuv";

    private final InMemoryUniquenessRegistry claims = new InMemoryUniquenessRegistry();
    private AggregateTestFixture<PreAuthKeyAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PreAuthKeyAggregate.class);
        fixture.registerInjectableResource(claims);
    }

    private static CreatePreAuthKey create(boolean reusable, List<String> tags) {
        return new CreatePreAuthKey(5, 1L, PREFIX, HASH, reusable, false, EXPIRES, tags);
    }

    private static PreAuthKeyCreated created(boolean reusable) {
        return new PreAuthKeyCreated(5, 1L, PREFIX, HASH, reusable, false, EXPIRES, List.of());
    }

    @Test
    void createRecordsTheKeyWithNormalisedTagsAndClaimsThePrefix() {
        fixture.givenNoPriorActivity()
                .when(new CreatePreAuthKey(5, 1L, PREFIX, HASH, true, true, EXPIRES,
                        List.of("tag:web", " tag:db ", "tag:web")))
                .expectEvents(new PreAuthKeyCreated(5, 1L, PREFIX, HASH, true, true, EXPIRES,
                        List.of("tag:db", "tag:web")));
        assertThat(claims.owner(ClaimKind.PREAUTH_KEY_PREFIX, PREFIX)).contains("preauthkey:5");
    }

    @Test
    void createWithoutTagsRecordsAnEmptyTagList() {
        fixture.givenNoPriorActivity()
                .when(create(false, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(false));
    }

    @Test
    void aPreApprovedKeySaysSoOnItsCreation() {
        fixture.givenNoPriorActivity()
                .when(new CreatePreAuthKey(5, 1L, PREFIX, HASH, false, false, EXPIRES, List.of(), true))
                .expectEvents(new PreAuthKeyCreated(5, 1L, PREFIX, HASH, false, false, EXPIRES, List.of(), null, true));
        assertThat(new PreAuthKeyCreated(5, 1L, PREFIX, HASH, false, false, EXPIRES, List.of(), null, true).approvesNodes())
                .isTrue();
        assertThat(created(false).approvesNodes()).isFalse();
    }

    @Test
    void aKeyWithTagsNeedsNoUser() {
        fixture.givenNoPriorActivity()
                .when(new CreatePreAuthKey(5, null, PREFIX, HASH, true, false, EXPIRES, List.of("tag:ci")))
                .expectEvents(new PreAuthKeyCreated(5, null, PREFIX, HASH, true, false, EXPIRES, List.of("tag:ci")));
    }

    @Test
    void aKeyWithNeitherUserNorTagsIsRefusedAndLeavesThePrefixFree() {
        fixture.givenNoPriorActivity()
                .when(new CreatePreAuthKey(5, null, PREFIX, HASH, true, false, EXPIRES, List.of()))
                .expectException(domainException(Kind.INVALID, "needs a user or tags"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.PREAUTH_KEY_PREFIX, PREFIX)).isEmpty();
    }

    @Test
    void createWithAnInvalidTagIsRefusedAndLeavesThePrefixFree() {
        fixture.givenNoPriorActivity()
                .when(create(false, List.of("tag:web", "web")))
                .expectException(domainException(Kind.INVALID, "tag 'web' is invalid"))
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.PREAUTH_KEY_PREFIX, PREFIX)).isEmpty();
    }

    @Test
    void createWithoutExpirationIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreatePreAuthKey(5, 1L, PREFIX, HASH, false, false, null, List.of()))
                .expectException(domainException(Kind.INVALID, "expiration"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.PREAUTH_KEY_PREFIX)).isEmpty();
    }

    @Test
    void createWithoutSecretHashIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreatePreAuthKey(5, 1L, PREFIX, " ", false, false, EXPIRES, List.of()))
                .expectException(domainException(Kind.INVALID, "secret hash"))
                .expectNoEvents();
    }

    @Test
    void createWithAPrefixHeldByAnotherKeyIsRefused() {
        claims.claim(ClaimKind.PREAUTH_KEY_PREFIX, PREFIX, "preauthkey:4");

        fixture.givenNoPriorActivity()
                .when(create(false, List.of()))
                .expectException(ValueTakenException.class)
                .expectNoEvents();
    }

    @Test
    void singleUseKeyCanBeUsedOnce() {
        fixture.given(created(false))
                .when(new UsePreAuthKey(5, 100, NOW))
                .expectEvents(new PreAuthKeyUsed(5, 100, NOW));
    }

    @Test
    void singleUseKeyIsRefusedTheSecondTime() {
        fixture.given(created(false), new PreAuthKeyUsed(5, 100, NOW))
                .when(new UsePreAuthKey(5, 101, NOW.plusSeconds(60)))
                .expectException(PreAuthKeyRefusedException.class)
                .expectException(domainException(Kind.FORBIDDEN, "already been used"))
                .expectNoEvents();
    }

    @Test
    void singleUseKeyIsRefusedTheSecondTimeWhenUsedThroughCommands() {
        fixture.givenCommands(create(false, List.of()), new UsePreAuthKey(5, 100, NOW))
                .when(new UsePreAuthKey(5, 101, NOW.plusSeconds(1)))
                .expectException(PreAuthKeyRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void reusableKeyCanBeUsedManyTimes() {
        fixture.given(created(true), new PreAuthKeyUsed(5, 100, NOW), new PreAuthKeyUsed(5, 101, NOW.plusSeconds(1)))
                .when(new UsePreAuthKey(5, 102, NOW.plusSeconds(2)))
                .expectEvents(new PreAuthKeyUsed(5, 102, NOW.plusSeconds(2)));
    }

    @Test
    void keyIsRefusedAtItsExpirationInstant() {
        fixture.given(created(true))
                .when(new UsePreAuthKey(5, 100, EXPIRES))
                .expectException(domainException(Kind.FORBIDDEN, "expired"))
                .expectNoEvents();
    }

    @Test
    void keyIsRefusedAfterItsExpiration() {
        fixture.given(created(false))
                .when(new UsePreAuthKey(5, 100, EXPIRES.plus(Duration.ofDays(1))))
                .expectException(domainException(Kind.FORBIDDEN, "expired"))
                .expectNoEvents();
    }

    @Test
    void keyIsAcceptedJustBeforeItsExpiration() {
        Instant justBefore = EXPIRES.minusMillis(1);
        fixture.given(created(false))
                .when(new UsePreAuthKey(5, 100, justBefore))
                .expectEvents(new PreAuthKeyUsed(5, 100, justBefore));
    }

    @Test
    void expireRecordsTheNewEnd() {
        fixture.given(created(true))
                .when(new ExpirePreAuthKey(5, NOW))
                .expectEvents(new PreAuthKeyExpired(5, NOW));
    }

    @Test
    void expiredKeyIsRefusedEvenBeforeItsOriginalExpiration() {
        fixture.given(created(true), new PreAuthKeyExpired(5, NOW))
                .when(new UsePreAuthKey(5, 100, NOW.plusSeconds(60)))
                .expectException(domainException(Kind.FORBIDDEN, "expired"))
                .expectNoEvents();
    }

    @Test
    void expiringAnAlreadyExpiredKeyRecordsNothing() {
        fixture.given(created(true), new PreAuthKeyExpired(5, NOW))
                .when(new ExpirePreAuthKey(5, NOW.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void expiringAKeyPastItsExpirationRecordsNothing() {
        fixture.given(created(true))
                .when(new ExpirePreAuthKey(5, EXPIRES.plusSeconds(1)))
                .expectNoEvents();
    }

    @Test
    void deleteReleasesThePrefix() {
        fixture.givenCommands(create(false, List.of()))
                .when(new DeletePreAuthKey(5))
                .expectEvents(new PreAuthKeyDeleted(5))
                .expectMarkedDeleted();
        assertThat(claims.owner(ClaimKind.PREAUTH_KEY_PREFIX, PREFIX)).isEmpty();
    }

    @Test
    void deletedKeyCannotBeUsed() {
        fixture.given(created(true), new PreAuthKeyDeleted(5))
                .when(new UsePreAuthKey(5, 100, NOW))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }
}
