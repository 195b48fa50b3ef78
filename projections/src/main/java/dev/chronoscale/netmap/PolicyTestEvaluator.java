package dev.chronoscale.netmap;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.AliasParser;
import dev.chronoscale.domain.policy.AliasWithPorts;
import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.IpProtocol;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyTest;
import dev.chronoscale.domain.policy.PolicyTestRunner;
import dev.chronoscale.domain.policy.PortRange;
import dev.chronoscale.domain.policy.SshPolicyTest;
import dev.chronoscale.netmap.compile.AliasResolver;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.util.Optional;
import dev.chronoscale.tailcfg.FilterRule;
import dev.chronoscale.tailcfg.NetPortRange;
import dev.chronoscale.tailcfg.SshPolicyRule;
import dev.chronoscale.tailcfg.SshPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a policy's {@code tests} and {@code sshTests} against the tailnet as it is, the way Tailscale does:
 * sources and destinations resolve to the devices that exist, and each assertion is checked against the
 * compiled rules.
 */
public final class PolicyTestEvaluator implements PolicyTestRunner {

    /** Only connection-oriented protocols with ports can be asserted in tests. */
    private static final Set<Integer> TESTABLE_PROTOCOLS = Set.of(IpProtocol.TCP, IpProtocol.UDP, IpProtocol.SCTP);

    private final NetmapCompiler compiler;
    private final Supplier<Tailnet> tailnet;

    public PolicyTestEvaluator(NetmapCompiler compiler, Supplier<Tailnet> tailnet) {
        this.compiler = compiler;
        this.tailnet = tailnet;
    }

    @Override
    public List<String> failures(Policy policy) {
        if (policy.tests().isEmpty() && policy.sshTests().isEmpty()) {
            return List.of();
        }
        CompiledTailnet compiled = compiler.compile(policy, tailnet.get());
        AliasResolver resolver = new AliasResolver(policy, compiled.tailnet());
        List<String> failures = new ArrayList<>();
        List<FilterRule> filter = compiled.globalFilter();
        for (PolicyTest test : policy.tests()) {
            failures.addAll(run(test, policy, resolver, filter));
        }
        for (SshPolicyTest test : policy.sshTests()) {
            failures.addAll(run(test, policy, resolver, compiled));
        }
        return failures;
    }

    private List<String> run(PolicyTest test, Policy policy, AliasResolver resolver, List<FilterRule> filter) {
        List<String> failures = new ArrayList<>();
        if (test.accept().isEmpty() && test.deny().isEmpty()) {
            return List.of(test.source() + ": test entry must have at least one of \"accept\" or \"deny\"");
        }
        List<Integer> protocols = test.protocol().map(IpProtocol::numbers).orElse(List.of());
        if (protocols.stream().anyMatch(p -> !TESTABLE_PROTOCOLS.contains(p))) {
            return List.of(test.source() + ": test protocol must be tcp, udp, sctp, or empty");
        }
        IpSet sources;
        try {
            sources = resolveDefined(AliasParser.parse(test.source()), policy, resolver);
        } catch (IllegalArgumentException e) {
            return List.of(test.source() + ": " + e.getMessage());
        }
        if (sources.isEmpty()) {
            return List.of(test.source() + ": source resolved to no devices");
        }
        List<Integer> requested = protocols.isEmpty() ? IpProtocol.DEFAULT_NUMBERS : protocols;
        for (String destination : test.accept()) {
            check(test.source(), destination, sources, requested, true, policy, resolver, filter, failures);
        }
        for (String destination : test.deny()) {
            check(test.source(), destination, sources, requested, false, policy, resolver, filter, failures);
        }
        return failures;
    }

