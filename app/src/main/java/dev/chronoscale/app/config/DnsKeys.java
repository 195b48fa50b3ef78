package dev.chronoscale.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Headscale's {@code dns.*} keys, read and checked as the clients will use them. */
final class DnsKeys {

    private DnsKeys() {
    }

    /** Headscale's {@code dns} keys, checked as the clients will read them (see {@link DnsValues}). */
    static ChronoscaleConfig.Dns read(ConfigValues values) {
        boolean magicDns = values.bool("dns.magic_dns", true);
        String baseDomain = values.text("dns.base_domain", "chronoscale.internal");
        if (magicDns && baseDomain.isEmpty()) {
            throw new ConfigException("dns.base_domain", "must be set when dns.magic_dns is true");
        }
        if (!baseDomain.isEmpty()) {
            checked("dns.base_domain", () -> DnsValues.domain(baseDomain));
        }
        List<String> global = new ArrayList<>();
        for (String nameserver : values.list("dns.nameservers.global")) {
            global.add(checked("dns.nameservers.global", () -> DnsValues.nameserver(nameserver)));
        }
        boolean override = values.bool("dns.override_local_dns", true);
        // As Headscale, which defaults it to true; left unset with no nameservers, there is nothing to override with.
        if (override && global.isEmpty() && values.has("dns.override_local_dns")) {
            throw new ConfigException("dns.override_local_dns",
                    "is true, so dns.nameservers.global must list the nameservers that replace the devices' own");
        }
        List<String> domains = new ArrayList<>();
        // Headscale searches the base domain whenever it is set; ours has a default, searched only with MagicDNS.
        if (!baseDomain.isEmpty() && (magicDns || values.has("dns.base_domain"))) {
            domains.add(baseDomain);
        }
        for (String domain : values.list("dns.search_domains")) {
            domains.add(checked("dns.search_domains", () -> DnsValues.domain(domain)));
        }
        if (values.has("dns.extra_records") && values.has("dns.extra_records_path")) {
            throw new ConfigException("dns.extra_records_path",
                    "and dns.extra_records cannot both be set: the records come from one or the other");
        }
        List<DnsRecord> records = List.of();
        JsonNode inline = values.node("dns.extra_records");
        if (inline != null && !inline.isNull()) {
            records = checked("dns.extra_records", () -> DnsValues.records(inline));
        }
        String recordsPath = values.text("dns.extra_records_path", "");
        Optional<Path> recordsFile = Optional.empty();
        if (!recordsPath.isEmpty()) {
            Path file = values.baseDir().resolve(recordsPath).normalize();
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("dns.extra_records_path", file + " is not a file");
            }
            try {
                records = DnsValues.readRecordsFile(file).orElse(List.of());
            } catch (IOException e) {
                throw new ConfigException("dns.extra_records_path", "cannot read " + file + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("dns.extra_records_path", file + ": " + e.getMessage());
            }
            recordsFile = Optional.of(file);
        }
        return new ChronoscaleConfig.Dns(magicDns, baseDomain, List.copyOf(global), override, split(values),
                List.copyOf(domains), records, recordsFile);
    }

    /** {@code dns.nameservers.split}: a mapping of domain to its nameservers (none: MagicDNS answers it). */
    private static Map<String, List<String>> split(ConfigValues values) {
        JsonNode node = values.node("dns.nameservers.split");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ConfigException("dns.nameservers.split", "must be a mapping of domain to a list of nameservers");
        }
        Map<String, List<String>> split = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> domains = node.fields();
        while (domains.hasNext()) {
            Map.Entry<String, JsonNode> entry = domains.next();
            String key = "dns.nameservers.split." + entry.getKey();
            String domain = checked(key, () -> DnsValues.domain(entry.getKey()));
            JsonNode value = entry.getValue();
            List<String> texts = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(v -> texts.add(v.asText()));
            } else if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                texts.addAll(List.of(value.asText().trim().split("[,\\s]+")));
            } else if (!value.isNull() && !value.isValueNode()) {
                throw new ConfigException(key, "must be a list of nameservers");
            }
            List<String> nameservers = new ArrayList<>();
            for (String text : texts) {
                nameservers.add(checked(key, () -> DnsValues.nameserver(text)));
            }
            split.put(domain, List.copyOf(nameservers));
        }
        return split;
    }

    private static <T> T checked(String key, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }
}
