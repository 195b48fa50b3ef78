package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.netmap.access.FilterIps;

import java.util.ArrayList;
import java.util.List;

/** Access matrix rows as a table: who, to which node (its addresses, and the routes it serves), how, by which rule. */
final class AccessTable {

    private AccessTable() {
    }

    static String of(JsonNode rows) {
        Table table = new Table("Source", "Destination", "Addresses", "Protocol", "Ports", "Rule");
        rows.forEach(row -> table.row(row.get("source").asText(), row.get("destination").get("name").asText(),
                addresses(row), row.get("protocol").asText(), row.get("ports").asText(), row.get("rule").asText()));
        return table.render();
    }

    /** The node's own addresses, then the filter's destinations that hold none of them: the routes it serves. */
    private static String addresses(JsonNode row) {
        List<String> own = new ArrayList<>();
        row.get("destination").get("addresses").forEach(a -> own.add(a.asText()));
        List<String> routes = new ArrayList<>();
        row.get("destinationIps").forEach(ip -> {
            String text = ip.asText();
            if (!text.equals("*") && own.stream().noneMatch(address -> FilterIps.range(text).contains(IpAddress.parse(address)))) {
                routes.add(text);
            }
        });
        return String.join(", ", own) + (routes.isEmpty() ? "" : " (routes: " + String.join(", ", routes) + ")");
    }
}
