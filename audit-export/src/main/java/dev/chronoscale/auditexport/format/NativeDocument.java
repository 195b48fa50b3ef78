package dev.chronoscale.auditexport.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;

/** The record as the schema defines it, plus {@code chain} so a receiver can check the links itself. */
public final class NativeDocument {

    private NativeDocument() {
    }

    public static ObjectNode of(ChainedRecord link) {
        ObjectNode json = link.record().deepCopy();
        ObjectNode chain = json.putObject("chain");
        chain.put("position", link.position());
        chain.put("previousHash", link.previousHash());
        chain.put("hash", link.hash());
        return json;
    }
}
