package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.netmap.access.AccessRow;
import dev.chronoscale.tailcfg.WirePortRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;

/** {@code history ...}: the tailnet's past, computed from the event log on the server. */
@Command(name = "history", description = "The tailnet at any instant that has passed, from the event log.",
        subcommands = {HistoryCommand.Netmap.class, HistoryCommand.Access.class, HistoryCommand.Diff.class,
                HistoryCommand.Events.class})
final class HistoryCommand {

    @Command(name = "netmap", description = "The netmap a node was served at an instant: peers, packet filter, SSH, DNS.")
    static final class Netmap extends ApiCommand {
        @Option(names = {"-n", "--node"}, required = true, description = "The node: its id, name or host name at that instant.")
        String node;

        @Option(names = "--at", required = true, paramLabel = "T", description = "RFC 3339 (2026-03-03T14:00:00Z, or with an"
                + " offset) or a time before now (-90m, -2h, -7d).")
        String at;

        @Override
        void run() throws Exception {
            Instant when = AtInstant.parse("--at", at);
            JsonNode map = call("GET", AtInstant.on("/api/v1/history/netmap?node=" + encode(node), when), null);
            if (machineOutput()) {
                printDocument(map);
                return;
            }
            JsonNode self = map.get("Node");
            StringBuilder out = new StringBuilder();
            out.append("Node ").append(self.get("ID").asText()).append(" ").append(self.get("Name").asText())
                    .append(" (").append(joined(self.get("Addresses"), ", ")).append(") at ").append(when).append('\n');
            Table peers = new Table("ID", "Name", "Addresses", "AllowedIPs", "Online");
            map.path("Peers").forEach(p -> peers.row(p.get("ID").asText(), p.get("Name").asText(),
                    joined(p.get("Addresses"), ", "), joined(p.get("AllowedIPs"), ", "),
                    p.path("Online").asBoolean() ? "online" : "offline"));
            out.append("\nPeers (").append(map.path("Peers").size()).append(")\n").append(peers.render());
            Table filter = new Table("Sources", "Destinations", "Protocols");
            JsonNode rules = map.path("PacketFilters").has("base") ? map.path("PacketFilters").path("base") : map.path("PacketFilter");
            rules.forEach(rule -> {
                StringBuilder destinations = new StringBuilder();
                rule.path("DstPorts").forEach(d -> destinations.append(destinations.length() > 0 ? ", " : "")
                        .append(d.get("IP").asText()).append(':').append(AccessRow.ports(new WirePortRange(
                                d.get("Ports").path("First").asInt(), d.get("Ports").path("Last").asInt()))));
                filter.row(joined(rule.get("SrcIPs"), ", "), destinations.toString(),
                        rule.has("IPProto") ? joined(rule.get("IPProto"), ",") : "tcp,udp,icmp");
            });
            out.append("\nPacket filter (").append(rules.size()).append(" rules)\n").append(filter.render());
            out.append("\nSSH rules: ").append(map.path("SSHPolicy").path("rules").size());
            System.out.println(out);
        }
    }

    @Command(name = "access", description = "Who could reach what at an instant: source, destination node, protocol and"
            + " ports, and the rule that allowed it.")
    static final class Access extends ApiCommand {
        @Option(names = "--at", required = true, paramLabel = "T", description = "RFC 3339 or a time before now (-2h, -7d).")
        String at;

        @Option(names = "--src", paramLabel = "ALIAS", description = "Only rows from these sources (group:ops, alice@, tag:ci, an address).")
        String source;

        @Option(names = "--dst", paramLabel = "ALIAS", description = "Only rows to these nodes (tag:db, a node name, an address).")
        String destination;

        @Option(names = "--port", paramLabel = "N", description = "Only rows that include this port.")
        Integer port;

        @Override
        java.util.Set<String> extraOutputs() {
            return java.util.Set.of("csv");
        }

        @Override
        void run() throws Exception {
            java.util.List<String> query = new java.util.ArrayList<>();
            AtInstant.addIfGiven(query, "at", "--at", at);
            addIfGiven(query, "src", source);
            addIfGiven(query, "dst", destination);
            addIfGiven(query, "port", port);
            JsonNode answer = call("GET", "/api/v1/history/access" + AuditCommand.TimeRange.joined(query), null);
            JsonNode rows = answer.get("rows");
            if ("csv".equals(output)) {
                System.out.print(AccessCsv.of(rows));
                return;
            }
            if (machineOutput()) {
                printDocument(answer);
                return;
            }
            System.out.println((answer.get("policyInForce").asBoolean() ? "" : "No policy was in force: every node"
                    + " could reach every other.\n") + AccessTable.of(rows));
        }
    }

