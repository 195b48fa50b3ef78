package dev.chronoscale.domain.address;

/** Headscale's {@code prefixes.allocation}: the next free address in order, or a random free one. */
public enum AllocationStrategy {
    SEQUENTIAL,
    RANDOM;

    public static AllocationStrategy parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase()) {
            case "sequential" -> SEQUENTIAL;
            case "random" -> RANDOM;
            default -> throw new IllegalArgumentException("'" + text + "' is not an allocation strategy (sequential or random)");
        };
    }
}
