package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NaclBox;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;

/**
 * The client's identity and its {@link ClientInfo}, sealed with NaCl box from the client's key to the
 * server's. Until it opens, nothing in it is trusted, including the key.
 */
public record ClientInfoFrame(NodePublicKey clientKey, byte[] nonce, byte[] sealedInfo) implements DerpFrame {

    public static ClientInfoFrame seal(ClientInfo info, NodePrivateKey client, NodePublicKey server) {
        byte[] nonce = NaclBox.randomNonce();
        return sealWithNonce(info.toJson(), nonce, client, server);
    }

    static ClientInfoFrame sealWithNonce(byte[] json, byte[] nonce, NodePrivateKey client, NodePublicKey server) {
        return new ClientInfoFrame(client.publicKey(), nonce, NaclBox.between(client, server).seal(nonce, json));
    }

    /** Opens the box with the server's key and parses the JSON inside. */
    public ClientInfo open(NodePrivateKey server) {
        return ClientInfo.fromJson(openBytes(server));
    }

    public byte[] openBytes(NodePrivateKey server) {
        return NaclBox.between(server, clientKey).open(nonce, sealedInfo);
    }

    @Override
    public int type() {
        return FrameType.CLIENT_INFO;
    }
}
