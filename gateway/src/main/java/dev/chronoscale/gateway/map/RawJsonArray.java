package dev.chronoscale.gateway.map;

import java.io.ByteArrayOutputStream;
import java.util.Collection;

/** Writes already serialized JSON values as one array, so cached peers are spliced into messages, not re-serialized. */
final class RawJsonArray {

    private RawJsonArray() {
    }

    static void write(ByteArrayOutputStream json, Collection<byte[]> elements) {
        json.write('[');
        boolean first = true;
        for (byte[] element : elements) {
            if (!first) {
                json.write(',');
            }
            json.writeBytes(element);
            first = false;
        }
        json.write(']');
    }
}
