package dev.chronoscale.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.net.IpPrefix;

import static dev.chronoscale.domain.policy.PolicyJson.fieldsOf;
import static dev.chronoscale.domain.policy.PolicyJson.fields;
import static dev.chronoscale.domain.policy.PolicyJson.isAutogroup;
import static dev.chronoscale.domain.policy.PolicyJson.list;
import static dev.chronoscale.domain.policy.PolicyJson.require;
import static dev.chronoscale.domain.policy.PolicyJson.strings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a policy document into a {@link Policy}, refusing what Tailscale refuses. Messages follow Tailscale's
 * wording where Tailscale has one, so a policy moved between the two fails the same way.
 *
 * <p>{@code tailnetDomains} are the e-mail domains that belong to the tailnet; {@code user:*@domain} and
 * {@code localpart:*@domain} may only name those. An empty set accepts any domain.
 */
public final class PolicyParser {

    /** A policy group's member naming a group of the identity provider: {@code idp:/ops}. */
    public static final String IDP_GROUP_PREFIX = "idp:";

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("acls", "grants", "groups", "hosts", "tagOwners",
            "ssh", "nodeAttrs", "autoApprovers", "tests", "sshTests", "ipsets", "postures", "defaultSrcPosture",
            "derpMap", "disableIPv4", "OneCGNATRoute", "randomizeClientPort", "attrConfig", "autogroups");

    private static final Set<String> NODE_ATTR_FIELDS = Set.of("target", "attr", "ipPool", "app");
    private static final Set<String> AUTO_APPROVER_FIELDS = Set.of("routes", "exitNode", "services");
    private static final Set<String> TEST_FIELDS = Set.of("src", "proto", "accept", "deny");

    /** Tailscale's reserved address blocks inside its CGNAT range, which an ipPool may not overlap. */
    private static final List<IpPrefix> RESERVED_POOLS = List.of(
            IpPrefix.parse("100.100.100.0/24"), IpPrefix.parse("100.115.92.0/23"));

    private final HuJsonParser huJson = new HuJsonParser();
    private final Set<String> tailnetDomains;

    public PolicyParser() {
        this(Set.of());
    }

    public PolicyParser(Set<String> tailnetDomains) {
        this.tailnetDomains = Set.copyOf(tailnetDomains);
    }

