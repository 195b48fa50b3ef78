package dev.chronoscale.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.chronoscale.domain.policy.PolicyJson.fieldsOf;
import static dev.chronoscale.domain.policy.PolicyJson.fields;
import static dev.chronoscale.domain.policy.PolicyJson.isAutogroup;
import static dev.chronoscale.domain.policy.PolicyJson.list;
import static dev.chronoscale.domain.policy.PolicyJson.require;

/** Reads {@code acls} and {@code grants}, refusing what Tailscale refuses in them. */
final class AccessRuleReader {

    private static final Set<String> ACL_FIELDS = Set.of("action", "src", "dst", "proto");
    private static final Set<String> GRANT_FIELDS = Set.of("src", "dst", "ip", "app", "via", "srcPosture");

    private final PolicyDefinitions defined;

    AccessRuleReader(PolicyDefinitions defined) {
        this.defined = defined;
    }

    List<AclRule> readAcls(JsonNode node) {
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
                defined.checkSource(alias);
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
                defined.checkDestination(destination.alias());
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

    List<Grant> readGrants(JsonNode node) {
        require(node.isArray(), "grants must be a list");
        List<Grant> grants = new ArrayList<>();
        for (JsonNode written : node) {
            JsonNode grant = fieldsOf(written, "grants", GRANT_FIELDS);
            require(!grant.has("srcPosture"),
                    "srcPosture is not supported: Chronoscale collects no device posture attributes");
            List<Alias> sources = new ArrayList<>();
            for (JsonNode src : list(grant, "src")) {
                Alias alias = AliasParser.parse(src.asText().strip());
                defined.checkSource(alias);
                sources.add(alias);
            }
            List<Alias> destinations = new ArrayList<>();
            for (JsonNode dst : list(grant, "dst")) {
                Alias alias = AliasParser.parse(dst.asText().strip());
                defined.checkDestination(alias);
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
}