    private void check(String source, String destination, IpSet sources, List<Integer> protocols, boolean expectAllowed,
                       Policy policy, AliasResolver resolver, List<FilterRule> filter, List<String> failures) {
        AliasWithPorts target;
        IpSet addresses;
        try {
            target = AliasParser.parseWithPorts(destination);
            if (target.ports().size() != 1 || target.ports().get(0).first() != target.ports().get(0).last()) {
                throw new IllegalArgumentException("test destination port must be a single port");
            }
            // A destination is one host written as one: "100.64.0.16/32" and hosts entries for networks fail.
            boolean network = target.alias() instanceof Alias.Prefix && destination.contains("/")
                    || target.alias() instanceof Alias.Host host && policy.hosts().containsKey(host.name())
                    && !policy.hosts().get(host.name()).isSingleAddress();
            if (network) {
                throw new IllegalArgumentException("test destination must be a single host, not a CIDR range");
            }
            if (AliasResolver.isAutogroup(target.alias(), Autogroup.INTERNET)) {
                throw new IllegalArgumentException("autogroup:internet not valid as a test destination");
            }
            addresses = resolveDefined(target.alias(), policy, resolver);
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("destination resolved to no addresses");
            }
        } catch (IllegalArgumentException e) {
            failures.add(source + " -> " + destination + ": " + e.getMessage());
            return;
        }
        PortRange port = target.ports().get(0);
        boolean allowed = true;
        for (IpPrefix block : sources.prefixes()) {
            if (!reaches(block, addresses, port, protocols, filter)) {
                allowed = false;
                break;
            }
        }
        if (allowed != expectAllowed) {
            failures.add(source + " -> " + destination + ": expected " + (expectAllowed ? "ALLOWED" : "DENIED")
                    + ", got " + (allowed ? "ALLOWED" : "DENIED"));
        }
    }


    /** Whether some rule lets (part of) the source block reach the destination on the port, as Tailscale checks. */
    private static boolean reaches(IpPrefix source, IpSet destination, PortRange port, List<Integer> protocols,
                                   List<FilterRule> filter) {
        for (FilterRule rule : filter) {
            if (rule.dstPorts().isEmpty() || !sourceSet(rule.srcIps()).overlaps(source)) {
                continue;
            }
            List<Integer> ruleProtocols = rule.ipProto().isEmpty() ? IpProtocol.DEFAULT_NUMBERS : rule.ipProto();
            if (protocols.stream().noneMatch(ruleProtocols::contains)) {
                continue;
            }
            for (NetPortRange entry : rule.dstPorts()) {
                IpSet covered = addressText(entry.ip());
                boolean overlaps = destination.ranges().stream().anyMatch(covered::overlaps);
                if (overlaps && entry.ports().first() <= port.first() && port.last() <= entry.ports().last()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static IpSet sourceSet(List<String> texts) {
        IpSet out = IpSet.EMPTY;
        for (String text : texts) {
            out = out.union(addressText(text));
        }
        return out;
    }

    private static IpSet addressText(String text) {
        return dev.chronoscale.netmap.compile.AddressText.parse(text);
    }

    /** Like the resolver, but a name the policy does not define is an error rather than nothing. */
    private static IpSet resolveDefined(Alias alias, Policy policy, AliasResolver resolver) {
        switch (alias) {
            case Alias.Tag tag when !policy.tagOwners().containsKey(tag.name()) ->
                    throw new IllegalArgumentException("tag \"" + tag.name() + "\" is not defined");
            case Alias.Group group when !policy.groups().containsKey(group.name()) ->
                    throw new IllegalArgumentException("group \"" + group.name() + "\" is not defined");
            case Alias.Host host when !policy.hosts().containsKey(host.name()) ->
                    throw new IllegalArgumentException("host \"" + host.name() + "\" is not defined");
            case Alias.User user when resolver.user(user.login()).isEmpty() ->
                    throw new IllegalArgumentException("user \"" + user.login() + "\" does not exist");
            case Alias.AutogroupRef ref when ref.autogroup() == Autogroup.SELF ->
                    throw new IllegalArgumentException("autogroup:self cannot be resolved without a destination");
            default -> {
            }
        }
        return resolver.resolve(alias);
    }

    private List<String> run(SshPolicyTest test, Policy policy, AliasResolver resolver, CompiledTailnet compiled) {
        if (test.accept().isEmpty() && test.check().isEmpty() && test.deny().isEmpty()) {
            return List.of(test.source() + ": no accept, deny, or check assertions specified");
        }
        Alias sourceAlias;
        IpSet sources;
        try {
            sourceAlias = AliasParser.parse(test.source());
            sources = resolveDefined(sourceAlias, policy, resolver);
        } catch (IllegalArgumentException e) {
            return List.of(test.source() + ": " + e.getMessage());
        }
        List<TailnetNode> nodes = compiled.tailnet().nodes();
        List<IpAddress> sourceAddresses = nodes.stream().flatMap(n -> n.addresses().stream())
                .filter(sources::contains).toList();
        if (sourceAddresses.isEmpty()) {
            return List.of(test.source() + ": source resolved to no devices");
        }
        Optional<Long> sourceUser = sourceAlias instanceof Alias.User user
                ? resolver.user(user.login()).map(TailnetUser::id) : Optional.empty();
        List<String> failures = new ArrayList<>();
        for (String destination : test.destinations()) {
            List<TailnetNode> targets;
            try {
                targets = sshTestTargets(destination, sourceUser, nodes, policy, resolver);
            } catch (IllegalArgumentException e) {
                failures.add(test.source() + " -> " + destination + ": " + e.getMessage());
                continue;
            }
            if (targets.isEmpty()) {
                failures.add(test.source() + " -> " + destination + ": destination resolved to no devices");
                continue;
            }
            for (TailnetNode target : targets) {
                List<SshPolicyRule> rules = compiled.netmapFor(target.id()).orElseThrow().sshRules();
                for (String user : test.accept()) {
                    if (!sourceAddresses.stream().allMatch(a -> allows(rules, a, user, false))) {
                        failures.add(test.source() + "/" + user + " -> " + target.name() + ": expected ALLOWED, got DENIED");
                    }
                }
                for (String user : test.check()) {
                    if (!sourceAddresses.stream().allMatch(a -> allows(rules, a, user, true))) {
                        failures.add(test.source() + "/" + user + " -> " + target.name()
                                + ": expected ALLOWED via check, got " + (sourceAddresses.stream()
                                .allMatch(a -> allows(rules, a, user, false)) ? "ALLOWED via accept" : "DENIED"));
                    }
                }
                for (String user : test.deny()) {
                    if (sourceAddresses.stream().anyMatch(a -> allows(rules, a, user, false))) {
                        failures.add(test.source() + "/" + user + " -> " + target.name() + ": expected DENIED, got ALLOWED");
                    }
                }
            }
        }
        return failures;
    }

    /** The nodes an sshTests destination names; autogroup:self means the source user's own devices. */
    private static List<TailnetNode> sshTestTargets(String destination, Optional<Long> sourceUser, List<TailnetNode> nodes,
                                                    Policy policy, AliasResolver resolver) {
        Alias alias = AliasParser.parse(destination);
        if (AliasResolver.isAutogroup(alias, Autogroup.SELF)) {
            return nodes.stream().filter(n -> sourceUser.isPresent() && n.owner().equals(sourceUser)).toList();
        }
        IpSet addresses = resolveDefined(alias, policy, resolver);
        return nodes.stream().filter(n -> n.addresses().stream().anyMatch(addresses::contains)).toList();
    }

    /**
     * Whether some rule of the destination's SSH policy lets this source address in as {@code user}; with
     * {@code viaCheck}, whether such a rule is a check rule. An explicit empty mapping (root: "") refuses.
     */
    private static boolean allows(List<SshPolicyRule> rules, IpAddress source, String user, boolean viaCheck) {
        if (user.isEmpty()) {
            return false;
        }
        String address = source.toString();
        for (SshPolicyRule rule : rules) {
            if (rule.principals().stream().map(SshPrincipal::nodeIp).noneMatch(address::equals)) {
                continue;
            }
            String mapped = rule.sshUsers().containsKey(user) ? rule.sshUsers().get(user)
                    : user.equals("root") ? null : rule.sshUsers().get("*");
            if (mapped == null || mapped.isEmpty()) {
                continue;
            }
            if (!viaCheck || rule.action().isCheck()) {
                return true;
            }
        }
        return false;
    }

}
