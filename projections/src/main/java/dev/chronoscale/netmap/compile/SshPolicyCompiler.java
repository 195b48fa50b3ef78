package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.SshAction;
import dev.chronoscale.domain.policy.SshRule;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import dev.chronoscale.tailcfg.SshPolicyRule;
import dev.chronoscale.tailcfg.SshPrincipal;
import dev.chronoscale.tailcfg.SshRuleAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SSH policy a destination node enforces. Sources become principals (node addresses); the rule's users
 * become the {@code sshUsers} map. Check rules come first, since the client takes the first rule that matches.
 */
final class SshPolicyCompiler {

    private static final String ROOT = "root";
    /** Tailscale's period when a check rule names none: a person approved once is not asked again for 12 hours. */
    static final Duration DEFAULT_CHECK_PERIOD = Duration.ofHours(12);
    private static final String LOCALPART = "localpart:*@";

    private final List<PreparedRule> rules = new ArrayList<>();

    /** An SSH rule with everything that does not depend on the destination node worked out once. */
    private record PreparedRule(SshRule rule, SshRuleAction action, Map<String, String> sshUsers, List<String> acceptEnv,
                                Map<Long, String> localparts, IpSet sources, TreeMap<Long, List<SshPrincipal>> byUser,
                                List<SshPrincipal> tagged, boolean selfDestination, IpSet otherDestinations) {
    }

    private final java.util.Set<Alias> dependencies = new java.util.HashSet<>();

    SshPolicyCompiler(Policy policy, Tailnet tailnet, AliasTable aliases, NodeSlots slots, String serverUrl) {
        for (SshRule rule : policy.ssh()) {
            dependencies.addAll(rule.sources());
            rule.destinations().stream().filter(d -> !AliasResolver.isAutogroup(d, Autogroup.SELF)).forEach(dependencies::add);
        }
        Map<Long, TailnetUser> users = new HashMap<>();
        tailnet.users().forEach(u -> users.put(u.id(), u));
        for (SshRule rule : policy.ssh()) {
            IpSet sources = aliases.addresses(rule.sources());
            if (!sources.isEmpty()) {
                rules.add(prepare(rule, sources, aliases, slots, users, serverUrl));
            }
        }
    }

    private static PreparedRule prepare(SshRule rule, IpSet sources, AliasTable aliases, NodeSlots slots,
                                        Map<Long, TailnetUser> users, String serverUrl) {
        SshRuleAction action = rule.action() == SshAction.CHECK ? SshRuleAction.check(serverUrl) : SshRuleAction.ACCEPT;
        Map<String, String> sshUsers = new TreeMap<>();
        sshUsers.put(ROOT, "");
        List<String> localpartDomains = new ArrayList<>();
        for (String user : rule.users()) {
            if (user.equals(Autogroup.NONROOT.aliasText())) {
                sshUsers.put("*", "=");
            } else if (user.startsWith(LOCALPART) && user.length() > LOCALPART.length()) {
                localpartDomains.add(user.substring(LOCALPART.length()));
            } else {
                sshUsers.put(user, user);
            }
        }
        Map<Long, String> localparts = new HashMap<>();
        for (String domain : localpartDomains) {
            for (TailnetUser user : users.values()) {
                if (user.domain().equalsIgnoreCase(domain)) {
                    localparts.put(user.id(), user.localPart());
                }
            }
        }
        // Source devices grouped by owner (in user order); tagged sources (in node order) appear once per tag,
        // as Tailscale lists them.
        TreeMap<Long, List<SshPrincipal>> byUser = new TreeMap<>();
        List<SshPrincipal> tagged = new ArrayList<>();
        java.util.BitSet sourceNodes = aliases.nodes(rule.sources());
        List<TailnetNode> sourceList = new ArrayList<>();
        for (int slot = sourceNodes.nextSetBit(0); slot >= 0; slot = sourceNodes.nextSetBit(slot + 1)) {
            TailnetNode source = slots.node(slot);
            if (source != null && source.addresses().stream().anyMatch(sources::contains)) {
                sourceList.add(source);
            }
        }
        sourceList.sort(Comparator.comparingLong(TailnetNode::id));
        for (TailnetNode source : sourceList) {
            if (source.isTagged()) {
                for (int i = 0; i < source.tags().size(); i++) {
                    tagged.addAll(principals(source.addresses()));
                }
            } else if (source.userId().isPresent()) {
                byUser.computeIfAbsent(source.userId().get(), u -> new ArrayList<>()).addAll(principals(source.addresses()));
            }
        }
        byUser.replaceAll((user, list) -> list.stream()
                .sorted(Comparator.comparing(p -> IpAddress.parse(p.nodeIp()))).toList());
        boolean selfDestination = rule.destinations().stream().anyMatch(d -> AliasResolver.isAutogroup(d, Autogroup.SELF));
        List<Alias> others = rule.destinations().stream()
                .filter(d -> !AliasResolver.isAutogroup(d, Autogroup.SELF)).toList();
        IpSet otherDestinations = others.isEmpty() ? null : aliases.addresses(others);
        return new PreparedRule(rule, action, Map.copyOf(sshUsers), rule.acceptEnv(), localparts, sources, byUser, tagged,
                selfDestination, otherDestinations);
    }

