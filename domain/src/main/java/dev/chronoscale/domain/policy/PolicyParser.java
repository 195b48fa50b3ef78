package dev.chronoscale.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("acls", "grants", "groups", "hosts", "tagOwners",
            "ssh", "nodeAttrs", "autoApprovers", "tests", "sshTests", "ipsets", "postures", "defaultSrcPosture",
            "derpMap", "disableIPv4", "OneCGNATRoute", "randomizeClientPort", "attrConfig", "autogroups");

    private static final Set<String> ACL_FIELDS = Set.of("action", "src", "dst", "proto");
    private static final Set<String> GRANT_FIELDS = Set.of("src", "dst", "ip", "app", "via", "srcPosture");
    private static final Set<String> SSH_FIELDS = Set.of("action", "src", "dst", "users", "checkPeriod", "acceptEnv");
    private static final Set<String> NODE_ATTR_FIELDS = Set.of("target", "attr", "ipPool", "app");
    private static final Set<String> AUTO_APPROVER_FIELDS = Set.of("routes", "exitNode", "services");
    private static final Set<String> TEST_FIELDS = Set.of("src", "proto", "accept", "deny");
    private static final Set<String> SSH_TEST_FIELDS = Set.of("src", "dst", "accept", "check", "deny");

    private static final Duration MAX_CHECK_PERIOD = Duration.ofHours(168);

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

    public Policy parse(String text) throws InvalidPolicyException {
        JsonNode root = huJson.parse(text);
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

        Map<String, List<Alias.User>> groups = readGroups(root.path("groups"));
        Map<String, IpPrefix> hosts = readHosts(root.path("hosts"));
        Map<String, List<IpPrefix>> ipSets = readIpSets(root.path("ipsets"));
        Map<String, List<Alias>> tagOwners = readTagOwners(root.path("tagOwners"), groups);
        Definitions defined = new Definitions(groups, tagOwners, hosts, ipSets);

        Optional<List<AclRule>> acls = root.has("acls") && !root.get("acls").isNull()
                ? Optional.of(readAcls(root.get("acls"), defined)) : Optional.empty();
        Optional<List<Grant>> grants = root.has("grants") && !root.get("grants").isNull()
                ? Optional.of(readGrants(root.get("grants"), defined)) : Optional.empty();
        List<SshRule> ssh = readSsh(root.path("ssh"), defined);
        List<NodeAttr> nodeAttrs = readNodeAttrs(root.path("nodeAttrs"), defined);
        AutoApprovers autoApprovers = readAutoApprovers(root.path("autoApprovers"), defined);
        List<PolicyTest> tests = readTests(root.path("tests"));
        List<SshPolicyTest> sshTests = readSshTests(root.path("sshTests"), defined);
        boolean randomizeClientPort = root.path("randomizeClientPort").asBoolean(false);
        return new Policy(groups, tagOwners, hosts, ipSets, acls, grants, ssh, nodeAttrs, autoApprovers, tests,
                sshTests, randomizeClientPort);
    }

    /** What the policy defines, for checking references. */
    private record Definitions(Map<String, List<Alias.User>> groups, Map<String, List<Alias>> tagOwners,
                               Map<String, IpPrefix> hosts, Map<String, List<IpPrefix>> ipSets) {
    }

    private Map<String, List<Alias.User>> readGroups(JsonNode node) {
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
            for (JsonNode member : entry.getValue()) {
                require(member.isTextual(), "groups[\"" + name + "\"]: members must be strings");
                String text = member.asText();
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
        }
        require(recursive == null, recursive);
        return groups;
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

    private List<AclRule> readAcls(JsonNode node, Definitions defined) {
        require(node.isArray(), "acls must be a list");
        List<AclRule> rules = new ArrayList<>();
        for (JsonNode entry : node) {
            JsonNode rule = fieldsOf(entry, "acls", ACL_FIELDS);
            String action = rule.path("action").asText("");
            require(action.equals("accept"), "action=\"" + action + "\" is not supported");
            IpProtocol protocol = rule.has("proto") ? IpProtocol.parse(rule.get("proto").asText()) : IpProtocol.DEFAULT;
            List<Alias> sources = new ArrayList<>();
            for (JsonNode src : list(rule, "src")) {
                Alias alias = AliasParser.parse(src.asText().strip());
                checkSource(alias, defined);
                sources.add(alias);
            }
            List<AliasWithPorts> destinations = new ArrayList<>();
            for (JsonNode dst : list(rule, "dst")) {
                AliasWithPorts destination;
                try {
                    destination = AliasParser.parseWithPorts(dst.asText().strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("dst=\"" + dst.asText() + "\": " + e.getMessage());
                }
                checkDestination(destination.alias(), dst.asText(), defined);
                if (!protocol.supportsPorts()) {
                    require(destination.ports().equals(List.of(PortRange.ANY)),
                            "dst=\"" + dst.asText() + "\": protocol " + protocol.numbers() + " does not support specific ports");
                }
                destinations.add(destination);
            }
            checkSelfSources(sources, destinations.stream().map(AliasWithPorts::alias).toList(), true);
            rules.add(new AclRule(sources, destinations, protocol));
        }
        return rules;
    }

    private List<Grant> readGrants(JsonNode node, Definitions defined) {
        require(node.isArray(), "grants must be a list");
        List<Grant> grants = new ArrayList<>();
        for (JsonNode written : node) {
            JsonNode grant = fieldsOf(written, "grants", GRANT_FIELDS);
            require(!grant.has("srcPosture"),
                    "srcPosture is not supported: Chronoscale collects no device posture attributes");
            List<Alias> sources = new ArrayList<>();
            for (JsonNode src : list(grant, "src")) {
                Alias alias = AliasParser.parse(src.asText().strip());
                checkSource(alias, defined);
                sources.add(alias);
            }
            List<Alias> destinations = new ArrayList<>();
            for (JsonNode dst : list(grant, "dst")) {
                Alias alias = AliasParser.parse(dst.asText().strip());
                checkDestination(alias, dst.asText(), defined);
                destinations.add(alias);
            }
            List<ProtocolPorts> ip = new ArrayList<>();
            for (JsonNode entry : list(grant, "ip")) {
                ip.add(parseProtocolPorts(entry.asText()));
            }
            Map<String, List<JsonNode>> app = new LinkedHashMap<>();
            if (grant.has("app")) {
                for (Map.Entry<String, JsonNode> cap : fields(grant.get("app")).entrySet()) {
                    checkCapabilityName(cap.getKey());
                    List<JsonNode> values = new ArrayList<>();
                    cap.getValue().forEach(values::add);
                    app.put(cap.getKey(), values);
                }
            }
            require(!ip.isEmpty() || !app.isEmpty(), "ip and app can not both be empty");
            if (!app.isEmpty()) {
                require(destinations.stream().noneMatch(d -> isAutogroup(d, Autogroup.INTERNET)),
                        "cannot use app grants with autogroup:internet");
            }
            List<Alias.Tag> via = new ArrayList<>();
            for (JsonNode entry : list(grant, "via")) {
                Alias alias = AliasParser.parse(entry.asText());
                require(alias instanceof Alias.Tag, "via can only be a tag");
                require(defined.tagOwners().containsKey(((Alias.Tag) alias).name()),
                        "via=tag not found: \"" + entry.asText() + "\"");
                via.add((Alias.Tag) alias);
            }
            checkSelfSources(sources, destinations, false);
            grants.add(new Grant(sources, destinations, ip, app, via));
        }
        return grants;
    }

    /** Parses a grant's {@code ip} entry: {@code *}, {@code ports}, or {@code proto:ports}. */
    static ProtocolPorts parseProtocolPorts(String text) {
        if (text.equals("*")) {
            return new ProtocolPorts(IpProtocol.DEFAULT, List.of(PortRange.ANY));
        }
        String[] parts = text.split(":", -1);
        require(parts.length <= 2, "expected only one colon in Internet protocol and port type: \"" + text + "\"");
        if (parts.length == 1) {
            return new ProtocolPorts(IpProtocol.DEFAULT, AliasParser.parsePorts(parts[0]));
        }
        IpProtocol protocol = IpProtocol.parse(parts[0]);
        List<PortRange> ports = AliasParser.parsePorts(parts[1]);
        require(protocol.supportsPorts() || ports.equals(List.of(PortRange.ANY)),
                "protocol \"" + parts[0] + "\" does not support specific ports");
        return new ProtocolPorts(protocol, ports);
    }

    /** Tailscale's own peer capabilities that a policy may grant; the rest of tailscale.com is reserved. */
    private static final Set<String> GRANTABLE_TAILSCALE_CAPABILITIES = Set.of(
            "tailscale.com/cap/drive", "tailscale.com/cap/kubernetes", "tailscale.com/cap/relay",
            "tailscale.com/cap/webui", "tailscale.com/cap/tsidp");

    /** A domain name: dot-separated labels of letters, digits and hyphens (so no scheme such as https://). */
    private static final java.util.regex.Pattern CAPABILITY_DOMAIN =
            java.util.regex.Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private static void checkCapabilityName(String name) {
        if (GRANTABLE_TAILSCALE_CAPABILITIES.contains(name)) {
            return;
        }
        int slash = name.indexOf('/');
        require(slash > 0 && slash < name.length() - 1 && CAPABILITY_DOMAIN.matcher(name.substring(0, slash)).matches(),
                "capability name must have the form {domain}/{path}");
        String domain = name.substring(0, slash).toLowerCase(Locale.ROOT);
        require(!domain.equals("tailscale.com") && !domain.endsWith(".tailscale.com"),
                "capability name must not be in the tailscale.com domain");
    }

    private void checkSource(Alias alias, Definitions defined) {
        if (alias instanceof Alias.AutogroupRef ref) {
            require(ref.autogroup() != Autogroup.SELF, "\"autogroup:self\" not valid on the src side of a rule");
            require(ref.autogroup() != Autogroup.INTERNET, "autogroup:internet can only be used in destinations");
            require(ref.autogroup() != Autogroup.NONROOT, "autogroup:nonroot can only be used in ssh users");
            checkNoRole(ref);
        }
        checkDefined(alias, "src", defined);
    }

    private void checkDestination(Alias alias, String written, Definitions defined) {
        if (alias instanceof Alias.AutogroupRef ref) {
            require(ref.autogroup() != Autogroup.DANGER_ALL, "cannot use autogroup:danger-all as a dst");
            require(ref.autogroup() != Autogroup.NONROOT, "autogroup:nonroot can only be used in ssh users");
            checkNoRole(ref);
        }
        if (alias instanceof Alias.Prefix prefix) {
            require(!prefix.prefix().isDefaultRoute(), "dst \"" + prefix.prefix()
                    + "\": to allow all IP addresses, use \"*\" or \"autogroup:internet\"");
        }
        checkDefined(alias, "dst", defined);
    }

    private static void checkNoRole(Alias.AutogroupRef ref) {
        require(!ref.autogroup().isRole(), ref.autogroup().aliasText()
                + " is not supported: Chronoscale users have no roles yet");
        require(ref.autogroup() != Autogroup.SHARED, "autogroup:shared is not supported: Chronoscale has no node sharing");
    }

    private void checkDefined(Alias alias, String side, Definitions defined) {
        switch (alias) {
            case Alias.Tag tag -> require(defined.tagOwners().containsKey(tag.name()),
                    side + "=tag not found: \"" + tag.name() + "\"");
            case Alias.Group group -> require(defined.groups().containsKey(group.name()),
                    side + "=group not found: \"" + group.name() + "\"");
            case Alias.Host host -> require(defined.hosts().containsKey(host.name()),
                    side + "=host not found: \"" + host.name() + "\"");
            case Alias.IpSetRef ipSet -> require(defined.ipSets().containsKey(ipSet.name()),
                    side + "=ipset not found: \"" + ipSet.name() + "\"");
            case Alias.UsersOfDomain domain -> checkDomain(domain.domain(), "[" + "ssh" + "] ");
            default -> {
            }
        }
    }

    private void checkDomain(String domain, String context) {
        if (domain.isEmpty() || (tailnetDomains.isEmpty() && !domain.contains("*"))) {
            return;
        }
        require(tailnetDomains.contains(domain), context + domain
                + " is not associated with this Tailnet and cannot be used in user:*@<domain> expressions");
    }

    /**
     * autogroup:self as a destination needs sources that are people: users, groups and autogroup:member;
     * ACLs (not grants) also accept {@code *} there, meaning "any of the user's own devices".
     */
    private static void checkSelfSources(List<Alias> sources, List<Alias> destinations, boolean acl) {
        if (destinations.stream().noneMatch(d -> isAutogroup(d, Autogroup.SELF))) {
            return;
        }
        for (Alias source : sources) {
            boolean allowed = source instanceof Alias.User || source instanceof Alias.Group
                    || source instanceof Alias.UsersOfDomain || isAutogroup(source, Autogroup.MEMBER)
                    || (acl && source instanceof Alias.Wildcard);
            require(allowed, "autogroup:self can only be used with users, groups, or supported autogroups");
        }
    }

    private List<SshRule> readSsh(JsonNode node, Definitions defined) {
        List<SshRule> rules = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return rules;
        }
        for (JsonNode entry : node) {
            JsonNode rule = fieldsOf(entry, "ssh", SSH_FIELDS);
            // Tailscale trims the action (" accept" is accept) but does not fold its case.
            String actionText = rule.path("action").asText("").strip();
            require(!actionText.isEmpty(), "action must be specified");
            SshAction action = switch (actionText) {
                case "accept" -> SshAction.ACCEPT;
                case "check" -> SshAction.CHECK;
                default -> throw new IllegalArgumentException("\"" + actionText + "\" is not a valid action");
            };
            List<Alias> sources = new ArrayList<>();
            for (JsonNode src : list(rule, "src")) {
                Alias alias = AliasParser.parse(src.asText().strip());
                checkSource(alias, defined);
                require(alias instanceof Alias.User || alias instanceof Alias.Group || alias instanceof Alias.Tag
                                || alias instanceof Alias.UsersOfDomain || isAutogroup(alias, Autogroup.MEMBER)
                                || isAutogroup(alias, Autogroup.TAGGED),
                        "invalid src \"" + src.asText().strip() + "\": SSH sources are users, groups, tags, "
                                + "autogroup:member or autogroup:tagged");
                sources.add(alias);
            }
            List<Alias> destinations = new ArrayList<>();
            for (JsonNode dst : list(rule, "dst")) {
                Alias alias = AliasParser.parse(dst.asText().strip());
                require(!(alias instanceof Alias.Host || alias instanceof Alias.Prefix || alias instanceof Alias.IpSetRef),
                        "invalid dst \"" + dst.asText() + "\"");
                require(!(alias instanceof Alias.Wildcard), "wildcard (*) is not supported as SSH destination");
                checkDestination(alias, dst.asText(), defined);
                destinations.add(alias);
            }
            List<String> users = new ArrayList<>();
            for (JsonNode user : list(rule, "users")) {
                users.add(checkSshUser(user.asText().strip()));
            }
            require(!users.isEmpty(), "users must be specified");
            List<String> acceptEnv = new ArrayList<>();
            for (JsonNode env : list(rule, "acceptEnv")) {
                require(!env.asText().isEmpty(), "acceptEnv values cannot be empty");
                acceptEnv.add(env.asText());
            }
            Optional<Duration> checkPeriod = Optional.empty();
            if (rule.has("checkPeriod") && !rule.get("checkPeriod").isNull()) {
                require(action == SshAction.CHECK, "checkPeriod is only valid with action \"check\"");
                checkPeriod = Optional.of(parseCheckPeriod(rule.get("checkPeriod").asText()));
            }
            checkSshSourcesMayReach(sources, destinations);
            rules.add(new SshRule(action, sources, destinations, users, checkPeriod, acceptEnv));
        }
        return rules;
    }

    /**
     * Tailscale's SSH model: tagged sources never reach user-owned devices, and a user's devices are reached
     * by name only from that same user (autogroup:self is the way to say "each user their own devices").
     */
    private static void checkSshSourcesMayReach(List<Alias> sources, List<Alias> destinations) {
        boolean tagged = sources.stream().anyMatch(s -> s instanceof Alias.Tag || isAutogroup(s, Autogroup.TAGGED));
        boolean groups = sources.stream().anyMatch(s -> s instanceof Alias.Group || s instanceof Alias.UsersOfDomain
                || isAutogroup(s, Autogroup.MEMBER));
        List<String> users = sources.stream().filter(s -> s instanceof Alias.User).map(Object::toString).distinct().toList();
        for (Alias destination : destinations) {
            if (destination instanceof Alias.User user) {
                require(!tagged, "tags in SSH source cannot access user-owned devices (" + user.login()
                        + "); use autogroup:tagged or specific tags as destinations instead");
                require(!groups && users.equals(List.of(user.login())), "user destination requires source to contain "
                        + "only that same user \"" + user.login() + "\"; use autogroup:self instead for same-user SSH access");
            }
            require(!(isAutogroup(destination, Autogroup.SELF) && tagged),
                    "autogroup:self destination requires source to contain only users or groups, not tags or autogroup:tagged");
            require(!(isAutogroup(destination, Autogroup.MEMBER) && tagged),
                    "tags in SSH source cannot access autogroup:member (user-owned devices)");
            require(!isAutogroup(destination, Autogroup.INTERNET), "autogroup:internet is not a valid SSH destination");
        }
    }

    private String checkSshUser(String user) {
        require(!user.isEmpty() && !user.equals("*"), "user \"" + user + "\" is not valid");
        // Tailscale takes anything else literally as a local user name, even "autogroup:member".
        if (user.startsWith("localpart:*@")) {
            checkDomain(user.substring("localpart:*@".length()), "");
        }
        return user;
    }

    private static Duration parseCheckPeriod(String text) {
        if (text.equals("always")) {
            return Duration.ZERO;
        }
        Duration duration = GoDuration.parse(text);
        require(!duration.isNegative(), "checkPeriod " + text + " must be a positive duration");
        require(duration.compareTo(MAX_CHECK_PERIOD) <= 0, "checkPeriod " + text + " is above the max (168h)");
        return duration;
    }

    private List<NodeAttr> readNodeAttrs(JsonNode node, Definitions defined) {
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
                    checkDefined(alias, "target", defined);
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

    private AutoApprovers readAutoApprovers(JsonNode written, Definitions defined) {
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

    private List<Alias> readApprovers(JsonNode node, Definitions defined) {
        List<Alias> approvers = new ArrayList<>();
        for (JsonNode entry : node) {
            Alias alias = AliasParser.parse(entry.asText());
            require(alias instanceof Alias.User || alias instanceof Alias.Group || alias instanceof Alias.Tag
                            || isAutogroup(alias, Autogroup.MEMBER) || isAutogroup(alias, Autogroup.TAGGED),
                    "autoApprovers: \"" + entry.asText() + "\" cannot approve routes");
            checkDefined(alias, "autoApprovers", defined);
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

    private List<SshPolicyTest> readSshTests(JsonNode node, Definitions defined) {
        List<SshPolicyTest> tests = new ArrayList<>();
        for (JsonNode written : node) {
            JsonNode test = fieldsOf(written, "sshTests", SSH_TEST_FIELDS);
            require(!test.path("src").asText("").isBlank(), "SSH tests entry must have a non-empty src");
            List<String> destinations = strings(test, "dst");
            require(!destinations.isEmpty(), "SSH tests entry must have at least one dst");
            for (String dst : destinations) {
                checkSshTestDestination(dst, defined);
            }
            tests.add(new SshPolicyTest(test.path("src").asText(""), destinations, strings(test, "accept"),
                    strings(test, "check"), strings(test, "deny")));
        }
        return tests;
    }

    /**
     * An sshTests destination must name hosts one can SSH into: a tag that exists (so {@code tag:x:22} is an
     * unknown tag), a user, an autogroup other than internet, a single address, or a host entry for one.
     */
    private static void checkSshTestDestination(String dst, Definitions defined) {
        String disallowed = "SSH tests dst contains disallowed element \"" + dst + "\"";
        if (dst.startsWith("tag:")) {
            require(defined.tagOwners().containsKey(dst), "SSH tests dst contains unknown tag \"" + dst + "\"");
            return;
        }
        Alias alias;
        try {
            alias = AliasParser.parse(dst);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(disallowed);
        }
        switch (alias) {
            case Alias.AutogroupRef ref -> require(ref.autogroup() != Autogroup.INTERNET, disallowed);
            case Alias.Prefix prefix -> require(prefix.prefix().isSingleAddress(), disallowed);
            case Alias.Host host -> require(!defined.hosts().containsKey(host.name())
                    || defined.hosts().get(host.name()).isSingleAddress(), disallowed);
            case Alias.Wildcard w -> throw new IllegalArgumentException(disallowed);
            default -> {
            }
        }
    }

    /**
     * The object with its field names in canonical spelling. Tailscale matches field names without regard to
     * case ({@code "Action"} is {@code "action"}) and refuses names it does not know.
     */
    private static JsonNode fieldsOf(JsonNode node, String where, Set<String> known) {
        require(node.isObject(), where + ": expected an object, got " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.fields().forEachRemaining(field -> {
            String canonical = known.stream().filter(k -> k.equalsIgnoreCase(field.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown field \"" + field.getKey() + "\" in " + where));
            require(!out.has(canonical), where + ": field \"" + canonical + "\" given twice");
            out.set(canonical, field.getValue());
        });
        return out;
    }

    private static boolean isAutogroup(Alias alias, Autogroup autogroup) {
        return alias instanceof Alias.AutogroupRef ref && ref.autogroup() == autogroup;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        list(node, field).forEach(value -> out.add(value.asText()));
        return out;
    }

    private static List<JsonNode> list(JsonNode node, String field) {
        JsonNode value = node.path(field);
        List<JsonNode> out = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return out;
        }
        require(value.isArray(), "\"" + field + "\" must be a list");
        value.forEach(out::add);
        return out;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
