package dev.chronoscale.auditexport.schema;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.apikey.ApiKeyEvents;
import dev.chronoscale.domain.node.NodeEvents;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.policy.PolicyEvents;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents;
import dev.chronoscale.domain.tailnet.TailnetEvents;
import dev.chronoscale.domain.tailnet.TailnetSettings;
import dev.chronoscale.domain.user.UserEvents;
import dev.chronoscale.eventlog.LoggedEvent;
import dev.chronoscale.eventlog.UnknownEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event type becomes the documented record. */
class AuditRecordMapperTest {

    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");
    private static final String CLI = "{\"actorType\":\"LOCAL_CLI\",\"actorId\":\"alice\",\"reason\":\"onboarding\"}";

    private final AuditRecordMapper mapper = new AuditRecordMapper(new EventContext() {
        @Override
        public Optional<String> nodeName(long nodeId) {
            return Optional.of("laptop");
        }

        @Override
        public Optional<String> userName(long userId) {
            return Optional.of("alice");
        }

        @Override
        public Optional<Object> eventOf(String aggregateId, long sequenceNumber) {
            return Optional.of(new PolicyEvents.PolicyUpdated(1, "{\n  \"acls\": []\n}\n", "aaa", null));
        }
    });

    /** A domain event as the log returns it; any other record as a type this build does not know. */
    private static Object payload(Object event) {
        return event instanceof DomainEvent ? event
                : new UnknownEvent(event.getClass().getName(), null, JACKSON.valueToTree(event));
    }

