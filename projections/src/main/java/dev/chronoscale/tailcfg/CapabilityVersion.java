package dev.chronoscale.tailcfg;

/**
 * {@code tailcfg.CapabilityVersion}: the number a client sends with every request (in the Noise handshake, as
 * {@code /key?v=}, as {@code Version} in a RegisterRequest or MapRequest) to say which parts of the protocol it
 * understands. It only grows, and a client understands everything an older one does, so one floor says which
 * clients this server serves; this is the one place that says it.
 *
 * <p>The versions that matter here, in Tailscale's numbering:
 * <ul>
 *   <li>33, 36: the client takes {@code PeersChangedPatch}, which carries a peer's endpoints, home DERP region
 *       and disco key without resending the peer.</li>
 *   <li>74: the node's {@code CapMap}, where the policy's {@code nodeAttrs} go.</li>
 *   <li>81: {@code PacketFilters}, a named packet filter replacing the client's own.</li>
 *   <li>111: a peer's home DERP region as {@code HomeDERP}, an integer, rather than a fake endpoint.</li>
 *   <li>113: Tailscale v1.80; the {@link #MINIMUM}.</li>
 *   <li>115: Tailscale v1.82, the stock clients the interop run checks against.</li>
 *   <li>130: the {@link #NEWEST_KNOWN}.</li>
 * </ul>
 */
public final class CapabilityVersion {

    /**
     * The oldest version served (Tailscale v1.80, Headscale's floor as well): older clients lack what this server
     * relies on ({@code HomeDERP}, {@code PacketFilters}, {@code CapMap}), so they are refused, and told why,
     * rather than left half working.
     */
    public static final int MINIMUM = 113;

    /** The Tailscale release that brought {@link #MINIMUM}, as refusals name it. */
    public static final String MINIMUM_RELEASE = "v1.80";

    /**
     * The newest version whose meaning this server knows. Newer clients are served all the same: what a newer
     * version adds is something the client understands, never something the server must send.
     */
    public static final int NEWEST_KNOWN = 130;

    private CapabilityVersion() {
    }

    /** Whether this server serves a client that sends {@code version}. */
    public static boolean isSupported(int version) {
        return version >= MINIMUM;
    }
}
