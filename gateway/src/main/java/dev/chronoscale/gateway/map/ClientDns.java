package dev.chronoscale.gateway.map;

import dev.chronoscale.tailcfg.DnsConfig;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;

import java.util.List;

/** The DNS settings in force and their wire form; the extra records may be replaced while the server runs. */
final class ClientDns {

    private DnsSettings settings;
    private volatile DnsConfig wire;

    ClientDns(DnsSettings settings) {
        this.settings = settings;
        this.wire = settings.wire();
    }

    DnsConfig current() {
        return wire;
    }

    /** Puts {@code records} in force; returns false when they are the ones in force already. */
    synchronized boolean replaceExtraRecords(List<DnsRecord> records) {
        if (settings.extraRecords().equals(records)) {
            return false;
        }
        settings = settings.withExtraRecords(records);
        wire = settings.wire();
        return true;
    }
}
