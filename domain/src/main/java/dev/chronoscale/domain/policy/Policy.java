package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.net.IpPrefix;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated tailnet policy. Maps keep the policy's own names ({@code group:eng}, {@code tag:web});
 * group members are users (groups cannot nest) and, in {@code idpGroups} (by policy group), the names of identity
 * provider groups whose members belong to the policy group ({@code "group:ops": ["idp:/ops"]}). {@code acls} and {@code grants} are absent (empty Optional)
 * when the section is missing, which Tailscale treats as "allow all".
 */
public record Policy(Map<String, List<Alias.User>> groups,
                     Map<String, List<String>> idpGroups,
                     Map<String, List<Alias>> tagOwners,
                     Map<String, IpPrefix> hosts,
                     Map<String, List<IpPrefix>> ipSets,
                     Optional<List<AclRule>> acls,
                     Optional<List<Grant>> grants,
                     List<SshRule> ssh,
                     List<NodeAttr> nodeAttrs,
                     AutoApprovers autoApprovers,
                     List<PolicyTest> tests,
                     List<SshPolicyTest> sshTests,
                     boolean randomizeClientPort) {

    public Policy {
        groups = Map.copyOf(groups);
        idpGroups = Map.copyOf(idpGroups);
        tagOwners = Map.copyOf(tagOwners);
        hosts = Map.copyOf(hosts);
        ipSets = Map.copyOf(ipSets);
        acls = acls.map(List::copyOf);
        grants = grants.map(List::copyOf);
        ssh = List.copyOf(ssh);
        nodeAttrs = List.copyOf(nodeAttrs);
        tests = List.copyOf(tests);
        sshTests = List.copyOf(sshTests);
    }

    /** A policy whose groups name no identity provider group. */
    public Policy(Map<String, List<Alias.User>> groups, Map<String, List<Alias>> tagOwners, Map<String, IpPrefix> hosts,
                  Map<String, List<IpPrefix>> ipSets, Optional<List<AclRule>> acls, Optional<List<Grant>> grants,
                  List<SshRule> ssh, List<NodeAttr> nodeAttrs, AutoApprovers autoApprovers, List<PolicyTest> tests,
                  List<SshPolicyTest> sshTests, boolean randomizeClientPort) {
        this(groups, Map.of(), tagOwners, hosts, ipSets, acls, grants, ssh, nodeAttrs, autoApprovers, tests, sshTests,
                randomizeClientPort);
    }

    /** The identity provider groups that policy group {@code group} takes its members from (none for most). */
    public List<String> idpGroupsOf(String group) {
        return idpGroups.getOrDefault(group, List.of());
    }

    /** Every identity provider group any policy group names. */
    public java.util.Set<String> namedIdpGroups() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        idpGroups.values().forEach(out::addAll);
        return out;
    }

    /** True when neither {@code acls} nor {@code grants} is present: Tailscale then allows all traffic. */
    public boolean allowsAll() {
        return acls.isEmpty() && grants.isEmpty();
    }

    /** Every ACL rule expressed as grants, followed by the policy's own grants. */
    public List<Grant> effectiveGrants() {
        List<Grant> all = new java.util.ArrayList<>(grants.orElse(List.of()));
        acls.orElse(List.of()).forEach(rule -> all.addAll(Grant.fromAcl(rule)));
        return all;
    }
}
