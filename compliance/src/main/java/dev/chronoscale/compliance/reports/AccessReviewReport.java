package dev.chronoscale.compliance.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.TableBuilder;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.history.NetmapAt;
import dev.chronoscale.history.TailnetAt;
import dev.chronoscale.inventory.InventoryViews.UserView;
import dev.chronoscale.netmap.access.AccessRow;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who could reach what at an instant, for a reviewer to sign off: per principal of the policy (user, group, tag,
 * autogroup, address) what it could reach, through which rule, granted by which policy version (its author, time and
 * reason) and in force since when; per person, through which principals; per node, who could reach it. "Since" is the
 * first version of the unbroken run of versions that had the rule as written (and, for a person reached through a
 * group, had them in it), and not before the person's account existed.
 */
final class AccessReviewReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NAMED_DESTINATIONS = 10;

    private final ReportSources sources;

    AccessReviewReport(ReportSources sources) {
        this.sources = sources;
    }

    /** The rows of one rule that one principal of its sources shares: what it reaches on which ports. */
    private record Reach(String principal, String rule, String ruleText, String protocol, String ports,
                         TreeSet<String> destinations) {
    }

    Report build(ReportHeader header) {
        Instant at = header.to();
        // One replay gives both the netmap (tailnet, policy) and the inventory (when each user's account was created).
        NetmapAt past;
        Map<Long, Instant> created;
        try (TailnetAt both = sources.history().tailnetAt(at)) {
            past = both.netmap();
            created = both.inventory().queries().users().stream().collect(Collectors.toMap(UserView::id, UserView::createdAt));
        }
        Tailnet tailnet = past.netmap().tailnet();
        Optional<Policy> policy = past.netmap().policy();
        List<AccessRow> rows = sources.access().rowsInForce(policy, past.policyText(), tailnet);
        PolicyHistory history = PolicyHistory.read(sources.log());
        Optional<PolicyHistory.Version> inForce = policy.isPresent() ? history.inForceAt(at) : Optional.empty();

        Map<String, Reach> reaches = new LinkedHashMap<>();
        Map<String, List<String>> principalsOfRule = new HashMap<>();
        for (AccessRow row : rows) {
            for (String principal : principalsOfRule.computeIfAbsent(row.ruleText(), AccessReviewReport::principals)) {
                reaches.computeIfAbsent(principal + "\u0000" + row.ruleText() + "\u0000" + row.protocol() + "\u0000" + row.ports(),
                        k -> new Reach(principal, row.rule(), row.ruleText(), row.protocol(), row.ports(), new TreeSet<>()))
                        .destinations().add(row.destination());
            }
        }
        Map<String, PolicyHistory.Version> ruleSince = new TreeMap<>();
        inForce.ifPresent(current -> rows.stream().map(AccessRow::ruleText).distinct().forEach(text ->
                ruleSince.put(text, history.since(current, v -> v.ruleTexts().contains(text)))));

        TableBuilder byPrincipal = new TableBuilder("access-by-principal", "Access by principal",
                "What each principal the policy names could reach, through which rule, granted by which policy version.",
                "Principal", "Members", "Rule", "Protocol", "Ports", "Destinations", "Granted in", "Granted by",
                "Granted at", "Reason", "Rule text");
        Map<Long, List<TailnetNode>> nodesOf = tailnet.nodes().stream().filter(n -> !n.isTagged() && n.userId().isPresent())
                .collect(Collectors.groupingBy(n -> n.userId().get()));
        List<Reach> ordered = new ArrayList<>(reaches.values());
        ordered.sort(Comparator.comparing(Reach::principal).thenComparing(Reach::rule).thenComparing(Reach::ports));
        for (Reach reach : ordered) {
            Optional<PolicyHistory.Version> granted = Optional.ofNullable(ruleSince.get(reach.ruleText()));
            byPrincipal.row(reach.principal(), members(reach.principal(), policy, tailnet), reach.rule(), reach.protocol(),
                    reach.ports(), destinations(reach.destinations()), granted.map(PolicyHistory.Version::label).orElse(defaultGrant(policy)),
                    granted.map(PolicyHistory.Version::actor), granted.map(PolicyHistory.Version::time),
                    granted.flatMap(PolicyHistory.Version::reason), reach.ruleText());
        }

        TableBuilder byPerson = new TableBuilder("access-by-person", "Access by person",
                "What each user could reach through each principal that includes them (themselves, a group, an autogroup, "
                        + "the wildcard): one block per person to sign off.",
                "User", "Devices", "Through", "Rule", "Protocol", "Ports", "Destinations", "Since", "Granted in", "Granted by");
        List<TailnetUser> users = new ArrayList<>(tailnet.users());
        users.sort(Comparator.comparing(TailnetUser::name).thenComparingLong(TailnetUser::id));
        int peopleWithAccess = 0;
        for (TailnetUser user : users) {
            boolean any = false;
            for (Reach reach : ordered) {
                if (!includes(reach.principal(), user, policy)) {
                    continue;
                }
                any = true;
                Optional<PolicyHistory.Version> granted = Optional.ofNullable(ruleSince.get(reach.ruleText()));
                Instant since = granted.map(PolicyHistory.Version::time).orElse(Instant.EPOCH);
                if (reach.principal().startsWith("group:") && inForce.isPresent()) {
                    since = later(since, history.since(inForce.get(), v -> v.policy().map(p -> inGroup(p, reach.principal(), user))
                            .orElse(false)).time());
                }
                since = later(since, created.getOrDefault(user.id(), Instant.EPOCH));
                byPerson.row(user.name(), nodesOf.getOrDefault(user.id(), List.of()).size(), reach.principal(), reach.rule(),
                        reach.protocol(), reach.ports(), destinations(reach.destinations()), since,
                        granted.map(PolicyHistory.Version::label).orElse(defaultGrant(policy)), granted.map(PolicyHistory.Version::actor));
            }
            if (any) {
                peopleWithAccess++;
            }
        }

        TableBuilder byNode = new TableBuilder("access-by-node", "Access by destination node",
                "Who could reach each node, on which ports, through which rule.",
                "Node id", "Node", "Sources", "Protocol", "Ports", "Rule", "Granted in");
        List<AccessRow> byDestination = new ArrayList<>(rows);
        byDestination.sort(Comparator.comparing(AccessRow::destination).thenComparingLong(AccessRow::destinationId)
                .thenComparing(AccessRow::rule));
        for (AccessRow row : byDestination) {
            byNode.row(row.destinationId(), row.destination(), row.source(), row.protocol(), row.ports(), row.rule(),
                    Optional.ofNullable(ruleSince.get(row.ruleText())).map(PolicyHistory.Version::label).orElse(defaultGrant(policy)));
        }

        List<Report.Figure> summary = List.of(
                new Report.Figure("Policy in force", inForce.map(v -> v.label() + " (sha256 " + v.sha256() + ", set "
                        + v.time() + " by " + v.actor() + ")").orElse(policy.isPresent() ? "unknown"
                        : "none: every node can reach every node (Tailscale's default)")),
                new Report.Figure("Access rows (source, destination node, ports)", String.valueOf(rows.size())),
                new Report.Figure("Principals with access", String.valueOf(ordered.stream().map(Reach::principal).distinct().count())),
                new Report.Figure("People with access", peopleWithAccess + " of " + users.size()),
                new Report.Figure("Nodes reachable by someone", String.valueOf(rows.stream().map(AccessRow::destinationId).distinct().count())
                        + " of " + tailnet.nodes().size()));
        return new Report(header, summary, List.of(byPrincipal.build(), byPerson.build(), byNode.build()));
    }

    private static String defaultGrant(Optional<Policy> policy) {
        return policy.isPresent() ? "" : "default (no policy)";
    }

    /** The principals a rule's {@code src} names, as written. */
    static List<String> principals(String ruleText) {
        try {
            JsonNode rule = JSON.readTree(ruleText);
            List<String> out = new ArrayList<>();
            rule.path("src").forEach(source -> out.add(source.asText()));
            return out.isEmpty() ? List.of(ruleText) : out;
        } catch (IOException e) {
            return List.of(ruleText);
        }
    }

    private static String members(String principal, Optional<Policy> policy, Tailnet tailnet) {
        if (principal.startsWith("group:")) {
            return policy.map(p -> java.util.stream.Stream.concat(
                    p.groups().getOrDefault(principal, List.of()).stream().map(Alias.User::login),
                    p.idpGroupsOf(principal).stream().map(g -> dev.chronoscale.domain.policy.PolicyParser.IDP_GROUP_PREFIX + g))
                    .collect(Collectors.joining(", "))).orElse("");
        }
        if (principal.startsWith("tag:")) {
            List<String> tagged = tailnet.nodes().stream().filter(n -> n.tags().contains(principal)).map(TailnetNode::name)
                    .sorted().toList();
            return destinations(new TreeSet<>(tagged));
        }
        if (principal.equals("*")) {
            return "everyone: every user and every tagged node";
        }
        if (principal.equals("autogroup:member")) {
            return "every user's own devices";
        }
        return "";
    }

    private static boolean includes(String principal, TailnetUser user, Optional<Policy> policy) {
        if (principal.equals("*") || principal.equals("autogroup:member")) {
            return true;
        }
        if (principal.startsWith("group:")) {
            return policy.map(p -> inGroup(p, principal, user)).orElse(false);
        }
        if (principal.startsWith("tag:") || principal.startsWith("autogroup:")) {
            return false;
        }
        return principal.contains("@") && user.isNamedBy(principal);
    }

    private static boolean inGroup(Policy policy, String group, TailnetUser user) {
        return user.isInPolicyGroup(policy, group);
    }

    static String destinations(TreeSet<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> shown = names.stream().limit(NAMED_DESTINATIONS).toList();
        String list = String.join(", ", shown);
        int more = names.size() - shown.size();
        return names.size() + (names.size() == 1 ? " node: " : " nodes: ") + list + (more > 0 ? " and " + more + " more" : "");
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
