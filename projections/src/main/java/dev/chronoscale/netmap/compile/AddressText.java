package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpRange;
import dev.chronoscale.domain.net.IpSet;
import java.util.List;

/** Reads the address strings of the wire format: {@code *}, an address, a CIDR prefix, or {@code first-last}. */
public final class AddressText {

    private AddressText() {
    }

    public static IpSet parse(String text) {
        if (text.equals("*")) {
            return AddressSpace.ALL;
        }
        int dash = text.indexOf('-');
        if (dash > 0) {
            return IpSet.of(List.of(new IpRange(IpAddress.parse(text.substring(0, dash)),
                    IpAddress.parse(text.substring(dash + 1)))));
        }
        return IpSet.ofPrefixes(List.of(IpPrefix.parse(text)));
    }
}