    @Command(name = "events", description = "The events of a window, in order: action, actor, where from, target,"
            + " changes and reason.")
    static final class Events extends ApiCommand {
        @Option(names = "--from", required = true, paramLabel = "T1", description = "Start: RFC 3339 or a time before now (-2h, -7d).")
        String from;

        @Option(names = "--to", paramLabel = "T2", description = "End, included (default: now).")
        String to;

        @Option(names = "--node", description = "Events about this node (id or name).")
        String node;

        @Option(names = "--user", description = "Events about this user (id or name).")
        String user;

        @Option(names = "--actor", description = "Events by this actor: an id (API key prefix, OS user, OIDC subject, node id) or a type.")
        String actor;

        @Option(names = "--action", description = "An action such as node.registered, or a prefix such as node.")
        String action;

        @Option(names = "--limit", description = "At most this many events (default: all).")
        Integer limit;

        @Override
        void run() throws Exception {
            java.util.List<String> query = new java.util.ArrayList<>();
            AtInstant.addIfGiven(query, "from", "--from", from);
            AtInstant.addIfGiven(query, "to", "--to", to);
            addIfGiven(query, "node", node);
            addIfGiven(query, "user", user);
            addIfGiven(query, "actor", actor);
            addIfGiven(query, "action", action);
            AuditCommand.Log.show(this, "/api/v1/history/events", query, limit);
        }
    }

    @Command(name = "diff", description = "What changed between two instants: users, nodes, keys, the policy, access"
            + " gained and lost, and the events that did it.")
    static final class Diff extends ApiCommand {
        @Option(names = "--from", required = true, paramLabel = "T1", description = "RFC 3339 or a time before now (-2h, -7d).")
        String from;

        @Option(names = "--to", paramLabel = "T2", description = "Same forms (default: now).")
        String to;

        @Override
        void run() throws Exception {
            String path = "/api/v1/history/diff?from=" + encode(AtInstant.parse("--from", from).toString())
                    + (to == null ? "" : "&to=" + encode(AtInstant.parse("--to", to).toString()));
            JsonNode diff = call("GET", path, null);
            if (machineOutput()) {
                printDocument(diff);
                return;
            }
            StringBuilder out = new StringBuilder("Changes from " + diff.get("from").asText() + " to "
                    + diff.get("to").asText() + " (" + diff.get("events").asInt() + " events)\n");
            for (JsonNode change : diff.get("changes")) {
                out.append(switch (change.get("change").asText()) {
                    case "added" -> "  + ";
                    case "removed" -> "  - ";
                    default -> "  ~ ";
                }).append(change.get("kind").asText()).append(' ').append(change.get("id").asText()).append(' ')
                        .append(change.get("name").asText());
                if (change.get("change").asText().equals("changed")) {
                    StringBuilder fields = new StringBuilder();
                    change.get("fields").forEach(f -> fields.append(fields.isEmpty() ? ": " : "; ")
                            .append(f.get("field").asText()).append(' ').append(shown(f.get("before"))).append(" -> ")
                            .append(shown(f.get("after"))));
                    out.append(fields);
                }
                out.append('\n');
                change.get("events").forEach(e -> out.append("      ").append(event(e)).append('\n'));
            }
            JsonNode policy = diff.get("policy");
            if (policy.get("changed").asBoolean()) {
                out.append("\nPolicy: version ").append(shown(policy.get("versionBefore"))).append(" -> ")
                        .append(shown(policy.get("versionAfter"))).append('\n');
                policy.get("events").forEach(e -> out.append("      ").append(event(e)).append('\n'));
                out.append(policy.get("diff").asText());
            }
            for (String side : java.util.List.of("gained", "lost")) {
                JsonNode rows = diff.get("access").get(side);
                out.append("\nAccess ").append(side).append(" (").append(rows.size()).append(")\n");
                if (!rows.isEmpty()) {
                    out.append(AccessTable.of(rows));
                }
            }
            System.out.println(out.toString().stripTrailing());
        }

        private static String shown(JsonNode value) {
            return value == null || value.isNull() ? "-" : value.asText().isEmpty() ? "(none)" : value.asText();
        }

        private static String event(JsonNode record) {
            JsonNode actor = record.path("actor");
            String reason = record.path("reason").isTextual() ? " \"" + record.path("reason").asText() + "\"" : "";
            return record.path("time").asText() + " " + record.path("action").asText() + " by "
                    + actor.path("type").asText() + ":" + actor.path("id").asText() + reason;
        }
    }
}
