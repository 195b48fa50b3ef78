package dev.chronoscale.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of the values Headscale's {@code dns} keys take, as the Tailscale client will read them: nameservers,
 * domain names and extra records (inline, or the JSON file of {@code dns.extra_records_path}). A value the client
 * would drop or fail on is refused with what is wrong with it.
 */
public final class DnsValues {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DnsValues() {
    }

    /** A nameserver: an IP address, an {@code IP:port} ({@code [IPv6]:port}), or a DNS-over-HTTPS URL. */
    static String nameserver(String text) {
        String value = text.trim();
        if (value.startsWith("https://") || value.startsWith("http://")) {
            try {
                URI uri = new URI(value);
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw new IllegalArgumentException("no host");
                }
                return value;
            } catch (Exception e) {
                throw new IllegalArgumentException("'" + value + "' is not a DNS-over-HTTPS URL");
            }
        }
        if (isAddress(value)) {
            return value;
        }
        int colon = value.lastIndexOf(':');
        if (colon > 0 && value.substring(colon + 1).matches("[0-9]{1,5}")
                && Integer.parseInt(value.substring(colon + 1)) >= 1 && Integer.parseInt(value.substring(colon + 1)) <= 65535) {
            String host = value.substring(0, colon);
            boolean bracketed = host.startsWith("[") && host.endsWith("]");
            String address = bracketed ? host.substring(1, host.length() - 1) : host;
            if (isAddress(address) && (bracketed == address.contains(":"))) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an IP address, IP:port or https:// URL of a nameserver");
    }

    /** A domain name, with or without the trailing dot. */
    static String domain(String text) {
        String value = text.trim();
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        if (name.isEmpty() || name.length() > 253) {
            throw new IllegalArgumentException("'" + value + "' is not a domain name");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + value + "' is not a domain name");
            }
        }
        return value;
    }

    /**
     * Extra records: a list of {@code {name, type, value}} (Headscale's file format; member names in any case, as Go
     * reads them). The type is {@code A}, {@code AAAA} or left out, the value an address of that family; a record
     * listed twice is kept once.
     */
    public static List<DnsRecord> records(JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("must be a list of records with name, type and value");
        }
        Set<DnsRecord> records = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new IllegalArgumentException("record " + i + " must be a mapping with name, type and value");
            }
            String name = member(entry, "name");
            String type = member(entry, "type");
            String value = member(entry, "value");
            try {
                records.add(record(name, type, value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("record " + i + " (" + name + "): " + e.getMessage());
            }
        }
        return List.copyOf(records);
    }

    /**
     * The records of a JSON file as {@code dns.extra_records_path} names it; none (empty) for an empty file, which
     * Headscale takes for one being written.
     */
    public static Optional<List<DnsRecord>> readRecordsFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return Optional.of(records(root));
    }

    private static DnsRecord record(String name, String type, String value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("has no name");
        }
        domain(name);
        if (type != null && !type.isEmpty() && !type.equals("A") && !type.equals("AAAA")) {
            throw new IllegalArgumentException("type '" + type + "' is not A or AAAA (Tailscale clients answer no other)");
        }
        if (value == null || !isAddress(value)) {
            throw new IllegalArgumentException("value '" + value + "' is not an IP address");
        }
        boolean v6 = IpAddress.parse(value).v6();
        if ("A".equals(type) && v6 || "AAAA".equals(type) && !v6) {
            throw new IllegalArgumentException("value '" + value + "' is not an " + (v6 ? "IPv4" : "IPv6")
                    + " address, as type " + type + " needs");
        }
        return new DnsRecord(name, type == null || type.isEmpty() ? null : type, value);
    }

    private static String member(JsonNode entry, String wanted) {
        Iterator<Map.Entry<String, JsonNode>> fields = entry.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                return field.getValue().isNull() ? null : field.getValue().asText();
            }
        }
        return null;
    }

    private static boolean isAddress(String text) {
        try {
            IpAddress.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
