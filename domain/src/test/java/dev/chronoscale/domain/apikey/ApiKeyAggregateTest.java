package dev.chronoscale.domain.apikey;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.apikey.ApiKeyCommands.CreateApiKey;
import dev.chronoscale.domain.apikey.ApiKeyCommands.DeleteApiKey;
import dev.chronoscale.domain.apikey.ApiKeyCommands.ExpireApiKey;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyDeleted;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyExpired;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import dev.chronoscale.domain.uniqueness.ValueTakenException;
import dev.chronoscale.domain.user.UserRole;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.chronoscale.domain.DomainMatchers.domainException;
import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(90));
    private static final String PREFIX = "cs_abcdef12";
    private static final String HASH = "sha256:0123456789abcdef";

    private final InMemoryUniquenessRegistry claims = new InMemoryUniquenessRegistry();
    private AggregateTestFixture<ApiKeyAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKeyAggregate.class);
        fixture.registerInjectableResource(claims);
    }

    @Test
    void createRecordsPrefixHashAndExpirationAndClaimsThePrefix() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(3, PREFIX, HASH, EXPIRES))
                .expectEvents(new ApiKeyCreated(3, PREFIX, HASH, EXPIRES));
        assertThat(claims.owner(ClaimKind.API_KEY_PREFIX, PREFIX)).contains("apikey:3");
    }

    @Test
    void aKeyCreatedWithARoleRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(3, PREFIX, HASH, EXPIRES, UserRole.AUDITOR))
                .expectEvents(new ApiKeyCreated(3, PREFIX, HASH, EXPIRES, null, "auditor"));
    }

    @Test
    void aKeyWithTheMemberRoleIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(3, PREFIX, HASH, EXPIRES, UserRole.MEMBER))
                .expectException(domainException(Kind.INVALID, "member role could use nothing"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.API_KEY_PREFIX)).isEmpty();
    }

    @Test
    void createWithoutExpirationIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(3, PREFIX, HASH, null))
                .expectException(domainException(Kind.INVALID, "expiration"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.API_KEY_PREFIX)).isEmpty();
    }

    @Test
    void createWithoutSecretHashIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(3, PREFIX, null, EXPIRES))
                .expectException(domainException(Kind.INVALID, "secret hash"))
                .expectNoEvents();
        assertThat(claims.claimed(ClaimKind.API_KEY_PREFIX)).isEmpty();
    }

    @Test
    void createWithAPrefixHeldByAnotherKeyIsRefused() {
        claims.claim(ClaimKind.API_KEY_PREFIX, PREFIX, "apikey:2");

        fixture.givenNoPriorActivity()
                .when(new CreateApiKey(3, PREFIX, HASH, EXPIRES))
                .expectException(ValueTakenException.class)
                .expectNoEvents();
        assertThat(claims.owner(ClaimKind.API_KEY_PREFIX, PREFIX)).contains("apikey:2");
    }

    @Test
    void expireRecordsTheInstant() {
        fixture.given(new ApiKeyCreated(3, PREFIX, HASH, EXPIRES))
                .when(new ExpireApiKey(3, NOW))
                .expectEvents(new ApiKeyExpired(3, NOW));
    }

    @Test
    void expiringTwiceRecordsOnlyTheFirst() {
        fixture.given(new ApiKeyCreated(3, PREFIX, HASH, EXPIRES), new ApiKeyExpired(3, NOW))
                .when(new ExpireApiKey(3, NOW.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void expiringAKeyThatHasAlreadyRunOutRecordsNothing() {
        fixture.given(new ApiKeyCreated(3, PREFIX, HASH, EXPIRES))
                .when(new ExpireApiKey(3, EXPIRES))
                .expectNoEvents();
    }

    @Test
    void deleteRecordsThePrefixAndReleasesIt() {
        fixture.givenCommands(new CreateApiKey(3, PREFIX, HASH, EXPIRES))
                .when(new DeleteApiKey(3))
                .expectEvents(new ApiKeyDeleted(3, PREFIX))
                .expectMarkedDeleted();
        assertThat(claims.owner(ClaimKind.API_KEY_PREFIX, PREFIX)).isEmpty();
    }

    @Test
    void deletedKeyCannotBeExpired() {
        fixture.given(new ApiKeyCreated(3, PREFIX, HASH, EXPIRES), new ApiKeyDeleted(3, PREFIX))
                .when(new ExpireApiKey(3, NOW))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }
}
