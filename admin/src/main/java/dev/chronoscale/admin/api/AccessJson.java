package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.netmap.access.AccessRow;

import java.util.List;

/** Access matrix rows as the API writes them. */
final class AccessJson {

    private AccessJson() {
    }

    static ArrayNode rows(List<AccessRow> rows) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        rows.forEach(row -> out.add(row(row)));
        return out;
    }

    static ObjectNode row(AccessRow row) {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("source", row.source());
        row.sourceIps().forEach(json.putArray("sourceIps")::add);
        ObjectNode destination = json.putObject("destination");
        destination.put("id", String.valueOf(row.destinationId()));
        destination.put("name", row.destination());
        row.destinationAddresses().forEach(destination.putArray("addresses")::add);
        row.destinationIps().forEach(json.putArray("destinationIps")::add);
        json.put("protocol", row.protocol());
        json.put("ports", row.ports());
        json.put("rule", row.rule());
        json.put("ruleText", row.ruleText());
        return json;
    }
}
