package dev.chronoscale.auditexport.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.domain.apikey.ApiKeyEvent;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyDeleted;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyExpired;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeEvent;
import dev.chronoscale.domain.node.NodeEvents.NodeAddressesChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeMoved;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeApprovalRefused;
import dev.chronoscale.domain.node.NodeEvents.NodeApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.node.NodeEvents.SshCheckApproved;
import dev.chronoscale.domain.node.NodeEvents.SshCheckRejected;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvent;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyDeleted;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyExpired;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.tailnet.TailnetEvent;
import dev.chronoscale.domain.tailnet.TailnetEvents.LoginRefused;
import dev.chronoscale.domain.tailnet.TailnetEvents.ReportGenerated;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetConfigured;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetImported;
import dev.chronoscale.domain.user.UserEvent;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserProfileChanged;
import dev.chronoscale.domain.user.UserEvents.UserGroupsChanged;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import dev.chronoscale.domain.user.UserEvents.UserRolesChanged;
import dev.chronoscale.eventlog.LoggedEvent;
import dev.chronoscale.eventlog.UnknownEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a logged event into its audit record. Each family of domain events is switched over exhaustively,
 * so a new event type does not compile until it is mapped here; events that record facts rather than
 * changes (sessions, reachability, client reports) and types this build does not know are mapped
 * generically (action from the type name, fields as details), so the audit trail never stops. Fields that
 * hold secrets or their hashes are never copied.
 */
public final class AuditRecordMapper {

    /** Field names that are never copied into a record, whatever the event type. */
    private static final Set<String> SECRET_FIELD_WORDS = Set.of("secret", "hash", "password", "privatekey", "token");

    private final EventContext context;

    public AuditRecordMapper(EventContext context) {
        this.context = context;
    }

    public AuditRecord map(LoggedEvent event) {
        Draft d = new Draft();
        switch (event.payload()) {
            case UserEvent e -> user(e, d);
            case PreAuthKeyEvent e -> preAuthKey(e, d);
            case ApiKeyEvent e -> apiKey(e, d);
            case NodeEvent e -> node(e, d);
            case PolicyEvent e -> policy(e, event, d);
            case TailnetEvent e -> tailnet(e, d);
            case UnknownEvent unknown -> generic(unknown.simpleName(), unknown.data(), d);
            default -> generic(event.typeName(), EventJson.of(event.payload()), d);
        }
        Optional<AuditContext> audit = actor(event.metadata());
        AuditRecord.Actor actor = audit.map(a -> new AuditRecord.Actor(a.actorType().name(), a.actorId()))
                .orElse(new AuditRecord.Actor("UNKNOWN", "unknown"));
        AuditRecord.Origin origin = new AuditRecord.Origin(audit.map(a -> via(a.actorType())).orElse("unknown"),
                audit.flatMap(AuditContext::remoteAddress));
        return new AuditRecord(event.eventId(), event.time(), d.action, actor, origin, d.target, List.copyOf(d.changes),
                d.diff, d.details, audit.flatMap(AuditContext::reason),
                new AuditRecord.Source(event.position(), event.typeName(), event.aggregateId()));
    }

    private void user(UserEvent event, Draft d) {
        switch (event) {
            case UserCreated e -> d.action("user.created").target("user", e.userId(), Optional.ofNullable(e.name()))
                    .detail("displayName", e.displayName()).detail("email", e.email())
                    .detailIfSet("providerIdentifier", e.providerIdentifier()).detailIfSet("createdAt", e.createdAt())
                    .detailIfSet("profilePicUrl", e.profilePicUrl());
            case UserRenamed e -> d.action("user.renamed").target("user", e.userId(), Optional.ofNullable(e.newName()))
                    .change("name", e.oldName(), e.newName());
            case UserDeleted e -> d.action("user.deleted").target("user", e.userId(), Optional.ofNullable(e.name()))
                    .detail("forced", e.forced());
            case UserRolesChanged e -> d.action("user.roles_changed").target("user", e.userId(), Optional.empty())
                    .detail("added", e.added()).detail("removed", e.removed()).detail("source", e.source());
            case UserProfileChanged e -> d.action("user.profile_changed").target("user", e.userId(), Optional.empty())
                    .detail("displayName", e.displayName()).detail("email", e.email()).detail("profilePicUrl", e.profilePicUrl());
            case UserGroupsChanged e -> d.action("user.groups_changed")
                    .target("user", e.userId(), Optional.ofNullable(e.name()))
                    .change("idpGroups", groupsBefore(e), e.groups())
                    .detail("added", e.added()).detail("removed", e.removed()).detail("source", e.source());
        }
    }

