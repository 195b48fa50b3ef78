package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves aliases to the addresses they stand for in one tailnet. {@code autogroup:self} has no address set
 * of its own (it depends on the destination node) and resolves to nothing here.
 */
public final class AliasResolver {

    private final Policy policy;
    private final Map<Long, TailnetUser> users = new HashMap<>();
    private final Map<Long, List<IpAddress>> untaggedAddressesByUser = new HashMap<>();
    private final Map<String, List<IpAddress>> addressesByTag = new HashMap<>();
    private final List<IpAddress> memberAddresses = new ArrayList<>();
    private final List<IpAddress> taggedAddresses = new ArrayList<>();
    private final Map<Alias, IpSet> cache = new HashMap<>();

    public AliasResolver(Policy policy, Tailnet tailnet) {
        this.policy = policy;
        tailnet.users().forEach(u -> users.put(u.id(), u));
        for (TailnetNode node : tailnet.nodes()) {
            if (node.isTagged()) {
                taggedAddresses.addAll(node.addresses());
                for (String tag : node.tags()) {
                    addressesByTag.computeIfAbsent(tag, t -> new ArrayList<>()).addAll(node.addresses());
                }
            } else if (node.userId().isPresent()) {
                memberAddresses.addAll(node.addresses());
                untaggedAddressesByUser.computeIfAbsent(node.userId().get(), u -> new ArrayList<>()).addAll(node.addresses());
            }
        }
    }

    public IpSet resolve(Alias alias) {
        // Not computeIfAbsent: resolving a group resolves its members, which updates the cache re-entrantly.
        IpSet cached = cache.get(alias);
        if (cached == null) {
            cached = compute(alias);
            cache.put(alias, cached);
        }
        return cached;
    }

    public IpSet resolveAll(List<? extends Alias> aliases) {
        IpSet out = IpSet.EMPTY;
        for (Alias alias : aliases) {
            out = out.union(resolve(alias));
        }
        return out;
    }

    public Optional<TailnetUser> user(String login) {
        return users.values().stream().filter(u -> u.isNamedBy(login)).findFirst();
    }

    private IpSet compute(Alias alias) {
        return switch (alias) {
            case Alias.Wildcard w -> AddressSpace.TAILSCALE_ADDRESSES;
            case Alias.User user -> users.values().stream().filter(u -> u.isNamedBy(user.login()))
                    .map(u -> IpSet.ofAddresses(untaggedAddressesByUser.getOrDefault(u.id(), List.of())))
                    .reduce(IpSet.EMPTY, IpSet::union);
            case Alias.UsersOfDomain domain -> users.values().stream()
                    .filter(u -> u.domain().equalsIgnoreCase(domain.domain()))
                    .map(u -> IpSet.ofAddresses(untaggedAddressesByUser.getOrDefault(u.id(), List.of())))
                    .reduce(IpSet.EMPTY, IpSet::union);
            case Alias.Group group -> users.values().stream().filter(u -> u.isInPolicyGroup(policy, group.name()))
                    .map(u -> IpSet.ofAddresses(untaggedAddressesByUser.getOrDefault(u.id(), List.of())))
                    .reduce(IpSet.EMPTY, IpSet::union);
            case Alias.Tag tag -> IpSet.ofAddresses(addressesByTag.getOrDefault(tag.name(), List.of()));
            case Alias.Host host -> Optional.ofNullable(policy.hosts().get(host.name()))
                    .map(p -> IpSet.ofPrefixes(List.of(p))).orElse(IpSet.EMPTY);
            case Alias.IpSetRef ref -> IpSet.ofPrefixes(policy.ipSets().getOrDefault(ref.name(), List.<IpPrefix>of()));
            case Alias.Prefix prefix -> IpSet.ofPrefixes(List.of(prefix.prefix()));
            case Alias.AutogroupRef ref -> switch (ref.autogroup()) {
                case MEMBER -> IpSet.ofAddresses(memberAddresses);
                case TAGGED -> IpSet.ofAddresses(taggedAddresses);
                case INTERNET -> AddressSpace.INTERNET;
                case DANGER_ALL -> AddressSpace.ALL;
                case ADMIN, OWNER, IT_ADMIN, NETWORK_ADMIN, BILLING_ADMIN, AUDITOR -> users.values().stream()
                        .filter(u -> u.isIn(ref.autogroup()))
                        .map(u -> IpSet.ofAddresses(untaggedAddressesByUser.getOrDefault(u.id(), List.of())))
                        .reduce(IpSet.EMPTY, IpSet::union);
                default -> IpSet.EMPTY;
            };
        };
    }

    public static boolean isAutogroup(Alias alias, Autogroup autogroup) {
        return alias instanceof Alias.AutogroupRef ref && ref.autogroup() == autogroup;
    }
}
