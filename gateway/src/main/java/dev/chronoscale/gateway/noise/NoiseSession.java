package dev.chronoscale.gateway.noise;

/**
 * What a completed handshake leaves behind: who the peer is, the version both sides mixed into
 * the prologue, and one key per direction for the transport.
 *
 * @param peer            the other side's static key; on the server, the client's authenticated machine key
 * @param protocolVersion the version from the initiation header (the client's capability version)
 * @param handshakeHash   the final Noise {@code h}, usable as a channel binding
 * @param sendKey         ChaCha20-Poly1305 key for what this side writes
 * @param receiveKey      ChaCha20-Poly1305 key for what this side reads
 */
public record NoiseSession(MachinePublicKey peer, int protocolVersion, byte[] handshakeHash,
                           byte[] sendKey, byte[] receiveKey) {

    public NoiseSession {
        handshakeHash = handshakeHash.clone();
        sendKey = sendKey.clone();
        receiveKey = receiveKey.clone();
    }

    @Override
    public byte[] handshakeHash() {
        return handshakeHash.clone();
    }

    @Override
    public byte[] sendKey() {
        return sendKey.clone();
    }

    @Override
    public byte[] receiveKey() {
        return receiveKey.clone();
    }

    public NoiseCipherState newSender() {
        return new NoiseCipherState(sendKey);
    }

    public NoiseCipherState newReceiver() {
        return new NoiseCipherState(receiveKey);
    }

    @Override
    public String toString() {
        return "NoiseSession[peer=" + peer + ", protocolVersion=" + protocolVersion + "]";
    }
}
