package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException;

import java.util.regex.Pattern;

/** Tailscale's text form of 32-byte public keys: a type prefix and 64 lower-case hex digits. */
public final class NodeKeys {

    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-f]{64}");

    private NodeKeys() {
    }

    public static String machineKey(String text) {
        return check("mkey:", "machine key", text);
    }

    public static String nodeKey(String text) {
        return check("nodekey:", "node key", text);
    }

    /** Disco keys may be all zeros: a client that has none yet sends the zero key. */
    public static String discoKey(String text) {
        if (text == null || !text.startsWith("discokey:") || !HEX_KEY.matcher(text.substring("discokey:".length())).matches()) {
            throw DomainException.invalid("disco key must look like discokey:<64 hex digits>");
        }
        return text;
    }

    private static String check(String prefix, String what, String text) {
        if (text == null || !text.startsWith(prefix) || !HEX_KEY.matcher(text.substring(prefix.length())).matches()) {
            throw DomainException.invalid(what + " must look like " + prefix + "<64 hex digits>");
        }
        if (text.substring(prefix.length()).chars().allMatch(c -> c == '0')) {
            throw DomainException.invalid(what + " must not be all zeros");
        }
        return text;
    }
}