    private static Map<String, Object> metadata(String json) {
        try {
            return JACKSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode map(Object event, String metadata, long sequence) {
        LoggedEvent logged = new LoggedEvent(7, "event-7", AT, "aggregate", sequence, payload(event), metadata(metadata));
        return AuditRecordJson.write(mapper.map(logged));
    }

    @Test
    void aNodeRegistrationNamesActorOriginTargetAndFacts() {
        JsonNode r = map(new NodeEvents.NodeRegistered(3, "mkey:1", "nodekey:1", 1L, List.of(), "laptop", "laptop",
                "100.64.0.1", null, null, false, 5L, RegisterMethod.AUTH_KEY), "{\"actorType\":\"NODE\",\"actorId\":\"3\","
                + "\"remoteAddress\":\"198.51.100.4:41641\"}", 0);
        assertThat(r.path("schema").asInt()).isEqualTo(1);
        assertThat(r.path("id").asText()).isEqualTo("event-7");
        assertThat(r.path("time").asText()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(r.path("action").asText()).isEqualTo("node.registered");
        assertThat(r.path("actor").path("type").asText()).isEqualTo("NODE");
        assertThat(r.path("origin").path("via").asText()).isEqualTo("node");
        assertThat(r.path("origin").path("address").asText()).isEqualTo("198.51.100.4:41641");
        assertThat(r.path("target").path("type").asText()).isEqualTo("node");
        assertThat(r.path("target").path("id").asText()).isEqualTo("3");
        assertThat(r.path("target").path("name").asText()).isEqualTo("laptop");
        assertThat(r.path("details").path("ipv4").asText()).isEqualTo("100.64.0.1");
        assertThat(r.path("source").path("eventType").asText()).isEqualTo("NodeRegistered");
    }

    @Test
    void keyRotationAndRouteApprovalCarryOldAndNewValues() {
        JsonNode rotated = map(new NodeEvents.NodeKeyRotated(3, "nodekey:old", "nodekey:new", null), CLI, 1);
        assertThat(rotated.path("action").asText()).isEqualTo("node.key_rotated");
        assertThat(rotated.path("changes").get(0).path("field").asText()).isEqualTo("nodeKey");
        assertThat(rotated.path("changes").get(0).path("old").asText()).isEqualTo("nodekey:old");
        assertThat(rotated.path("changes").get(0).path("new").asText()).isEqualTo("nodekey:new");
        assertThat(rotated.path("reason").asText()).isEqualTo("onboarding");
        assertThat(rotated.path("origin").path("via").asText()).isEqualTo("cli");

        JsonNode approved = map(new NodeEvents.NodeRoutesApproved(3, List.of(), List.of("10.0.0.0/24")), CLI, 2);
        assertThat(approved.path("action").asText()).isEqualTo("route.approved");
        assertThat(approved.path("changes").get(0).path("new").get(0).asText()).isEqualTo("10.0.0.0/24");
        assertThat(approved.path("target").path("name").asText()).isEqualTo("laptop");
    }

    @Test
    void secretsAndTheirHashesNeverAppear() {
        JsonNode preauth = map(new PreAuthKeyEvents.PreAuthKeyCreated(2, 1L, "hskey-auth-abcd", "HASH-OF-SECRET", true,
                false, AT, List.of("tag:ci")), CLI, 0);
        JsonNode apikey = map(new ApiKeyEvents.ApiKeyCreated(4, "prefix12", "API-HASH", AT), CLI, 0);
        assertThat(preauth.path("action").asText()).isEqualTo("preauthkey.created");
        assertThat(preauth.path("target").path("name").asText()).isEqualTo("hskey-auth-abcd");
        assertThat(CanonicalJson.write(preauth)).doesNotContain("HASH-OF-SECRET").doesNotContain("secretHash");
        assertThat(apikey.path("action").asText()).isEqualTo("apikey.created");
        assertThat(CanonicalJson.write(apikey)).doesNotContain("API-HASH");
    }

    @Test
    void policyUpdatesCarryAUnifiedDiffAgainstThePreviousVersion() {
        JsonNode r = map(new PolicyEvents.PolicyUpdated(2, "{\n  \"acls\": [{\"action\": \"accept\"}]\n}\n", "bbb", "aaa"), CLI, 1);
        assertThat(r.path("action").asText()).isEqualTo("policy.updated");
        assertThat(r.path("target").path("name").asText()).isEqualTo("v2");
        assertThat(r.path("changes").get(0).path("old").asText()).isEqualTo("aaa");
        assertThat(r.path("diff").asText()).isEqualTo("""
                --- policy v1
                +++ policy v2
                @@ -1,4 +1,4 @@
                 {
                -  "acls": []
                +  "acls": [{"action": "accept"}]
                 }
                \s
                """);
    }

    @Test
    void userAndTailnetEvents() {
        assertThat(map(new UserEvents.UserDeleted(1, "alice", true), CLI, 3).path("action").asText()).isEqualTo("user.deleted");
        JsonNode tailnet = map(new TailnetEvents.TailnetConfigured(
                new TailnetSettings("100.64.0.0/10", null, "sequential", true, "ts.net", null),
                new TailnetSettings("100.64.0.0/10", null, "sequential", true, "corp.net", Duration.ofDays(90))),
                "{\"actorType\":\"SYSTEM\",\"actorId\":\"chronoscale\",\"reason\":\"configuration at start-up\"}", 1);
        assertThat(tailnet.path("action").asText()).isEqualTo("tailnet.configured");
        assertThat(tailnet.path("origin").path("via").asText()).isEqualTo("system");
        assertThat(tailnet.path("changes")).hasSize(2);
    }

    /** A type this mapper has never heard of, such as a future node session event. */
    record NodeSessionStarted(long nodeId, String endpoint, String sessionToken) {
    }

    @Test
    void unknownEventTypesAreMappedGenericallyWithoutSecrets() {
        JsonNode r = map(new NodeSessionStarted(3, "198.51.100.4:41641", "TOKEN-VALUE"), "{}", 0);
        assertThat(r.path("action").asText()).isEqualTo("node.session_started");
        assertThat(r.path("target").path("id").asText()).isEqualTo("3");
        assertThat(r.path("target").path("name").asText()).isEqualTo("laptop");
        assertThat(r.path("details").path("endpoint").asText()).isEqualTo("198.51.100.4:41641");
        assertThat(r.path("actor").path("type").asText()).isEqualTo("UNKNOWN");
        assertThat(CanonicalJson.write(r)).doesNotContain("TOKEN-VALUE");
    }
}
