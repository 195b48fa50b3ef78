package dev.chronoscale.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.domain.net.IpPrefix;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

    private static final String HEADER = """
            "groups": {"group:eng": ["alice@example.com"], "group:oncall": ["bob@example.com"]},
            "tagOwners": {"tag:web": ["group:eng"], "tag:router": ["group:eng"]},
            "hosts": {"clinical": "10.20.0.0/16"},
            """;

    private final PolicyParser parser = new PolicyParser(Set.of("example.com"));

    private Policy parse(String body) throws InvalidPolicyException {
        return parser.parse("{" + HEADER + body + "}");
    }

    @Test
    void readsAFullPolicy() throws Exception {
        Policy policy = parse("""
                "acls": [{"action": "accept", "src": ["group:eng"], "dst": ["tag:web:443", "clinical:*"], "proto": "tcp"}],
                "grants": [{"src": ["*"], "dst": ["tag:web"], "ip": ["tcp:80", "udp:53"],
                            "app": {"example.com/cap/web": [{"role": "viewer"}]}}],
                "ssh": [{"action": "check", "src": ["group:oncall"], "dst": ["tag:web"], "users": ["root", "autogroup:nonroot"],
                         "checkPeriod": "12h"}],
                "nodeAttrs": [{"target": ["tag:web"], "attr": ["funnel"]}],
                "autoApprovers": {"routes": {"10.20.0.0/16": ["tag:router"]}, "exitNode": ["tag:router"]},
                "tests": [{"src": "alice@example.com", "accept": ["tag:web:443"], "deny": ["tag:web:22"]}],
                """);
        assertThat(policy.acls().orElseThrow()).hasSize(1);
        assertThat(policy.acls().get().get(0).protocol().numbers()).containsExactly(IpProtocol.TCP);
        assertThat(policy.grants().orElseThrow().get(0).ip()).hasSize(2);
        assertThat(policy.ssh().get(0).checkPeriod()).hasValueSatisfying(d -> assertThat(d.toHours()).isEqualTo(12));
        assertThat(policy.autoApprovers().routes()).containsKey(IpPrefix.parse("10.20.0.0/16"));
        assertThat(policy.effectiveGrants()).hasSize(3);
        assertThat(policy.allowsAll()).isFalse();
    }

    @Test
    void missingAclsAndGrantsMeansAllowAll() throws Exception {
        assertThat(parse("\"ssh\": []").allowsAll()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"acls\": [{\"action\": \"deny\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}] | action=\"deny\" is not supported",
            "\"acls\": [{\"action\": \"accept\", \"src\": [\"tag:nonexistent\"], \"dst\": [\"*:*\"]}] | src=tag not found: \"tag:nonexistent\"",
            "\"acls\": [{\"action\": \"accept\", \"src\": [\"autogroup:self\"], \"dst\": [\"*:*\"]}] | \"autogroup:self\" not valid on the src side of a rule",
            "\"acls\": [{\"action\": \"accept\", \"src\": [\"tag:web\"], \"dst\": [\"autogroup:self:*\"]}] | autogroup:self can only be used with users, groups, or supported autogroups",
            "\"grants\": [{\"src\": [\"*\"], \"dst\": [\"autogroup:self\"], \"ip\": [\"*\"]}] | autogroup:self can only be used with users, groups, or supported autogroups",
            "\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"tag:web:ssh\"]}] | dst=\"tag:web:ssh\": port range \"ssh\": invalid first integer",
            "\"grants\": [{\"src\": [\"*\"], \"dst\": [\"autogroup:danger-all\"], \"ip\": [\"*\"]}] | cannot use autogroup:danger-all as a dst",
            "\"grants\": [{\"src\": [\"*\"], \"dst\": [\"0.0.0.0/0\"], \"ip\": [\"*\"]}] | dst \"0.0.0.0/0\": to allow all IP addresses, use \"*\" or \"autogroup:internet\"",
            "\"grants\": [{\"src\": [\"*\"], \"dst\": [\"tag:web\"], \"ip\": [\"icmp\"]}] | port range \"icmp\": invalid first integer",
            "\"grants\": [{\"src\": [\"*\"], \"dst\": [\"10.0.0.0/8\"], \"ip\": [\"*\"], \"via\": [\"autogroup:tagged\"]}] | via can only be a tag",
            "\"grants\": [{\"src\": [\"*\"], \"dst\": [\"*\"], \"app\": {\"tailscale.com/cap/funnel\": [{}]}}] | capability name must not be in the tailscale.com domain",
            "\"grants\": [{\"src\": [\"*\"], \"dst\": [\"autogroup:internet\"], \"app\": {\"example.com/cap/x\": [{}]}}] | cannot use app grants with autogroup:internet",
            "\"grants\": [{\"src\": [\"*\"], \"dst\": [\"*\"], \"ip\": [\"*\"], \"srcPosture\": [\"posture:latest\"]}] | srcPosture is not supported",
            "\"ssh\": [{\"action\": \"deny\", \"src\": [\"group:eng\"], \"dst\": [\"tag:web\"], \"users\": [\"root\"]}] | \"deny\" is not a valid action",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"tag:web\"]}] | users must be specified",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"tag:web\"], \"users\": [\"*\"]}] | user \"*\" is not valid",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"clinical\"], \"users\": [\"root\"]}] | invalid dst \"clinical\"",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"tag:web\"], \"users\": [\"root\"], \"acceptEnv\": [\"\"]}] | acceptEnv values cannot be empty",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"tag:web\"], \"users\": [\"localpart:*@example.org\"]}] | example.org is not associated with this Tailnet",
            "\"nodeAttrs\": [{\"target\": [\"*\"], \"ipPool\": [\"100.100.100.0/24\"]}] | IPPool(100.100.100.0/24): network within reserved range",
            "\"sshTests\": [{\"src\": \"alice@example.com\", \"dst\": [\"100.64.0.0/24\"], \"accept\": [\"root\"]}] | SSH tests dst contains disallowed element \"100.64.0.0/24\"",
            "\"bogus\": 1 | unknown field \"bogus\" in policy",
            "\"sshTests\": [{\"src\": \"alice@example.com\", \"dst\": [\"tag:web:22\"], \"accept\": [\"root\"]}] | SSH tests dst contains unknown tag \"tag:web:22\"",
            "\"sshTests\": [{\"src\": \"alice@example.com\", \"dst\": [\"clinical\"], \"accept\": [\"root\"]}] | SSH tests dst contains disallowed element \"clinical\"",
            "\"sshTests\": [{\"src\": \"alice@example.com\", \"dst\": [], \"accept\": [\"root\"]}] | SSH tests entry must have at least one dst",
            "\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"], \"ports\": []}] | unknown field \"ports\" in acls",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"tag:web\"], \"dst\": [\"alice@example.com\"], \"users\": [\"root\"]}] | tags in SSH source cannot access user-owned devices",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"alice@example.com\"], \"users\": [\"root\"]}] | user destination requires source to contain only that same user",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"tag:web\"], \"dst\": [\"autogroup:self\"], \"users\": [\"root\"]}] | autogroup:self destination requires source to contain only users or groups",
            "\"ssh\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"tag:web\"], \"users\": [\"root\"]}] | invalid src \"*\"",
    })
    void refusesWhatTailscaleRefuses(String body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidPolicyException.class).hasMessageContaining(message);
    }

    @Test
    void nestedGroupsAreRefusedNamingTheGroup() {
        assertThatThrownBy(() -> parser.parse("{\"groups\": {\"group:inner\": [\"a@example.com\"], \"group:outer\": [\"group:inner\"]}}"))
                .hasMessage("groups[\"group:outer\"]: \"group:inner\": group members cannot be recursive");
    }

    @Test
    void aGroupMayTakeItsMembersFromIdentityProviderGroups() throws Exception {
        Policy policy = parser.parse("""
                {"groups": {"group:ops": ["idp:/ops", "alice@example.com", "idp:/ops"], "group:eng": ["idp:engineering"],
                            "group:plain": ["bob@example.com"]},
                 "acls": [{"action": "accept", "src": ["group:ops"], "dst": ["*:22"]}]}
                """);
        assertThat(policy.groups().get("group:ops")).containsExactly(new Alias.User("alice@example.com"));
        assertThat(policy.idpGroupsOf("group:ops")).containsExactly("/ops");
        assertThat(policy.idpGroupsOf("group:eng")).containsExactly("engineering");
        assertThat(policy.idpGroupsOf("group:plain")).isEmpty();
        assertThat(policy.groups()).containsKey("group:eng");
        assertThat(policy.namedIdpGroups()).containsExactly("/ops", "engineering");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"groups\": {\"group:ops\": [\"idp:\"]}} | \"idp:\": an identity provider group is written idp:<name>",
            "{\"groups\": {\"group:ops\": [\"idp: /ops\"]}} | \"idp: /ops\": an identity provider group is written idp:<name>",
            "{\"groups\": {\"group:ops\": [\"idp:/ops\"]}, \"acls\": [{\"action\": \"accept\", \"src\": [\"idp:/ops\"], \"dst\": [\"*:*\"]}]} | \"idp:/ops\": an identity provider group is named only as a member of a policy group",
    })
    void identityProviderGroupsAreRefusedWhereTheyCannotBe(String text, String message) {
        assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(InvalidPolicyException.class).hasMessageContaining(message);
    }

    @Test
    void fieldNamesMatchWithoutRegardToCase() throws Exception {
        Policy policy = parser.parse("{\"ACLs\": [{\"Action\": \"accept\", \"Src\": [\"*\"], \"Dst\": [\"*:22\"]}]}");
        assertThat(policy.acls().orElseThrow().get(0).destinations().get(0).ports()).containsExactly(new PortRange(22, 22));
    }

    @Test
    void aUserMayReachTheirOwnDevicesBySsh() throws Exception {
        Policy policy = parse("\"ssh\": [{\"action\": \"accept\", \"src\": [\"alice@example.com\"], \"dst\": [\"alice@example.com\"], \"users\": [\"root\"]}]");
        assertThat(policy.ssh()).hasSize(1);
    }

    @Test
    void aclWildcardSourceMayReachAutogroupSelf() throws Exception {
        Policy policy = parse("\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"autogroup:self:*\"]}]");
        assertThat(policy.effectiveGrants().get(0).destinations())
                .isEqualTo(List.of(new Alias.AutogroupRef(Autogroup.SELF)));
    }

    @Test
    void sshSourcesAndUsersAreTrimmed() throws Exception {
        Policy policy = parse("\"ssh\": [{\"action\": \"accept\", \"src\": [\" group:eng\"], \"dst\": [\"tag:web\"], \"users\": [\" root\"]}]");
        assertThat(policy.ssh().get(0).sources()).containsExactly(new Alias.Group("group:eng"));
        assertThat(policy.ssh().get(0).users()).containsExactly("root");
    }
}
