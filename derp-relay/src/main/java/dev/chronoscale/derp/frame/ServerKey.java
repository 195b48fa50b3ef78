package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NodePublicKey;
import java.nio.charset.StandardCharsets;

/** First frame from the server: magic {@code "DERP🔑"} and the server's public key. */
public record ServerKey(NodePublicKey serverKey) implements DerpFrame {
    /** 8 bytes: "DERP" and the UTF-8 key emoji {@code f0 9f 94 91}. */
    static final byte[] MAGIC = "DERP\uD83D\uDD11".getBytes(StandardCharsets.UTF_8);

    @Override
    public int type() {
        return FrameType.SERVER_KEY;
    }
}
