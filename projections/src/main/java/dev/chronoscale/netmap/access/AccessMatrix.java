package dev.chronoscale.netmap.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.policy.AclRule;
import dev.chronoscale.domain.policy.Grant;
import dev.chronoscale.domain.policy.HuJsonParser;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.compile.RulePacketFilters;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.tailcfg.FilterRule;
import dev.chronoscale.tailcfg.NetPortRange;
import dev.chronoscale.tailcfg.WirePortRange;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Who may reach what under a policy, rule by rule. Tailscale's rules only ever grant, so what a policy allows is the
 * union of what each rule allows alone: the live compiler compiles the policy once, each destination node's packet
 * filter is cut under each ACL and grant on its own ({@link RulePacketFilters}), and each filter rule becomes a row. Capability grants ({@code app}) and SSH rules grant no network access and give no rows.
 */
public final class AccessMatrix {

    /** What Tailscale does without a policy: every node may reach every other. */
    public static final String ALLOW_ALL = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]}";

    private final NetmapCompiler compiler;
    private final HuJsonParser hujson = new HuJsonParser();

    public AccessMatrix(NetmapCompiler compiler) {
        this.compiler = compiler;
    }

    /** The policy Tailscale applies when none is set. */
    public static Policy allowAll() {
        try {
            return new PolicyParser().parse(ALLOW_ALL);
        } catch (InvalidPolicyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The rows of the policy in force, or of {@link #ALLOW_ALL} when none is: what Tailscale does without one. Without
     * the policy's text, the rows name their rules but carry no rule text.
     */
    public List<AccessRow> rowsInForce(Optional<Policy> policy, Optional<String> text, Tailnet tailnet) {
        return rowsInForce(policy, text, tailnet, AccessQuery.ALL);
    }

    /**
     * The rows of the policy in force (as {@link #rowsInForce(Optional, Optional, Tailnet)}) that {@code query} keeps;
     * only the nodes the query's destination names are compiled for.
     */
    public List<AccessRow> rowsInForce(Optional<Policy> policy, Optional<String> text, Tailnet tailnet, AccessQuery query) {
        Policy inForce = policy.orElseGet(AccessMatrix::allowAll);
        String source = policy.isPresent() ? text.orElse("{}") : ALLOW_ALL;
        AccessQuery.Resolved resolved = query.resolve(inForce, tailnet);
        return resolved.filter(rows(inForce, source, tailnet, resolved::reaches));
    }

    /** Every row the policy grants in the tailnet; {@code text} is the policy's source, for each rule's own text. */
    public List<AccessRow> rows(Policy policy, String text, Tailnet tailnet) {
        return rows(policy, text, tailnet, node -> true);
    }

    /**
     * The access {@code after} gains and loses against {@code before} over one tailnet, as
     * {@link AccessChange#between} the two matrices. Only the destinations whose filter under some rule may differ
     * between the two compiles are compared: every other node is reached by the same rules compiled to the same, so
     * by the same rows.
     */
    public AccessChange change(Policy before, String beforeText, Policy after, String afterText, Tailnet tailnet) {
        if (before.allowsAll() || after.allowsAll()) {
            return AccessChange.between(rows(before, beforeText, tailnet), rows(after, afterText, tailnet));
        }
        RulePacketFilters beforeFilters = compiler.compile(before, tailnet).rulePacketFilters();
        RulePacketFilters afterFilters = compiler.compile(after, tailnet).rulePacketFilters();
        Predicate<TailnetNode> compared = beforeFilters.nodesWhoseRulesDiffer(afterFilters)
                .<Predicate<TailnetNode>>map(ids -> node -> ids.contains(node.id())).orElse(node -> true);
        return AccessChange.between(rows(before, beforeText, tailnet, compared, beforeFilters),
                rows(after, afterText, tailnet, compared, afterFilters));
    }

    /** The rows whose destination is one of the {@code destinations}. */
    public List<AccessRow> rows(Policy policy, String text, Tailnet tailnet, Predicate<TailnetNode> destinations) {
        return rows(policy, text, tailnet, destinations, null);
    }

    /** As {@link #rows(Policy, String, Tailnet, Predicate)}, from {@code compiled} when given (the policy's compile). */
    private List<AccessRow> rows(Policy policy, String text, Tailnet tailnet, Predicate<TailnetNode> destinations,
                                 RulePacketFilters compiled) {
        JsonNode source = sourceOf(text);
        List<RuleText> rules = new ArrayList<>();
        List<AclRule> acls = policy.acls().orElse(List.of());
        for (int i = 0; i < acls.size(); i++) {
            rules.add(RuleText.of("acls[" + i + "]", source.path("acls").path(i)));
        }
        List<Grant> grants = policy.grants().orElse(List.of());
        for (int i = 0; i < grants.size(); i++) {
            rules.add(RuleText.of("grants[" + i + "]", source.path("grants").path(i)));
        }
        List<TailnetNode> nodes = tailnet.nodes().stream().filter(destinations).toList();
        if (rules.isEmpty() || nodes.isEmpty()) {
            return List.of();
        }
        RulePacketFilters filters = compiled != null ? compiled : compiler.compile(policy, tailnet).rulePacketFilters();
        List<List<AccessRow>> byRule = new ArrayList<>();
        rules.forEach(rule -> byRule.add(new ArrayList<>()));
        for (TailnetNode node : nodes) {
            Optional<List<List<FilterRule>>> perRule = filters.forNode(node.id());
            if (perRule.isEmpty()) {
                continue;
            }
            List<String> addresses = node.addresses().stream().map(Object::toString).toList();
            for (int r = 0; r < rules.size(); r++) {
                addRows(byRule.get(r), perRule.get().get(r), node, addresses, rules.get(r));
            }
        }
        List<AccessRow> rows = new ArrayList<>();
        byRule.forEach(rows::addAll);
        return rows;
    }

    /** A rule's name ({@code acls[0]}), its text, and the text of its sources. */
    private record RuleText(String rule, String text, String sources) {
        static RuleText of(String rule, JsonNode source) {
            return new RuleText(rule, source.isMissingNode() ? rule : source.toString(), texts(source.path("src")));
        }
    }

    private static void addRows(List<AccessRow> rows, List<FilterRule> packetFilter, TailnetNode node,
                                List<String> addresses, RuleText rule) {
        for (FilterRule filter : packetFilter) {
            if (filter.dstPorts() == null || filter.dstPorts().isEmpty()) {
                continue;
            }
            Set<String> ips = new LinkedHashSet<>();
            Set<WirePortRange> ports = new LinkedHashSet<>();
            for (NetPortRange destination : filter.dstPorts()) {
                ips.add(destination.ip());
                ports.add(destination.ports());
            }
            rows.add(new AccessRow(rule.sources(), filter.srcIps(), node.id(), node.name(), addresses, List.copyOf(ips),
                    protocol(filter.ipProto()), List.copyOf(ports), rule.rule(), rule.text()));
        }
    }

    private JsonNode sourceOf(String text) {
        try {
            return hujson.parse(text);
        } catch (InvalidPolicyException e) {
            throw new IllegalArgumentException("the policy in force no longer parses: " + e.getMessage(), e);
        }
    }

    private static String texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(value.asText()));
        return String.join(", ", out);
    }

    /** Tailscale's default when a rule names no protocol is TCP, UDP and ICMP. */
    static String protocol(List<Integer> ipProto) {
        if (ipProto == null || ipProto.isEmpty()) {
            return "tcp,udp,icmp";
        }
        return ipProto.stream().map(AccessMatrix::protocolName).collect(Collectors.joining(","));
    }

    private static String protocolName(int number) {
        return switch (number) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "ipv6-icmp";
            case 132 -> "sctp";
            default -> "proto:" + number;
        };
    }
}
