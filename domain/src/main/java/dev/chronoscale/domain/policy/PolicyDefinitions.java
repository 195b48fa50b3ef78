package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.net.IpPrefix;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.chronoscale.domain.policy.PolicyJson.require;

/**
 * What a policy defines (groups, tags, hosts, ipsets) and the tailnet's own e-mail domains: the context in
 * which its rules' aliases are checked.
 */
record PolicyDefinitions(Map<String, List<Alias.User>> groups, Map<String, List<Alias>> tagOwners,
                         Map<String, IpPrefix> hosts, Map<String, List<IpPrefix>> ipSets, Set<String> tailnetDomains) {

    void checkSource(Alias alias) {
        if (alias instanceof Alias.AutogroupRef ref) {
            require(ref.autogroup() != Autogroup.SELF, "\"autogroup:self\" not valid on the src side of a rule");
            require(ref.autogroup() != Autogroup.INTERNET, "autogroup:internet can only be used in destinations");
            require(ref.autogroup() != Autogroup.NONROOT, "autogroup:nonroot can only be used in ssh users");
            checkSupported(ref);
        }
        checkDefined(alias, "src");
    }

    void checkDestination(Alias alias) {
        if (alias instanceof Alias.AutogroupRef ref) {
            require(ref.autogroup() != Autogroup.DANGER_ALL, "cannot use autogroup:danger-all as a dst");
            require(ref.autogroup() != Autogroup.NONROOT, "autogroup:nonroot can only be used in ssh users");
            checkSupported(ref);
        }
        if (alias instanceof Alias.Prefix prefix) {
            require(!prefix.prefix().isDefaultRoute(), "dst \"" + prefix.prefix()
                    + "\": to allow all IP addresses, use \"*\" or \"autogroup:internet\"");
        }
        checkDefined(alias, "dst");
    }

    private static void checkSupported(Alias.AutogroupRef ref) {
        require(ref.autogroup() != Autogroup.SHARED, "autogroup:shared is not supported: Chronoscale has no node sharing");
    }

    void checkDefined(Alias alias, String side) {
        switch (alias) {
            case Alias.Tag tag -> require(tagOwners().containsKey(tag.name()),
                    side + "=tag not found: \"" + tag.name() + "\"");
            case Alias.Group group -> require(groups().containsKey(group.name()),
                    side + "=group not found: \"" + group.name() + "\"");
            case Alias.Host host -> require(hosts().containsKey(host.name()),
                    side + "=host not found: \"" + host.name() + "\"");
            case Alias.IpSetRef ipSet -> require(ipSets().containsKey(ipSet.name()),
                    side + "=ipset not found: \"" + ipSet.name() + "\"");
            case Alias.UsersOfDomain domain -> checkDomain(domain.domain(), "[" + "ssh" + "] ");
            default -> {
            }
        }
    }

    void checkDomain(String domain, String context) {
        if (domain.isEmpty() || (tailnetDomains.isEmpty() && !domain.contains("*"))) {
            return;
        }
        require(tailnetDomains.contains(domain), context + domain
                + " is not associated with this Tailnet and cannot be used in user:*@<domain> expressions");
    }
}
