package dev.chronoscale.domain.preauthkey;

import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.ImportPreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.UsePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** A key carried over keeps its state: used keys stay used, expired keys stay refused. */
class ImportPreAuthKeyTest {

    private static final Instant CREATED = Instant.parse("2026-12-02T16:26:46.392258449Z");
    private static final Instant EXPIRES = Instant.parse("2027-12-02T16:26:46.386377054Z");
    private static final String HASH = "5f".repeat(32);

    private AggregateTestFixture<PreAuthKeyAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PreAuthKeyAggregate.class);
        fixture.registerInjectableResource(new InMemoryUniquenessRegistry());
    }

    @Test
    void aUsedSingleUseKeyArrivesUsedAndCannotBeUsedAgain() {
        fixture.givenNoPriorActivity()
                .when(new ImportPreAuthKey(2, 2L, "0ef96a1c85a7", HASH, false, false, EXPIRES, List.of(), CREATED, 2L))
                .expectEvents(new PreAuthKeyCreated(2, 2L, "0ef96a1c85a7", HASH, false, false, EXPIRES, List.of(), CREATED),
                        new PreAuthKeyUsed(2, 2, CREATED));
        fixture.given(new PreAuthKeyCreated(2, 2L, "0ef96a1c85a7", HASH, false, false, EXPIRES, List.of(), CREATED),
                        new PreAuthKeyUsed(2, 2, CREATED))
                .when(new UsePreAuthKey(2, 9, CREATED.plusSeconds(60)))
                .expectException(PreAuthKeyRefusedException.class);
    }

    @Test
    void anExpiredKeyArrivesExpiredAndIsRefused() {
        Instant expired = CREATED.plusSeconds(1);
        fixture.givenNoPriorActivity()
                .when(new ImportPreAuthKey(6, 3L, "ce8f5a5d6159", HASH, false, false, expired, List.of("tag:a"), CREATED, null))
                .expectEvents(new PreAuthKeyCreated(6, 3L, "ce8f5a5d6159", HASH, false, false, expired, List.of("tag:a"), CREATED));
        fixture.given(new PreAuthKeyCreated(6, 3L, "ce8f5a5d6159", HASH, false, false, expired, List.of(), CREATED))
                .when(new UsePreAuthKey(6, 9, CREATED.plusSeconds(60)))
                .expectException(PreAuthKeyRefusedException.class);
    }

    @Test
    void aTagOnlyKeyOfHeadscale028ArrivesWithoutAUserAndOneWithNeitherIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ImportPreAuthKey(7, null, "Qx9vZk2LmN0a", HASH, true, false, EXPIRES, List.of("tag:ci"), CREATED, null))
                .expectEvents(new PreAuthKeyCreated(7, null, "Qx9vZk2LmN0a", HASH, true, false, EXPIRES, List.of("tag:ci"), CREATED));
        fixture.givenNoPriorActivity()
                .when(new ImportPreAuthKey(8, null, "Rx9vZk2LmN0a", HASH, true, false, EXPIRES, List.of(), CREATED, null))
                .expectException(dev.chronoscale.domain.DomainException.class);
    }
}
