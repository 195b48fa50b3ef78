package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.net.IpPrefix;

import java.util.List;
import java.util.Optional;

/** Turns alias text as written in a policy into an {@link Alias}, and parses {@code alias:ports} destinations. */
public final class AliasParser {

    private AliasParser() {
    }

    public static Alias parse(String text) {
        if (text.equals("*")) {
            return new Alias.Wildcard();
        }
        if (text.startsWith("autogroup:")) {
            return Autogroup.fromAlias(text).<Alias>map(Alias.AutogroupRef::new)
                    .orElseThrow(() -> new IllegalArgumentException("autogroup \"" + text + "\" is not valid"));
        }
        if (text.startsWith(PolicyParser.IDP_GROUP_PREFIX)) {
            throw new IllegalArgumentException("\"" + text + "\": an identity provider group is named only as a member"
                    + " of a policy group (\"groups\": {\"group:ops\": [\"" + text + "\"]}), and used through that group");
        }
        if (text.startsWith("group:")) {
            return new Alias.Group(text);
        }
        if (text.startsWith("tag:")) {
            char first = text.length() > 4 ? text.charAt(4) : ' ';
            if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
                throw new IllegalArgumentException("tag names must start with a letter, after 'tag:'");
            }
            return new Alias.Tag(text);
        }
        if (text.startsWith("ipset:")) {
            return new Alias.IpSetRef(text.substring("ipset:".length()));
        }
        if (text.startsWith("user:")) {
            String login = text.substring("user:".length());
            if (login.startsWith("*@")) {
                return new Alias.UsersOfDomain(login.substring(2));
            }
            return new Alias.User(login);
        }
        if (text.contains("@")) {
            return new Alias.User(text);
        }
        Optional<IpPrefix> prefix = prefix(text);
        if (prefix.isPresent()) {
            return new Alias.Prefix(prefix.get());
        }
        if (text.isEmpty() || text.contains(":") || text.contains("/")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid alias");
        }
        return new Alias.Host(text);
    }

    private static Optional<IpPrefix> prefix(String text) {
        char first = text.isEmpty() ? ' ' : text.charAt(0);
        if (Character.digit(first, 16) < 0 && first != ':') {
            return Optional.empty();
        }
        try {
            return Optional.of(IpPrefix.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code alias:ports}; IPv6 addresses may be bracketed, {@code [fd7a::1]:22}. */
    public static AliasWithPorts parseWithPorts(String text) {
        String aliasText;
        String portsText;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("\"" + text + "\" must be alias:ports");
            }
            aliasText = text.substring(1, close);
            portsText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("\"" + text + "\" must be alias:ports");
            }
            aliasText = text.substring(0, colon);
            portsText = text.substring(colon + 1);
        }
        return new AliasWithPorts(parse(aliasText), parsePorts(portsText));
    }

    /** Parses {@code *}, {@code 22}, {@code 80,443} or {@code 8000-8100}. */
    public static List<PortRange> parsePorts(String text) {
        if (text.equals("*")) {
            return List.of(PortRange.ANY);
        }
        return java.util.Arrays.stream(text.split(",", -1)).map(AliasParser::parsePortRange).toList();
    }

    private static PortRange parsePortRange(String text) {
        int dash = text.indexOf('-');
        String firstText = dash < 0 ? text : text.substring(0, dash);
        String lastText = dash < 0 ? text : text.substring(dash + 1);
        int first = port(firstText, text, "first");
        int last = port(lastText, text, "last");
        if (first == 0) {
            throw new IllegalArgumentException("port range \"" + text + "\": first port must be >0, or use '*' for wildcard");
        }
        if (last < first) {
            throw new IllegalArgumentException("port range \"" + text + "\": last port must be >= first port");
        }
        return new PortRange(first, last);
    }

    private static int port(String digits, String range, String which) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port range \"" + range + "\": invalid " + which + " integer");
        }
        int value = Integer.parseInt(digits);
        if (value > 65535) {
            throw new IllegalArgumentException("port range \"" + range + "\": " + which + " port out of range");
        }
        return value;
    }
}
