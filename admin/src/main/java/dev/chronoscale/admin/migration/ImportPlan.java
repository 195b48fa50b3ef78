package dev.chronoscale.admin.migration;

import dev.chronoscale.domain.node.PeerService;
import dev.chronoscale.domain.node.RegisterMethod;

import java.time.Instant;
import java.util.List;

/**
 * Everything read from another control server's database that an import carries, as the reader sends it: ids as
 * the source numbered them, keys' hashes (never plain secrets), what the reader itself could not carry, and
 * {@code notes}: what is carried with a difference the operator should know of (it does not refuse the import).
 */
public record ImportPlan(String source, String sourceSchema, List<User> users, List<Node> nodes,
                         List<PreAuthKey> preAuthKeys, List<ApiKey> apiKeys, String policy, List<String> notCarried,
                         List<String> notes) {

    public ImportPlan {
        users = users == null ? List.of() : List.copyOf(users);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        preAuthKeys = preAuthKeys == null ? List.of() : List.copyOf(preAuthKeys);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public record User(long id, String name, String displayName, String email, String providerIdentifier,
                       String profilePicUrl, Instant createdAt) {
    }

    /**
     * {@code os}, {@code osVersion}, {@code clientVersion} and {@code peerServices} (the peer API its peers reach
     * for Taildrop) come from the node's last Hostinfo at the source.
     */
    public record Node(long id, String machineKey, String nodeKey, String discoKey, Long userId, List<String> tags,
                       String hostname, String givenName, String ipv4, String ipv6, Instant expiry, boolean ephemeral,
                       Long preAuthKeyId, RegisterMethod registerMethod, List<String> advertisedRoutes,
                       List<String> approvedRoutes, List<String> endpoints, String os, String osVersion,
                       String clientVersion, List<PeerService> peerServices, Instant createdAt) {
    }

    /** {@code usedByNode}: the node registered with it, when it was used (0 when the source did not say which). */
    public record PreAuthKey(long id, Long userId, String prefix, String secretHash, boolean reusable,
                             boolean ephemeral, Instant expiration, List<String> aclTags, Long usedByNode,
                             Instant createdAt) {
    }

    public record ApiKey(long id, String prefix, String secretHash, Instant expiration, Instant createdAt) {
    }
}
