package dev.chronoscale.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HuJsonParserTest {

    private final HuJsonParser parser = new HuJsonParser();

    @Test
    void acceptsCommentsAndTrailingCommas() throws Exception {
        String text = """
                // the policy
                {
                  /* block comment */
                  "groups": {"group:eng": ["alice@example.com",],}, // trailing comma
                }
                """;
        assertThat(parser.parse(text).path("groups").path("group:eng").get(0).asText()).isEqualTo("alice@example.com");
    }

    @Test
    void errorsNameLineAndColumn() {
        String text = "{\n  \"acls\": [\n    {\"action\": \"accept\" \"src\": []}\n  ]\n}";
        assertThatThrownBy(() -> parser.parse(text))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("line 3, column 25:");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> parser.parse("{\"hosts\": {}, \"hosts\": {}}"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("line 1").hasMessageContaining("hosts");
    }

    @Test
    void refusesTrailingContent() {
        assertThatThrownBy(() -> parser.parse("{} {}")).hasMessageContaining("unexpected content");
    }
}
