package dev.chronoscale.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.domain.net.IpPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

class AliasParserTest {

    @Test
    void recognisesEveryAliasKind() {
        assertThat(AliasParser.parse("*")).isEqualTo(new Alias.Wildcard());
        assertThat(AliasParser.parse("alice@example.com")).isEqualTo(new Alias.User("alice@example.com"));
        assertThat(AliasParser.parse("user:*@example.com")).isEqualTo(new Alias.UsersOfDomain("example.com"));
        assertThat(AliasParser.parse("group:eng")).isEqualTo(new Alias.Group("group:eng"));
        assertThat(AliasParser.parse("tag:web")).isEqualTo(new Alias.Tag("tag:web"));
        assertThat(AliasParser.parse("webserver")).isEqualTo(new Alias.Host("webserver"));
        assertThat(AliasParser.parse("10.0.0.0/8")).isEqualTo(new Alias.Prefix(IpPrefix.parse("10.0.0.0/8")));
        assertThat(AliasParser.parse("autogroup:member")).isEqualTo(new Alias.AutogroupRef(Autogroup.MEMBER));
        assertThat(AliasParser.parse("ipset:clinical")).isEqualTo(new Alias.IpSetRef("clinical"));
    }

    @Test
    void refusesUnknownAutogroupsAndBadTags() {
        assertThatThrownBy(() -> AliasParser.parse("autogroup:bogus")).hasMessageContaining("not valid");
        assertThatThrownBy(() -> AliasParser.parse("tag:1abc")).hasMessageContaining("must start with a letter");
    }

    @Test
    void parsesDestinationsWithPorts() {
        AliasWithPorts dst = AliasParser.parseWithPorts("tag:web:80,443,8000-8100");
        assertThat(dst.alias()).isEqualTo(new Alias.Tag("tag:web"));
        assertThat(dst.ports()).containsExactly(new PortRange(80, 80), new PortRange(443, 443), new PortRange(8000, 8100));
        assertThat(AliasParser.parseWithPorts("*:*").ports()).containsExactly(PortRange.ANY);
        assertThat(AliasParser.parseWithPorts("[fd7a:115c:a1e0::1]:22").alias())
                .isEqualTo(new Alias.Prefix(IpPrefix.parse("fd7a:115c:a1e0::1")));
        assertThat(AliasParser.parseWithPorts("fd7a:115c:a1e0::1:22").ports()).isEqualTo(List.of(new PortRange(22, 22)));
    }

    @Test
    void portErrorsUseTailscalesWording() {
        assertThatThrownBy(() -> AliasParser.parsePorts("ssh")).hasMessage("port range \"ssh\": invalid first integer");
        assertThatThrownBy(() -> AliasParser.parsePorts("0"))
                .hasMessage("port range \"0\": first port must be >0, or use '*' for wildcard");
    }
}
