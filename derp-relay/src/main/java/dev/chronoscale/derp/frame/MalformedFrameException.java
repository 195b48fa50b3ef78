package dev.chronoscale.derp.frame;

import io.netty.handler.codec.DecoderException;

/** Bytes that do not form a valid DERP frame. Fatal for that connection only. */
public class MalformedFrameException extends DecoderException {
    public MalformedFrameException(String message) {
        super(message);
    }
}
