package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * tailcfg.FilterRule as the client receives it. {@code IPProto} is omitted for Tailscale's default
 * (TCP, UDP, ICMP, ICMPv6); a rule has either {@code DstPorts} or {@code CapGrant}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FilterRule(@JsonProperty("SrcIPs") List<String> srcIps,
                         @JsonProperty("DstPorts") List<NetPortRange> dstPorts,
                         @JsonProperty("IPProto") List<Integer> ipProto,
                         @JsonProperty("CapGrant") List<CapGrant> capGrant) {

    /** Tailscale's {@code FilterAllowAll}, what every node gets while no policy is set: any source, any port. */
    public static final List<FilterRule> ALLOW_ALL = List.of(new FilterRule(List.of("*"),
            List.of(new NetPortRange("*", new WirePortRange(0, 65535))), List.of(), List.of()));

    public FilterRule {
        srcIps = List.copyOf(srcIps);
        dstPorts = List.copyOf(dstPorts);
        ipProto = List.copyOf(ipProto);
        capGrant = List.copyOf(capGrant);
    }
}
