package dev.chronoscale.netmap.access;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpRange;
import dev.chronoscale.domain.net.IpSet;

import java.util.ArrayList;
import java.util.List;

/** The addresses a packet filter writes ({@code *}, an address, a prefix, or a range {@code a-b}) as sets. */
public final class FilterIps {

    private static final IpSet EVERYWHERE = IpSet.ofPrefixes(List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0")));

    private FilterIps() {
    }

    public static IpSet of(List<String> ips) {
        List<IpRange> ranges = new ArrayList<>();
        for (String ip : ips) {
            if (ip.equals("*")) {
                return EVERYWHERE;
            }
            ranges.add(range(ip));
        }
        return IpSet.of(ranges);
    }

    public static IpRange range(String ip) {
        int dash = ip.indexOf('-');
        return dash > 0 ? new IpRange(IpAddress.parse(ip.substring(0, dash)), IpAddress.parse(ip.substring(dash + 1)))
                : IpPrefix.parseLenient(ip).range();
    }
}
