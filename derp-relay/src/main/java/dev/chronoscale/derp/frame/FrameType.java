package dev.chronoscale.derp.frame;

/**
 * DERP frame type bytes (protocol version 2). Every frame is {@code type(1) ‖ length(4, big-endian) ‖ payload}.
 * Numbering has gaps (0x0b-0x0f); types we do not know are skipped, not fatal, so peers can add frames.
 */
public final class FrameType {
    public static final int SERVER_KEY = 0x01;
    public static final int CLIENT_INFO = 0x02;
    public static final int SERVER_INFO = 0x03;
    public static final int SEND_PACKET = 0x04;
    /** Version 2 layout only: the 32-byte source key precedes the packet. */
    public static final int RECV_PACKET = 0x05;
    public static final int KEEP_ALIVE = 0x06;
    public static final int NOTE_PREFERRED = 0x07;
    public static final int PEER_GONE = 0x08;
    /** Sent to mesh watchers only; older servers send fewer than 41 bytes. */
    public static final int PEER_PRESENT = 0x09;
    /** Mesh-only: carries source and destination key; a receiver never forwards it again. */
    public static final int FORWARD_PACKET = 0x0a;
    /** Mesh-only, empty payload. Without the mesh key the connection is closed. */
    public static final int WATCH_CONNS = 0x10;
    public static final int CLOSE_PEER = 0x11;
    public static final int PING = 0x12;
    public static final int PONG = 0x13;
    /** Empty text clears the client's health warning. */
    public static final int HEALTH = 0x14;
    public static final int RESTARTING = 0x15;

    private FrameType() {}
}
