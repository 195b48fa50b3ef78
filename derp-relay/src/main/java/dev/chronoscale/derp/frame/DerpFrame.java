package dev.chronoscale.derp.frame;

/**
 * One DERP frame, decoded. {@link DerpFrameCodec} owns the byte layout; these records only carry values.
 * Packet bodies are opaque (WireGuard or disco datagrams) and stay as the bytes received.
 */
public sealed interface DerpFrame
        permits ServerKey, ClientInfoFrame, ServerInfoFrame, SendPacket, RecvPacket, KeepAlive, NotePreferred,
                PeerGone, PeerPresent, ForwardPacket, WatchConns, ClosePeer, Ping, Pong, Health, Restarting,
                UnknownFrame {

    /** The frame type byte on the wire. */
    int type();
}
