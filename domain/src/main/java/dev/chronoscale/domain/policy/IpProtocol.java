package dev.chronoscale.domain.policy;

import java.util.List;
import java.util.Map;

/** IANA protocol numbers as a rule's {@code proto} names them; empty means Tailscale's default set. */
public record IpProtocol(List<Integer> numbers) {

    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int GRE = 47;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int IPV6_ICMP = 58;
    public static final int SCTP = 132;

    /** What a rule without {@code proto} allows: TCP, UDP, ICMP and ICMPv6. */
    public static final IpProtocol DEFAULT = new IpProtocol(List.of());
    public static final List<Integer> DEFAULT_NUMBERS = List.of(TCP, UDP, ICMP, IPV6_ICMP);

    private static final Map<String, Integer> NAMES = Map.ofEntries(
            Map.entry("icmp", ICMP), Map.entry("igmp", IGMP), Map.entry("tcp", TCP), Map.entry("udp", UDP),
            Map.entry("gre", GRE), Map.entry("esp", ESP), Map.entry("ah", AH), Map.entry("ipv6-icmp", IPV6_ICMP),
            Map.entry("icmpv6", IPV6_ICMP), Map.entry("sctp", SCTP), Map.entry("ipv4", 4), Map.entry("ip-in-ip", 4),
            Map.entry("egp", 8), Map.entry("igp", 9));

    public IpProtocol {
        numbers = List.copyOf(numbers);
    }

    public boolean isDefault() {
        return numbers.isEmpty();
    }

    public List<Integer> effectiveNumbers() {
        return numbers.isEmpty() ? DEFAULT_NUMBERS : numbers;
    }

    /** Only TCP, UDP and SCTP have ports; a rule naming another protocol must allow every port. */
    public boolean supportsPorts() {
        return numbers.isEmpty() || numbers.stream().allMatch(n -> n == TCP || n == UDP || n == SCTP);
    }

    /** Parses a {@code proto} value: a known name or a decimal number 0-255 without leading zeros. */
    public static IpProtocol parse(String text) {
        if (text.isEmpty()) {
            return DEFAULT;
        }
        Integer known = NAMES.get(text.toLowerCase(java.util.Locale.ROOT));
        if (known != null) {
            return new IpProtocol(List.of(known));
        }
        if (!text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("proto name \"" + text
                    + "\" not known; use protocol number 0-255 or protocol name (icmp, tcp, udp, etc.)");
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new IllegalArgumentException("leading 0 not permitted in protocol number \"" + text + "\"");
        }
        int number = text.length() > 3 ? 256 : Integer.parseInt(text);
        if (number > 255) {
            throw new IllegalArgumentException("protocol number out of range (0-255): " + text);
        }
        return new IpProtocol(List.of(number));
    }
}
