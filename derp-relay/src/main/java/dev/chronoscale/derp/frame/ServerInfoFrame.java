package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NaclBox;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;

/** The server's {@link ServerInfo}, sealed from the server's key to the client's; ends the handshake. */
public record ServerInfoFrame(byte[] nonce, byte[] sealedInfo) implements DerpFrame {

    public static ServerInfoFrame seal(ServerInfo info, NodePrivateKey server, NodePublicKey client) {
        return sealWithNonce(info.toJson(), NaclBox.randomNonce(), server, client);
    }

    static ServerInfoFrame sealWithNonce(byte[] json, byte[] nonce, NodePrivateKey server, NodePublicKey client) {
        return new ServerInfoFrame(nonce, NaclBox.between(server, client).seal(nonce, json));
    }

    public ServerInfo open(NodePrivateKey client, NodePublicKey server) {
        return ServerInfo.fromJson(NaclBox.between(client, server).open(nonce, sealedInfo));
    }

    @Override
    public int type() {
        return FrameType.SERVER_INFO;
    }
}