    /**
     * Headscale's empty policy: a blank text stands for no policy, under which every node may reach every other,
     * as under this one rule.
     */
    public static final String EMPTY_POLICY_MEANS = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]}";

    /** A blank text (Headscale's empty policy) reads as {@link #EMPTY_POLICY_MEANS}. */
    public Policy parse(String text) throws InvalidPolicyException {
        JsonNode root = huJson.parse(text.isBlank() ? EMPTY_POLICY_MEANS : text);
        if (root.isTextual()) {
            // Some tools hand the policy over as a JSON string holding the document.
            root = huJson.parse(root.asText());
        }
        try {
            return read(root);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(e.getMessage(), e);
        }
    }

    private Policy read(JsonNode document) {
        require(document.isObject(), "policy must be a JSON object");
        JsonNode root = fieldsOf(document, "policy", TOP_LEVEL_FIELDS);
        require(!root.has("defaultSrcPosture") && !root.has("postures"),
                "device posture (postures, defaultSrcPosture) is not supported: Chronoscale collects no posture attributes");

        Map<String, List<String>> idpGroups = new LinkedHashMap<>();
        Map<String, List<Alias.User>> groups = readGroups(root.path("groups"), idpGroups);
        Map<String, IpPrefix> hosts = readHosts(root.path("hosts"));
        Map<String, List<IpPrefix>> ipSets = readIpSets(root.path("ipsets"));
        Map<String, List<Alias>> tagOwners = readTagOwners(root.path("tagOwners"), groups);
        PolicyDefinitions defined = new PolicyDefinitions(groups, tagOwners, hosts, ipSets, tailnetDomains);
        AccessRuleReader accessRules = new AccessRuleReader(defined);
        SshRuleReader sshRules = new SshRuleReader(defined);

        Optional<List<AclRule>> acls = root.has("acls") && !root.get("acls").isNull()
                ? Optional.of(accessRules.readAcls(root.get("acls"))) : Optional.empty();
        Optional<List<Grant>> grants = root.has("grants") && !root.get("grants").isNull()
                ? Optional.of(accessRules.readGrants(root.get("grants"))) : Optional.empty();
        List<SshRule> ssh = sshRules.readSsh(root.path("ssh"));
        List<NodeAttr> nodeAttrs = readNodeAttrs(root.path("nodeAttrs"), defined);
        AutoApprovers autoApprovers = readAutoApprovers(root.path("autoApprovers"), defined);
        List<PolicyTest> tests = readTests(root.path("tests"));
        List<SshPolicyTest> sshTests = sshRules.readSshTests(root.path("sshTests"));
        boolean randomizeClientPort = root.path("randomizeClientPort").asBoolean(false);
        return new Policy(groups, idpGroups, tagOwners, hosts, ipSets, acls, grants, ssh, nodeAttrs, autoApprovers, tests,
                sshTests, randomizeClientPort);
    }

    /**
     * The groups' users; members written {@code idp:<name>} (a group of the identity provider, e.g. {@code idp:/ops})
     * go into {@code idpGroups}, by policy group, instead.
     */
    private Map<String, List<Alias.User>> readGroups(JsonNode node, Map<String, List<String>> idpGroups) {
        Map<String, List<Alias.User>> groups = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return groups;
        }
        require(node.isObject(), "groups must be an object");
        String recursive = null;
        for (Map.Entry<String, JsonNode> entry : new TreeMap<>(fields(node)).entrySet()) {
            String name = entry.getKey();
            require(name.startsWith("group:"), "group name \"" + name + "\" must start with \"group:\"");
            require(entry.getValue().isArray(), "groups[\"" + name + "\"]: group members must be a list of users");
            List<Alias.User> members = new ArrayList<>();
            List<String> idpMembers = new ArrayList<>();
            for (JsonNode member : entry.getValue()) {
                require(member.isTextual(), "groups[\"" + name + "\"]: members must be strings");
                String text = member.asText();
                if (text.startsWith(IDP_GROUP_PREFIX)) {
                    idpMembers.add(idpGroupName(name, text));
                    continue;
                }
                if (text.startsWith("group:")) {
                    recursive = "groups[\"" + name + "\"]: \"" + text + "\": group members cannot be recursive";
                    continue;
                }
                Alias alias = AliasParser.parse(text);
                if (alias instanceof Alias.User user) {
                    members.add(user);
                } else {
                    throw new IllegalArgumentException("groups[\"" + name + "\"]: \"" + text + "\": group members must be users");
                }
            }
            groups.put(name, List.copyOf(members));
            if (!idpMembers.isEmpty()) {
                idpGroups.put(name, idpMembers.stream().distinct().toList());
            }
        }
        require(recursive == null, recursive);
        return groups;
    }

    private static String idpGroupName(String group, String member) {
        String idpGroup = member.substring(IDP_GROUP_PREFIX.length());
        require(!idpGroup.isBlank() && idpGroup.strip().equals(idpGroup) && idpGroup.chars().noneMatch(Character::isISOControl),
                "groups[\"" + group + "\"]: \"" + member + "\": an identity provider group is written idp:<name>, the name"
                        + " exactly as the provider gives it (Keycloak: its full path, idp:/ops)");
        return idpGroup;
    }

    private Map<String, IpPrefix> readHosts(JsonNode node) {
        Map<String, IpPrefix> hosts = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return hosts;
        }
        for (Map.Entry<String, JsonNode> entry : fields(node).entrySet()) {
            String name = entry.getKey();
            require(!name.contains("@") && !name.contains(":") && !name.isEmpty(), "host name \"" + name + "\" is not valid");
            try {
                hosts.put(name, IpPrefix.parse(entry.getValue().asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hosts[\"" + name + "\"]: \"" + entry.getValue().asText()
                        + "\" is not an IP address or CIDR prefix");
            }
        }
        return hosts;
    }

    private Map<String, List<IpPrefix>> readIpSets(JsonNode node) {
        Map<String, List<IpPrefix>> ipSets = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return ipSets;
        }
        for (Map.Entry<String, JsonNode> entry : fields(node).entrySet()) {
            String name = entry.getKey().startsWith("ipset:") ? entry.getKey().substring(6) : entry.getKey();
            List<IpPrefix> prefixes = new ArrayList<>();
            for (JsonNode value : entry.getValue()) {
                try {
                    prefixes.add(IpPrefix.parse(value.asText()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("ipsets[\"" + entry.getKey() + "\"]: \"" + value.asText()
                            + "\" is not an IP address or CIDR prefix");
                }
            }
            ipSets.put(name, List.copyOf(prefixes));
        }
        return ipSets;
    }

    private Map<String, List<Alias>> readTagOwners(JsonNode node, Map<String, List<Alias.User>> groups) {
        Map<String, List<Alias>> owners = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return owners;
        }
        for (Map.Entry<String, JsonNode> entry : fields(node).entrySet()) {
            Alias tag;
            try {
                tag = AliasParser.parse(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tagOwners[\"" + entry.getKey() + "\"]: " + e.getMessage());
            }
            require(tag instanceof Alias.Tag, "tagOwners key \"" + entry.getKey() + "\" must start with \"tag:\"");
            List<Alias> list = new ArrayList<>();
            for (JsonNode owner : entry.getValue()) {
                Alias alias = AliasParser.parse(owner.asText());
                require(alias instanceof Alias.User || alias instanceof Alias.Group || alias instanceof Alias.Tag
                                || alias instanceof Alias.AutogroupRef,
                        "tagOwners[\"" + entry.getKey() + "\"]: \"" + owner.asText() + "\" is not a valid owner");
                if (alias instanceof Alias.Group group) {
                    require(groups.containsKey(group.name()), "tagOwners[\"" + entry.getKey() + "\"]: group \""
                            + group.name() + "\" is not defined");
                }
                list.add(alias);
            }
            owners.put(entry.getKey(), List.copyOf(list));
        }
        for (Map.Entry<String, List<Alias>> entry : owners.entrySet()) {
            for (Alias owner : entry.getValue()) {
                if (owner instanceof Alias.Tag tag) {
                    require(owners.containsKey(tag.name()), "tagOwners[\"" + entry.getKey() + "\"]: tag \""
                            + tag.name() + "\" is not defined");
                }
            }
        }
        return owners;
    }

    private List<NodeAttr> readNodeAttrs(JsonNode node, PolicyDefinitions defined) {
        List<NodeAttr> attrs = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return attrs;
        }
        for (JsonNode written : node) {
            JsonNode entry = fieldsOf(written, "nodeAttrs", NODE_ATTR_FIELDS);
            for (JsonNode pool : list(entry, "ipPool")) {
                IpPrefix prefix = IpPrefix.parse(pool.asText());
                for (IpPrefix reserved : RESERVED_POOLS) {
                    require(!prefix.overlaps(reserved), "IPPool(" + pool.asText() + "): network within reserved range");
                }
                require(IpPrefix.parse("100.64.0.0/10").range().containsRange(prefix.range()),
                        "IPPool(" + pool.asText() + "): network must be within 100.64.0.0/10");
            }
            List<Alias> targets = new ArrayList<>();
            for (JsonNode target : list(entry, "target")) {
                Alias alias = AliasParser.parse(target.asText());
                if (alias instanceof Alias.AutogroupRef ref) {
                    require(ref.autogroup() == Autogroup.MEMBER || ref.autogroup() == Autogroup.TAGGED
                                    || ref.autogroup() == Autogroup.ADMIN || ref.autogroup() == Autogroup.OWNER,
                            "nodeAttrs target \"" + target.asText() + "\" is not supported");
                } else {
                    defined.checkDefined(alias, "target");
                }
                targets.add(alias);
            }
            List<String> names = new ArrayList<>();
            for (JsonNode attr : list(entry, "attr")) {
                require(attr.isTextual() && !attr.asText().isEmpty(), "nodeAttrs attr values must be non-empty strings");
                names.add(attr.asText());
            }
            attrs.add(new NodeAttr(targets, names));
        }
        return attrs;
    }

    private AutoApprovers readAutoApprovers(JsonNode written, PolicyDefinitions defined) {
        if (written.isMissingNode() || written.isNull()) {
            return AutoApprovers.NONE;
        }
        JsonNode node = fieldsOf(written, "autoApprovers", AUTO_APPROVER_FIELDS);
        Map<IpPrefix, List<Alias>> routes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fields(node.path("routes")).entrySet()) {
            IpPrefix prefix;
            try {
                prefix = IpPrefix.parse(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("autoApprovers.routes: \"" + entry.getKey() + "\" is not a CIDR prefix");
            }
            routes.put(prefix, readApprovers(entry.getValue(), defined));
        }
        List<Alias> exitNode = readApprovers(node.path("exitNode"), defined);
        return new AutoApprovers(routes, exitNode);
    }

    private List<Alias> readApprovers(JsonNode node, PolicyDefinitions defined) {
        List<Alias> approvers = new ArrayList<>();
        for (JsonNode entry : node) {
            Alias alias = AliasParser.parse(entry.asText());
            require(alias instanceof Alias.User || alias instanceof Alias.Group || alias instanceof Alias.Tag
                            || isAutogroup(alias, Autogroup.MEMBER) || isAutogroup(alias, Autogroup.TAGGED),
                    "autoApprovers: \"" + entry.asText() + "\" cannot approve routes");
            defined.checkDefined(alias, "autoApprovers");
            approvers.add(alias);
        }
        return approvers;
    }

    private List<PolicyTest> readTests(JsonNode node) {
        List<PolicyTest> tests = new ArrayList<>();
        for (JsonNode written : node) {
            JsonNode test = fieldsOf(written, "tests", TEST_FIELDS);
            Optional<IpProtocol> protocol = test.has("proto") && !test.get("proto").asText().isEmpty()
                    ? Optional.of(IpProtocol.parse(test.get("proto").asText())) : Optional.empty();
            tests.add(new PolicyTest(test.path("src").asText(""), protocol, strings(test, "accept"), strings(test, "deny")));
        }
        return tests;
    }

}
