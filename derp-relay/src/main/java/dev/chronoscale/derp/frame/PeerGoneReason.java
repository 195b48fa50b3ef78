package dev.chronoscale.derp.frame;

/** The one-byte reason in a {@link PeerGone} frame. */
public enum PeerGoneReason {
    /** The peer was connected here (or in the region) and left. */
    DISCONNECTED(0x00),
    /** The relay has never had this peer: sent in reply to a disco packet for an unknown destination. */
    NOT_HERE(0x01),
    /** A code this implementation does not know; kept so decoding stays lenient. */
    UNKNOWN(0xff);

    private final int code;

    PeerGoneReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static PeerGoneReason fromCode(int code) {
        for (PeerGoneReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return UNKNOWN;
    }
}