    /** The set before: the one after, less what was added, with what was removed. */
    private static List<String> groupsBefore(UserGroupsChanged event) {
        java.util.SortedSet<String> before = new java.util.TreeSet<>(event.groups());
        before.removeAll(event.added());
        before.addAll(event.removed());
        return List.copyOf(before);
    }

    private static void preAuthKey(PreAuthKeyEvent event, Draft d) {
        switch (event) {
            case PreAuthKeyCreated e -> d.action("preauthkey.created")
                    .target("preauthkey", e.keyId(), Optional.ofNullable(e.prefix()))
                    .detail("userId", e.userId()).detail("reusable", e.reusable()).detail("ephemeral", e.ephemeral())
                    .detail("expiration", e.expiration()).detail("aclTags", e.aclTags())
                    .detailIfSet("createdAt", e.createdAt()).detailIfSet("preApproved", e.preApproved());
            case PreAuthKeyUsed e -> d.action("preauthkey.used").target("preauthkey", e.keyId(), Optional.empty())
                    .detail("nodeId", e.nodeId());
            case PreAuthKeyExpired e -> d.action("preauthkey.expired").target("preauthkey", e.keyId(), Optional.empty())
                    .detail("at", e.at());
            case PreAuthKeyDeleted e -> d.action("preauthkey.deleted").target("preauthkey", e.keyId(), Optional.empty());
        }
    }

    private static void apiKey(ApiKeyEvent event, Draft d) {
        switch (event) {
            case ApiKeyCreated e -> d.action("apikey.created").target("apikey", e.keyId(), Optional.ofNullable(e.prefix()))
                    .detail("expiration", e.expiration()).detailIfSet("createdAt", e.createdAt())
                    .detailIfSet("role", e.role());
            case ApiKeyExpired e -> d.action("apikey.expired").target("apikey", e.keyId(), Optional.empty())
                    .detail("at", e.at());
            case ApiKeyDeleted e -> d.action("apikey.deleted").target("apikey", e.keyId(), Optional.ofNullable(e.prefix()));
        }
    }

