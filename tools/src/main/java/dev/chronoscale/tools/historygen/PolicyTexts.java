package dev.chronoscale.tools.historygen;

import java.util.ArrayList;
import java.util.List;

/**
 * The tailnet's policy as its administrators would grow it: teams (groups of the users at the time) reach tagged
 * services on their ports, operators reach the routed subnets, everyone reaches their own devices, on-call teams may
 * SSH to services. Each version moves a few rules, as edits do.
 */
final class PolicyTexts {

    static final String[] TEAMS = {"eng", "ops", "data", "sales", "support", "security", "finance", "design"};
    static final int SERVICE_TAGS = 24;
    static final int SUBNETS = 12;
    private static final int[] PORTS = {22, 80, 443, 5432, 6379, 8080, 8443, 9090};

    private PolicyTexts() {
    }

    /** The HuJSON text of policy {@code version} for {@code emails}, the users' logins at the time. */
    static String render(long version, List<String> emails) {
        StringBuilder text = new StringBuilder("// Tailnet policy, version ").append(version).append('\n');
        text.append("{\n  \"groups\": {\n");
        for (int t = 0; t < TEAMS.length; t++) {
            List<String> members = new ArrayList<>();
            for (int u = t; u < emails.size(); u += TEAMS.length) {
                members.add('"' + emails.get(u) + '"');
            }
            text.append("    \"group:").append(TEAMS[t]).append("\": [").append(String.join(", ", members)).append(']')
                    .append(t + 1 < TEAMS.length ? ",\n" : "\n");
        }
        text.append("  },\n  \"tagOwners\": {\n    \"tag:router\": [\"group:ops\"],\n    \"tag:dev\": [\"group:eng\"]");
        for (int s = 0; s < SERVICE_TAGS; s++) {
            text.append(",\n    \"tag:svc-").append(s).append("\": [\"group:").append(TEAMS[s % 2]).append("\"]");
        }
        text.append("\n  },\n  \"acls\": [\n");
        List<String> acls = new ArrayList<>();
        acls.add("{\"action\": \"accept\", \"src\": [\"autogroup:member\"], \"dst\": [\"autogroup:self:*\"]}");
        int rules = 30 + (int) (version % 11);
        for (int r = 0; r < rules; r++) {
            String team = TEAMS[(int) ((r + version / 3) % TEAMS.length)];
            int service = (int) ((r * 7 + version) % SERVICE_TAGS);
            acls.add("{\"action\": \"accept\", \"src\": [\"group:" + team + "\"], \"dst\": [\"tag:svc-" + service + ":"
                    + PORTS[r % PORTS.length] + "," + PORTS[(r + 3) % PORTS.length] + "\"]}");
        }
        for (int s = 0; s < SUBNETS; s++) {
            acls.add("{\"action\": \"accept\", \"src\": [\"group:ops\", \"group:security\"], \"dst\": [\"10." + s
                    + ".0.0/16:*\"]}");
        }
        acls.add("{\"action\": \"accept\", \"src\": [\"tag:svc-0\", \"tag:svc-1\"], \"dst\": [\"tag:svc-2:5432\"], "
                + "\"proto\": \"tcp\"}");
        acls.add("{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"tag:dev:*\"]}");
        text.append("    ").append(String.join(",\n    ", acls)).append("\n  ],\n  \"ssh\": [\n");
        List<String> ssh = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            ssh.add("{\"action\": \"" + (s % 2 == 0 ? "accept" : "check") + "\", \"src\": [\"group:"
                    + TEAMS[(int) ((s + version) % 3)] + "\"], \"dst\": [\"tag:svc-" + s + "\"], \"users\": [\"root\","
                    + " \"autogroup:nonroot\"]}");
        }
        text.append("    ").append(String.join(",\n    ", ssh)).append("\n  ]\n}\n");
        return text.toString();
    }
}
