package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.net.IpPrefix;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated tailnet policy. Maps keep the policy's own names ({@code group:eng}, {@code tag:web});
 * group members are users (groups cannot nest). {@code acls} and {@code grants} are absent (empty Optional)
 * when the section is missing, which Tailscale treats as "allow all".
 */
public record Policy(Map<String, List<Alias.User>> groups,
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