    private void node(NodeEvent event, Draft d) {
        switch (event) {
            case NodeRegistered e -> d.action("node.registered").node(e.nodeId(), Optional.ofNullable(e.givenName()))
                    .detail("hostname", e.hostname()).detail("userId", e.userId()).detail("tags", e.tags())
                    .detail("ipv4", e.ipv4()).detail("ipv6", e.ipv6()).detail("expiry", e.expiry())
                    .detail("ephemeral", e.ephemeral()).detail("preAuthKeyId", e.preAuthKeyId())
                    .detail("registerMethod", e.registerMethod()).detail("machineKey", e.machineKey())
                    .detail("nodeKey", e.nodeKey()).detailIfSet("createdAt", e.createdAt())
                    .detailIfSet("awaitingApproval", e.awaitingApproval());
            case NodeApproved e -> d.action("node.approved").node(e.nodeId(), Optional.empty())
                    .detail("reason", e.reason());
            case NodeApprovalRefused e -> d.action("node.approval_refused").node(e.nodeId(), Optional.empty())
                    .detail("reason", e.reason());
            case NodeRenamed e -> d.action("node.renamed").node(e.nodeId(), Optional.ofNullable(e.newName()))
                    .change("name", e.oldName(), e.newName());
            case NodeTagged e -> d.action("node.tags_changed").node(e.nodeId(), Optional.empty())
                    .change("tags", e.oldTags(), e.newTags());
            case NodeMoved e -> d.action("node.moved").node(e.nodeId(), Optional.empty())
                    .change("userId", e.oldUserId(), e.newUserId());
            case NodeAddressesChanged e -> {
                d.action("node.addresses_changed").node(e.nodeId(), Optional.empty());
                if (!Objects.equals(e.oldIpv4(), e.ipv4())) {
                    d.change("ipv4", e.oldIpv4(), e.ipv4());
                }
                if (!Objects.equals(e.oldIpv6(), e.ipv6())) {
                    d.change("ipv6", e.oldIpv6(), e.ipv6());
                }
            }
            case NodeExpired e -> d.action("node.expired").node(e.nodeId(), Optional.empty()).detail("at", e.at());
            case NodeDeleted e -> d.action("node.deleted").node(e.nodeId(), Optional.ofNullable(e.givenName()))
                    .detail("ipv4", e.ipv4()).detail("ipv6", e.ipv6());
            case NodeKeyRotated e -> d.action("node.key_rotated").node(e.nodeId(), Optional.empty())
                    .change("nodeKey", e.oldNodeKey(), e.newNodeKey()).detail("expiry", e.expiry());
            case NodeRoutesAdvertised e -> d.action("route.advertised").node(e.nodeId(), Optional.empty())
                    .change("advertisedRoutes", e.oldRoutes(), e.newRoutes());
            case NodeRoutesApproved e -> d.action("route.approved").node(e.nodeId(), Optional.empty())
                    .change("approvedRoutes", e.oldRoutes(), e.newRoutes());
            // Facts a peer needs rather than configuration changes: recorded as they are.
            case NodeReachabilityChanged e -> generic("NodeReachabilityChanged", EventJson.of(e), d);
            case NodeClientReported e -> generic("NodeClientReported", EventJson.of(e), d);
            case NodeConnected e -> generic("NodeConnected", EventJson.of(e), d);
            case NodeDisconnected e -> generic("NodeDisconnected", EventJson.of(e), d);
            case SshCheckApproved e -> d.action("ssh.check_approved").node(e.nodeId(), Optional.empty())
                    .detail("checkId", e.checkId()).detail("sourceNodeId", e.sourceNodeId())
                    .detail("sshUser", e.sshUser()).detail("localUser", e.localUser())
                    .detail("checkPeriodSeconds", e.checkPeriodSeconds());
            case SshCheckRejected e -> d.action("ssh.check_rejected").node(e.nodeId(), Optional.empty())
                    .detail("checkId", e.checkId()).detail("sourceNodeId", e.sourceNodeId())
                    .detail("sshUser", e.sshUser()).detail("localUser", e.localUser());
        }
    }

    private void policy(PolicyEvent event, LoggedEvent logged, Draft d) {
        switch (event) {
            case PolicyUpdated e -> {
                d.action("policy.updated").target("policy", "policy", Optional.of("v" + e.version()))
                        .change("sha256", e.previousSha256(), e.sha256());
                String newText = e.text() == null ? "" : e.text();
                String oldText = "";
                if (logged.sequenceNumber() > 0) {
                    oldText = context.eventOf(logged.aggregateId(), logged.sequenceNumber() - 1)
                            .filter(PolicyUpdated.class::isInstance).map(PolicyUpdated.class::cast)
                            .map(PolicyUpdated::text).orElse("");
                }
                long previousVersion = Math.max(0, e.version() - 1);
                d.diff = Optional.of(UnifiedDiff.of(oldText, newText, "policy v" + previousVersion, "policy v" + e.version()));
                d.details.put("version", e.version());
            }
        }
    }

    private static void tailnet(TailnetEvent event, Draft d) {
        switch (event) {
            case TailnetConfigured e -> {
                d.action("tailnet.configured").target("tailnet", "tailnet", Optional.empty());
                JsonNode previous = EventJson.of(e.previous());
                JsonNode current = EventJson.of(e.current());
                List<String> fields = new ArrayList<>();
                current.fieldNames().forEachRemaining(fields::add);
                previous.fieldNames().forEachRemaining(f -> {
                    if (!fields.contains(f)) {
                        fields.add(f);
                    }
                });
                for (String field : fields) {
                    JsonNode oldValue = previous.isObject() ? previous.get(field) : null;
                    JsonNode newValue = current.get(field);
                    if (!value(oldValue).equals(value(newValue))) {
                        d.changeJson(field, oldValue, newValue);
                    }
                }
            }
            case ReportGenerated e -> d.action("report.generated")
                    .target("report", e.kind(), Optional.of(e.kind() + (e.from() == null ? " at " + e.to()
                            : " from " + e.from() + " to " + e.to())))
                    .detail("kind", e.kind()).detail("from", e.from()).detail("to", e.to()).detail("format", e.format())
                    .detail("digest", e.digest()).detail("contentDigest", e.contentDigest())
                    .detail("chainPosition", e.chainPosition()).detail("schedule", e.schedule());
            case LoginRefused e -> d.action("login.refused").target("login", e.authId() == null ? "unknown" : e.authId(),
                            Optional.ofNullable(e.subject()))
                    .detail("reason", e.reason()).detail("message", e.message()).detail("subject", e.subject())
                    .detail("authId", e.authId());
            case TailnetImported e -> d.action("tailnet.imported").target("tailnet", "tailnet", Optional.of(e.source()))
                    .detail("source", e.source()).detail("sourceSchema", e.sourceSchema()).detail("users", e.users())
                    .detail("nodes", e.nodes()).detail("preAuthKeys", e.preAuthKeys()).detail("apiKeys", e.apiKeys())
                    .detail("policy", e.policy()).detail("notCarried", e.notCarried());
        }
    }