    /** Destination nodes of every rule that has {@code source} among its sources. */
    java.util.Set<Long> destinationsOf(TailnetNode source, List<TailnetNode> nodes) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        for (PreparedRule rule : rules) {
            if (source.addresses().stream().noneMatch(rule.sources()::contains)) {
                continue;
            }
            for (TailnetNode node : nodes) {
                boolean destination = rule.otherDestinations() != null
                        && node.addresses().stream().anyMatch(rule.otherDestinations()::contains);
                boolean self = rule.selfDestination() && node.owner().isPresent()
                        && node.owner().equals(source.owner());
                if (destination || self) {
                    out.add(node.id());
                }
            }
        }
        return out;
    }

    /**
     * The check period of the first {@code check} rule (in policy order) that lets {@code source} reach
     * {@code destination} as {@code localUser}: the rule a client holding a session for that pair followed.
     * {@link Duration#ZERO} is {@code checkPeriod: "always"}; empty when no check rule covers the session.
     */
    Optional<Duration> checkPeriod(TailnetNode source, TailnetNode destination, String localUser) {
        for (PreparedRule prepared : rules) {
            if (prepared.rule().action() != SshAction.CHECK
                    || source.addresses().stream().noneMatch(prepared.sources()::contains)
                    || !coversLocalUser(prepared, source, localUser)) {
                continue;
            }
            boolean named = prepared.otherDestinations() != null
                    && destination.addresses().stream().anyMatch(prepared.otherDestinations()::contains);
            boolean self = prepared.selfDestination() && !source.isTagged() && source.owner().isPresent()
                    && source.owner().equals(destination.owner());
            if (named || self) {
                return Optional.of(prepared.rule().checkPeriod().orElse(DEFAULT_CHECK_PERIOD));
            }
        }
        return Optional.empty();
    }

    private static boolean coversLocalUser(PreparedRule prepared, TailnetNode source, String localUser) {
        String mapped = prepared.sshUsers().get(localUser);
        if (mapped != null) {
            return !mapped.isEmpty();
        }
        if (prepared.sshUsers().containsKey("*")) {
            return true;
        }
        return source.userId().map(prepared.localparts()::get).filter(localUser::equals).isPresent();
    }

    /** The aliases the SSH rules name; a node outside all of them cannot change the SSH policies. */
    java.util.Set<Alias> dependencies() {
        return dependencies;
    }

    List<SshPolicyRule> rulesFor(TailnetNode node) {
        List<SshPolicyRule> out = new ArrayList<>();
        for (PreparedRule rule : rules) {
            compile(rule, node, out);
        }
        out.sort(Comparator.comparing(r -> r.action().isCheck() ? 0 : 1));
        return out;
    }

    private void compile(PreparedRule rule, TailnetNode node, List<SshPolicyRule> out) {
        RuleSink sink = new RuleSink(out, rule.sshUsers(), rule.action(), rule.acceptEnv(), rule.localparts());
        if (rule.selfDestination() && node.owner().isPresent()) {
            List<SshPrincipal> own = rule.byUser().get(node.owner().get());
            if (own != null) {
                sink.add(own, node.owner());
            }
        }
        if (rule.otherDestinations() == null) {
            return;
        }
        if (node.addresses().stream().anyMatch(rule.otherDestinations()::contains)) {
            if (!rule.localparts().isEmpty()) {
                rule.byUser().forEach((user, principals) -> sink.add(principals, Optional.of(user)));
                if (!rule.tagged().isEmpty()) {
                    sink.add(rule.tagged(), Optional.empty());
                }
            } else {
                List<SshPrincipal> all = new ArrayList<>();
                rule.byUser().values().forEach(all::addAll);
                all.addAll(rule.tagged());
                if (!all.isEmpty()) {
                    sink.add(all, Optional.empty());
                }
            }
        } else if (!rule.localparts().isEmpty() && node.addresses().stream().anyMatch(rule.sources()::contains)) {
            // A source that is not a destination still gets a rule for its own user (self access by localpart).
            if (node.isTagged()) {
                sink.add(principals(node.addresses()), Optional.empty());
            } else if (node.userId().isPresent() && rule.byUser().containsKey(node.userId().get())) {
                sink.add(rule.byUser().get(node.userId().get()), node.userId());
            }
        }
    }

    private static List<SshPrincipal> principals(List<IpAddress> addresses) {
        return addresses.stream().map(a -> new SshPrincipal(a.toString())).toList();
    }

    /** Emits a rule for some principals and, when their user matches a localpart entry, the localpart rule. */
    private record RuleSink(List<SshPolicyRule> out, Map<String, String> sshUsers, SshRuleAction action,
                            List<String> acceptEnv, Map<Long, String> localparts) {

        void add(List<SshPrincipal> principals, Optional<Long> user) {
            out.add(new SshPolicyRule(principals, sshUsers, action, acceptEnv));
            user.map(localparts::get).ifPresent(localpart -> {
                Map<String, String> mapping = new LinkedHashMap<>();
                mapping.put(localpart, localpart);
                out.add(new SshPolicyRule(principals, mapping, action, acceptEnv));
            });
        }
    }
}
