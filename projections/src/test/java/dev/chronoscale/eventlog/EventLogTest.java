package dev.chronoscale.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.domain.node.NodeApproval;

import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogTest {

    private static final Instant T0 = Instant.parse("2026-03-03T14:00:00Z");

    private final LogDatabase db = new LogDatabase();

    @Test
    void anEmptyLogHasNoHead() {
        assertThat(db.log.headPosition()).isEqualTo(-1);
        assertThat(db.log.after(-1, 10)).isEmpty();
    }

    @Test
    void readsTypedEventsInPositionOrderFromAPosition() {
        db.append("user-1", new UserCreated(1, "alice", "Alice", "alice@example.com"), T0);
        db.append("node-3", new NodeRenamed(3, "laptop", "work-laptop"), T0.plusSeconds(1));
        db.append("user-2", new UserCreated(2, "bob", "Bob", null), T0.plusSeconds(2));

        List<LoggedEvent> all = db.log.after(-1, 10);
        assertThat(all).extracting(LoggedEvent::payload).containsExactly(
                new UserCreated(1, "alice", "Alice", "alice@example.com"),
                new NodeRenamed(3, "laptop", "work-laptop"),
                new UserCreated(2, "bob", "Bob", null));
        assertThat(all.get(1).aggregateId()).isEqualTo("node-3");
        assertThat(all.get(1).time()).isEqualTo(T0.plusSeconds(1));
        assertThat(all.get(1).metadata()).containsEntry("actorType", "SYSTEM");
        assertThat(all.get(1).typeName()).isEqualTo("NodeRenamed");
        assertThat(db.log.headPosition()).isEqualTo(all.get(2).position());

        assertThat(db.log.after(all.get(0).position(), 1)).extracting(LoggedEvent::payload)
                .containsExactly(new NodeRenamed(3, "laptop", "work-laptop"));
    }

    @Test
    void findsAnEarlierEventOfAnAggregate() {
        db.append("policy", new PolicyUpdated(1, "{}", "aaa", null), T0);
        db.append("policy", new PolicyUpdated(2, "{\"acls\": []}", "bbb", "aaa"), T0.plusSeconds(60));

        assertThat(db.log.payloadOf("policy", 0)).contains(new PolicyUpdated(1, "{}", "aaa", null));
        assertThat(db.log.payloadOf("policy", 5)).isEmpty();
    }

    /** Events stored before events carried a revision have none; they load as the current records. */
    @Test
    void anEventStoredWithoutARevisionLoadsAsTheCurrentRecord() {
        insertRaw(1, "dev.chronoscale.domain.user.UserEvents$UserCreated", null,
                "{\"userId\":1,\"name\":\"alice\",\"displayName\":\"Alice\",\"email\":\"alice@example.com\"}");

        assertThat(db.log.after(-1, 10)).extracting(LoggedEvent::payload)
                .containsExactly(new UserCreated(1, "alice", "Alice", "alice@example.com"));
    }

    /** The way docs/contributing.md says an event changes shape: a revision, and an upcaster from the one before. */
    @Test
    void anEventOfAnOldRevisionLoadsThroughItsUpcaster() {
        LogDatabase upcasting = new LogDatabase(List.of(new UserCreatedLoginBecameName()));
        insertRaw(upcasting, 1, UserCreated.class.getName(), "0",
                "{\"userId\":1,\"login\":\"alice\",\"displayName\":\"Alice\",\"email\":null}");
        insertRaw(upcasting, 2, UserCreated.class.getName(), "1",
                "{\"userId\":2,\"name\":\"bob\",\"displayName\":\"Bob\",\"email\":null}");

        assertThat(upcasting.log.after(-1, 10)).extracting(LoggedEvent::payload).containsExactly(
                new UserCreated(1, "alice", "Alice", null),
                new UserCreated(2, "bob", "Bob", null));
    }

    /**
     * A user created by a revision-1 build, and one of revision 2 written before the picture URL joined it: neither has
     * a picture (nor an identity from another server, nor a creation time of its own).
     */
    @Test
    void aUserCreatedBeforeThePictureUrlLoadsWithoutOne() {
        insertRaw(1, UserCreated.class.getName(), "1",
                "{\"userId\":1,\"name\":\"alice\",\"displayName\":\"Alice\",\"email\":\"alice@example.com\"}");
        insertRaw(2, UserCreated.class.getName(), "2", "{\"userId\":2,\"name\":\"bob\",\"displayName\":null,"
                + "\"email\":null,\"providerIdentifier\":\"oidc|bob\",\"createdAt\":\"2025-01-02T03:04:05Z\"}");

        assertThat(db.log.after(-1, 10)).extracting(LoggedEvent::payload).containsExactly(
                new UserCreated(1, "alice", "Alice", "alice@example.com", null, null, null),
                new UserCreated(2, "bob", null, null, "oidc|bob", Instant.parse("2025-01-02T03:04:05Z"), null));
    }

    /** Revision 3 added the key's role; a key created before it has none, which is full access. */
    @Test
    void anApiKeyCreatedOfRevisionTwoLoadsWithoutARole() {
        insertRaw(1, ApiKeyCreated.class.getName(), "2", "{\"keyId\":4,\"prefix\":\"prefix12\",\"secretHash\":\"HASH\","
                + "\"expiration\":\"2027-01-02T03:04:05Z\",\"createdAt\":null}");
        insertRaw(2, ApiKeyCreated.class.getName(), "3", "{\"keyId\":5,\"prefix\":\"prefix13\",\"secretHash\":\"HASH\","
                + "\"expiration\":\"2027-01-02T03:04:05Z\",\"createdAt\":null,\"role\":\"auditor\"}");

        assertThat(db.log.after(-1, 10)).extracting(LoggedEvent::payload).containsExactly(
                new ApiKeyCreated(4, "prefix12", "HASH", Instant.parse("2027-01-02T03:04:05Z"), null, null),
                new ApiKeyCreated(5, "prefix13", "HASH", Instant.parse("2027-01-02T03:04:05Z"), null, "auditor"));
    }

    /** Revision 2 added the peer API services; a client report stored before that has none. */
    @Test
    void aClientReportOfRevisionOneLoadsWithoutPeerServices() {
        insertRaw(1, NodeClientReported.class.getName(), "1", "{\"nodeId\":3,\"os\":\"linux\",\"osVersion\":\"6.1\","
                + "\"clientVersion\":\"1.80.2\",\"deviceModel\":\"\",\"sshHostKeys\":[]}");

        assertThat(db.log.after(-1, 10)).extracting(LoggedEvent::payload).containsExactly(
                new NodeClientReported(3, "linux", "6.1", "1.80.2", "", List.of(), List.of()));
    }

    /** Revision 2 made the user optional (tag-only keys); revision 1's JSON always has one and reads the same. */
    @Test
    void aPreAuthKeyCreatedOfRevisionOneLoadsWithItsUserAndRevisionTwoWithNone() {
        insertRaw(1, PreAuthKeyCreated.class.getName(), "1", "{\"keyId\":3,\"userId\":1,\"prefix\":\"AAAAAAAAAAAA\","
                + "\"secretHash\":\"h\",\"reusable\":true,\"ephemeral\":false,\"expiration\":\"2026-03-04T14:00:00Z\","
                + "\"aclTags\":[]}");
        insertRaw(2, PreAuthKeyCreated.class.getName(), "2", "{\"keyId\":4,\"userId\":null,\"prefix\":\"BBBBBBBBBBBB\","
                + "\"secretHash\":\"h\",\"reusable\":true,\"ephemeral\":false,\"expiration\":\"2026-03-04T14:00:00Z\","
                + "\"aclTags\":[\"tag:ci\"]}");

        assertThat(db.log.after(-1, 10)).extracting(LoggedEvent::payload).containsExactly(
                new PreAuthKeyCreated(3, 1L, "AAAAAAAAAAAA", "h", true, false, Instant.parse("2026-03-04T14:00:00Z"), List.of()),
                new PreAuthKeyCreated(4, null, "BBBBBBBBBBBB", "h", true, false, Instant.parse("2026-03-04T14:00:00Z"),
                        List.of("tag:ci")));
    }

    /**
     * Revision 3 of a node's registration added whether it awaits device approval: a node registered before (revision
     * 2, imported with its creation time) loads as approved, so turning approval on changes no existing node.
     */
    @Test
    void aNodeRegisteredBeforeDeviceApprovalLoadsAsApproved() {
        insertRaw(1, NodeRegistered.class.getName(), "2", "{\"nodeId\":3,\"machineKey\":\"mkey:1\",\"nodeKey\":\"nodekey:1\","
                + "\"userId\":1,\"tags\":[],\"hostname\":\"laptop\",\"givenName\":\"laptop\",\"ipv4\":\"100.64.0.1\","
                + "\"ipv6\":null,\"expiry\":null,\"ephemeral\":false,\"preAuthKeyId\":null,\"registerMethod\":\"CLI\","
                + "\"createdAt\":\"2025-01-02T03:04:05Z\"}");
        insertRaw(2, PreAuthKeyCreated.class.getName(), "2", "{\"keyId\":4,\"userId\":1,\"prefix\":\"BBBBBBBBBBBB\","
                + "\"secretHash\":\"h\",\"reusable\":true,\"ephemeral\":false,\"expiration\":\"2026-03-04T14:00:00Z\","
                + "\"aclTags\":[]}");

        List<Object> loaded = db.log.after(-1, 10).stream().map(LoggedEvent::payload).toList();
        NodeRegistered node = (NodeRegistered) loaded.get(0);
        assertThat(node.awaitingApproval()).isNull();
        assertThat(node.approval()).isEqualTo(NodeApproval.APPROVED);
        assertThat(node.createdAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(((PreAuthKeyCreated) loaded.get(1)).approvesNodes()).isFalse();
    }

    @Test
    void anEventOfATypeThisBuildDoesNotKnowIsReadAsUnknown() {
        insertRaw(1, "dev.chronoscale.domain.node.NodeEvents$NodeTeleported", "3", "{\"nodeId\":7,\"to\":\"moon\"}");

        LoggedEvent event = db.log.after(-1, 10).get(0);
        assertThat(event.payload()).isInstanceOf(UnknownEvent.class);
        UnknownEvent unknown = (UnknownEvent) event.payload();
        assertThat(unknown.simpleName()).isEqualTo("NodeTeleported");
        assertThat(unknown.revision()).isEqualTo("3");
        assertThat(unknown.data().path("to").asText()).isEqualTo("moon");
        assertThat(event.typeName()).isEqualTo("NodeTeleported");
    }

    private void insertRaw(long position, String type, String revision, String json) {
        insertRaw(db, position, type, revision, json);
    }

    private static void insertRaw(LogDatabase db, long position, String type, String revision, String json) {
        db.jdbc.update("INSERT INTO DomainEventEntry (globalIndex, eventIdentifier, metaData, payload, payloadRevision,"
                        + " payloadType, timeStamp, aggregateIdentifier, sequenceNumber, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                position, "event-" + position, "{}".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8),
                revision, type, T0.toString(), "aggregate-" + position, 0, "Aggregate");
    }

    /** A made-up revision 0 of {@code UserCreated} that called the name {@code login}. */
    private static final class UserCreatedLoginBecameName extends SingleEventUpcaster {

        private static final SimpleSerializedType REVISION_0 = new SimpleSerializedType(UserCreated.class.getName(), "0");
        private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(UserCreated.class.getName(), "1");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return event.getType().equals(REVISION_0);
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(REVISION_1, JsonNode.class, payload -> {
                ObjectNode fields = (ObjectNode) payload;
                fields.set("name", fields.remove("login"));
                return fields;
            });
        }
    }
}