    /** An event recorded as it is: {@code NodeSessionStarted} becomes {@code node.session_started}. */
    private void generic(String type, JsonNode payload, Draft d) {
        List<String> words = new ArrayList<>(List.of(type.split("(?<=[a-z0-9])(?=[A-Z])")));
        String targetType = words.remove(0).toLowerCase(Locale.ROOT);
        String rest = words.isEmpty() ? "changed" : String.join("_", words).toLowerCase(Locale.ROOT);
        d.action(targetType + "." + rest);
        String idField = targetType + "Id";
        String id = payload.has(idField) ? payload.get(idField).asText()
                : payload.has("id") ? payload.get("id").asText() : "";
        Optional<String> name = "node".equals(targetType) && payload.has("nodeId")
                ? context.nodeName(payload.get("nodeId").asLong())
                : "user".equals(targetType) && payload.has("userId") ? context.userName(payload.get("userId").asLong())
                : Optional.empty();
        d.target = new AuditRecord.Target(targetType, id, name);
        Iterator<Map.Entry<String, JsonNode>> fields = payload.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals(idField) && !isSecret(field.getKey())) {
                d.details.set(field.getKey(), field.getValue());
            }
        }
    }

    static boolean isSecret(String fieldName) {
        String lower = fieldName.toLowerCase(Locale.ROOT);
        return SECRET_FIELD_WORDS.stream().anyMatch(lower::contains);
    }

    private static Optional<AuditContext> actor(Map<String, Object> metadata) {
        Map<String, Object> entries = new HashMap<>();
        metadata.forEach((key, value) -> entries.put(key, value == null ? null : value.toString()));
        try {
            return AuditContext.fromMetadata(entries);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String via(ActorType type) {
        return switch (type) {
            case API_KEY -> "api";
            case LOCAL_CLI -> "cli";
            case OIDC -> "oidc";
            case NODE -> "node";
            case SYSTEM -> "system";
            case IMPORT -> "import";
        };
    }

    private static JsonNode value(JsonNode node) {
        return node == null ? NullNode.instance : node;
    }

    /** The parts of a record as the mapping fills them in. */
    private final class Draft {
        String action;
        AuditRecord.Target target;
        final List<AuditRecord.Change> changes = new ArrayList<>();
        Optional<String> diff = Optional.empty();
        final ObjectNode details = CanonicalJson.MAPPER.createObjectNode();

        Draft action(String name) {
            this.action = name;
            return this;
        }

        Draft target(String type, Object id, Optional<String> name) {
            this.target = new AuditRecord.Target(type, String.valueOf(id), name);
            return this;
        }

        /** A node target, named by the event or else by the inventory. */
        Draft node(long nodeId, Optional<String> name) {
            return target("node", nodeId, name.or(() -> context.nodeName(nodeId)));
        }

        Draft change(String field, Object oldValue, Object newValue) {
            return changeJson(field, EventJson.of(oldValue), EventJson.of(newValue));
        }

        Draft changeJson(String field, JsonNode oldValue, JsonNode newValue) {
            changes.add(new AuditRecord.Change(field, value(oldValue), value(newValue)));
            return this;
        }

        /** For fields added to an event later: records of events without them stay as they were. */
        Draft detailIfSet(String field, Object value) {
            return value == null ? this : detail(field, value);
        }

        Draft detail(String field, Object value) {
            if (!isSecret(field)) {
                details.set(field, EventJson.of(value));
            }
            return this;
        }
    }
}
