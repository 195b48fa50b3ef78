package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadscaleCliJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = """
            {"id":"7","machineKey":"mkey:ab","ipAddresses":["100.64.0.7"],"name":"host","user":{"id":"1","name":"alice",
             "createdAt":"2026-03-03T14:00:00.5Z","displayName":"","email":""},"lastSeen":null,"expiry":null,
             "preAuthKey":null,"createdAt":"2026-03-03T14:00:00Z","registerMethod":"REGISTER_METHOD_AUTH_KEY",
             "givenName":"host","online":false,"approvedRoutes":[],"tags":[]}
            """;

    @Test
    void jsonFollowsGoEncodingOfHeadscaleProtoStructs() throws Exception {
        JsonNode node = HeadscaleCliJson.json(JSON.readTree(NODE));
        assertThat(node.get("id").isNumber()).isTrue();
        assertThat(node.get("id").asLong()).isEqualTo(7);
        assertThat(node.get("machine_key").asText()).isEqualTo("mkey:ab");
        assertThat(node.get("ip_addresses").get(0).asText()).isEqualTo("100.64.0.7");
        assertThat(node.get("register_method").asInt()).isEqualTo(1);
        assertThat(node.get("created_at").get("seconds").asLong()).isEqualTo(1772546400L);
        assertThat(node.get("created_at").has("nanos")).isFalse();
        assertThat(node.get("user").get("created_at").get("nanos").asInt()).isEqualTo(500_000_000);
        assertThat(node.has("online")).as("false is omitted").isFalse();
        assertThat(node.has("last_seen")).as("null is omitted").isFalse();
        assertThat(node.has("tags")).as("empty list is omitted").isFalse();
        assertThat(node.get("user").has("email")).as("empty string is omitted").isFalse();
    }

    @Test
    void yamlKeepsEveryFieldWithLowerCasedNames() throws Exception {
        JsonNode node = HeadscaleCliJson.yaml(JSON.readTree(NODE));
        assertThat(node.has("machinekey")).isTrue();
        assertThat(node.has("online")).isTrue();
        assertThat(node.get("createdat").get("nanos").asInt()).isZero();
        assertThat(node.get("tags").isArray()).isTrue();
    }

    @Test
    void printedJsonIsIndentedWithTabsLikeGo() throws Exception {
        String printed = HeadscaleCliJson.print(JSON.readTree("{\"id\":\"1\",\"name\":\"alice\"}"), "json");
        assertThat(printed).isEqualTo("{\n\t\"id\": 1,\n\t\"name\": \"alice\"\n}");
        assertThat(HeadscaleCliJson.print(JSON.readTree("{\"id\":\"1\"}"), "json-line")).isEqualTo("{\"id\":1}");
    }
}
