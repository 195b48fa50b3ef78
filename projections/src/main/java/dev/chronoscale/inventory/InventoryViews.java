package dev.chronoscale.inventory;

import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.node.RegisterMethod;

import dev.chronoscale.domain.user.UserRole;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/** Rows of the inventory read model. Secrets appear only as hashes. */
public final class InventoryViews {
    private InventoryViews() {
    }

    /**
     * {@code profilePicUrl} is null when the user has no picture. {@code operatorRoles} were set by CLI or API,
     * {@code idpRoles} came from the identity provider at the last login. {@code providerIdentifier}
     * ({@code <issuer>/<subject>}) is null when the user is not known to an identity provider; {@code idpGroups} are
     * the provider's group names, sorted.
     */
    public record UserView(long id, String name, String displayName, String email, Instant createdAt, String profilePicUrl,
                           Set<UserRole> operatorRoles, Set<UserRole> idpRoles, String providerIdentifier,
                           List<String> idpGroups) {

        public UserView {
            operatorRoles = Set.copyOf(operatorRoles);
            idpRoles = Set.copyOf(idpRoles);
            idpGroups = List.copyOf(idpGroups);
        }

        public UserView(long id, String name, String displayName, String email, Instant createdAt, String profilePicUrl) {
            this(id, name, displayName, email, createdAt, profilePicUrl, Set.of(), Set.of(), null, List.of());
        }

        /** The roles the user holds: from either source. */
        public Set<UserRole> roles() {
            Set<UserRole> roles = EnumSet.noneOf(UserRole.class);
            roles.addAll(operatorRoles);
            roles.addAll(idpRoles);
            return roles;
        }
    }

    /**
     * @param discoKey the last disco key the node reported, empty until it reports one
     * @param lastSeen when a map stream of the node last opened or closed, empty if it never had one
     * @param approval whether the node takes part in the tailnet (device approval)
     */
    public record NodeView(long id, String machineKey, String nodeKey, Optional<Long> userId, List<String> tags,
                           String hostname, String givenName, Optional<String> ipv4, Optional<String> ipv6,
                           Optional<Instant> expiry, boolean ephemeral, Optional<Long> preAuthKeyId,
                           RegisterMethod registerMethod, List<String> advertisedRoutes, List<String> approvedRoutes,
                           Instant createdAt, Optional<String> discoKey, Optional<Instant> lastSeen,
                           NodeApproval approval) {

        public boolean isExpired(Instant now) {
            return expiry.map(e -> !now.isBefore(e)).orElse(false);
        }

        /** Advertised and approved: the routes the node actually serves. */
        public List<String> servedRoutes() {
            return advertisedRoutes.stream().filter(approvedRoutes::contains).toList();
        }
    }

    /**
     * @param userId      empty for a tag-only key: the nodes it registers are owned by its tags
     * @param preApproved the nodes it registers need no device approval
     */
    public record PreAuthKeyView(long id, Optional<Long> userId, String prefix, String secretHash, boolean reusable,
                                 boolean ephemeral, boolean used, Instant expiration, List<String> aclTags,
                                 Instant createdAt, boolean preApproved) {

        public boolean isExpired(Instant now) {
            return !now.isBefore(expiration);
        }
    }

    /** {@code role}: the role the key's requests carry, empty for full access. */
    public record ApiKeyView(long id, String prefix, String secretHash, Instant expiration, Instant createdAt,
                             Optional<UserRole> role) {

        public ApiKeyView(long id, String prefix, String secretHash, Instant expiration, Instant createdAt) {
            this(id, prefix, secretHash, expiration, createdAt, Optional.empty());
        }

        public boolean isExpired(Instant now) {
            return !now.isBefore(expiration);
        }
    }

    public record PolicyView(long version, String text, String sha256, Instant updatedAt) {
    }
}
