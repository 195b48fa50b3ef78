package dev.chronoscale.domain.policy;

/** Inclusive port range; {@code 0-65535} is Tailscale's "any port". */
public record PortRange(int first, int last) {

    public static final PortRange ANY = new PortRange(0, 65535);

    public boolean contains(PortRange other) {
        return first <= other.first && other.last <= last;
    }
}
