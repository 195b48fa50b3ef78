package dev.chronoscale.domain.audit;

import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditContextTest {

    @ParameterizedTest
    @EnumSource(ActorType.class)
    void fullContextSurvivesTheMetadataRoundTrip(ActorType type) {
        AuditContext context = new AuditContext(type, "actor-7", Optional.of("192.0.2.10"), Optional.of("ticket 42"));

        Map<String, String> metadata = context.toMetadata();

        assertThat(metadata).containsOnly(
                Map.entry("actorType", type.name()),
                Map.entry("actorId", "actor-7"),
                Map.entry("remoteAddress", "192.0.2.10"),
                Map.entry("reason", "ticket 42"));
        assertThat(AuditContext.fromMetadata(metadata)).contains(context);
    }

    @Test
    void absentOptionalsAreLeftOutAndComeBackAbsent() {
        AuditContext context = new AuditContext(ActorType.LOCAL_CLI, "root", Optional.empty(), Optional.empty());

        Map<String, String> metadata = context.toMetadata();

        assertThat(metadata).containsOnlyKeys("actorType", "actorId");
        assertThat(AuditContext.fromMetadata(metadata)).contains(context);
    }

    @Test
    void roundTripsThroughAxonMetaDataMergedWithOtherEntries() {
        AuditContext context = new AuditContext(ActorType.API_KEY, "cs_abcdef12", Optional.of("2001:db8::1"),
                Optional.empty());
        MetaData metaData = MetaData.from(context.toMetadata()).and("traceId", "abc").and("correlationId", 17);

        assertThat(AuditContext.fromMetadata(metaData)).contains(context);
    }

    @Test
    void blankReasonIsNoReason() {
        AuditContext context = new AuditContext(ActorType.OIDC, "sub-1", Optional.empty(), Optional.of("  "));
        assertThat(context.reason()).isEmpty();
        assertThat(context.toMetadata()).doesNotContainKey("reason");
    }

    @Test
    void missingActorGivesNoContext() {
        assertThat(AuditContext.fromMetadata(Map.of())).isEmpty();
        assertThat(AuditContext.fromMetadata(Map.of("actorType", "NODE"))).isEmpty();
        assertThat(AuditContext.fromMetadata(Map.of("actorId", "12", "reason", "x"))).isEmpty();
    }

    @Test
    void readsNonStringMetadataValuesByTheirText() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("actorType", ActorType.NODE);
        metadata.put("actorId", 12L);
        assertThat(AuditContext.fromMetadata(metadata))
                .contains(new AuditContext(ActorType.NODE, "12", Optional.empty(), Optional.empty()));
    }

    @Test
    void systemContextNamesTheServerAndTheReason() {
        AuditContext system = AuditContext.system("node key expiry");
        assertThat(system.actorType()).isEqualTo(ActorType.SYSTEM);
        assertThat(system.actorId()).isEqualTo("chronoscale");
        assertThat(system.remoteAddress()).isEmpty();
        assertThat(system.reason()).contains("node key expiry");
        assertThat(AuditContext.fromMetadata(system.toMetadata())).contains(system);
    }

    @Test
    void withReasonReplacesOnlyTheReason() {
        AuditContext original = new AuditContext(ActorType.API_KEY, "cs_1", Optional.of("192.0.2.1"), Optional.of("a"));

        assertThat(original.withReason("b"))
                .isEqualTo(new AuditContext(ActorType.API_KEY, "cs_1", Optional.of("192.0.2.1"), Optional.of("b")));
        assertThat(original.withReason(null).reason()).isEmpty();
        assertThat(original.withReason("").reason()).isEmpty();
        assertThat(original.reason()).contains("a");
    }

    @Test
    void requiresEveryComponent() {
        assertThatThrownBy(() -> new AuditContext(null, "x", Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("actorType");
        assertThatThrownBy(() -> new AuditContext(ActorType.SYSTEM, null, Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("actorId");
        assertThatThrownBy(() -> new AuditContext(ActorType.SYSTEM, "x", null, Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("remoteAddress");
        assertThatThrownBy(() -> new AuditContext(ActorType.SYSTEM, "x", Optional.empty(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("reason");
    }

    @Test
    void missingAuditContextExceptionNamesTheCommand() {
        assertThat(new MissingAuditContextException("RenameUser"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RenameUser");
    }
}
