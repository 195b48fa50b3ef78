package dev.chronoscale.domain.uniqueness;

import dev.chronoscale.domain.DomainException;

/** The value is already held by another owner. */
public class ValueTakenException extends DomainException {
    public ValueTakenException(ClaimKind kind, String value) {
        super(Kind.CONFLICT, describe(kind) + " '" + value + "' is already in use");
    }

    private static String describe(ClaimKind kind) {
        return switch (kind) {
            case USER_NAME -> "user name";
            case USER_PROVIDER_IDENTIFIER -> "provider identifier";
            case NODE_NAME -> "node name";
            case NODE_MACHINE_KEY -> "machine key";
            case NODE_KEY -> "node key";
            case IPV4 -> "IPv4 address";
            case IPV6 -> "IPv6 address";
            case API_KEY_PREFIX -> "API key prefix";
            case PREAUTH_KEY_PREFIX -> "pre-auth key prefix";
        };
    }
}
