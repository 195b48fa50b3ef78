package dev.chronoscale.auditexport.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;

import java.util.Locale;

/** The JSON shapes a record can be sent in: as is (with its chain link), ECS, or OCSF. */
public enum RecordFormat {
    /** The audit record with {@code chain: {position, previousHash, hash}} added. */
    NATIVE,
    ECS,
    OCSF;

    public static RecordFormat parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "native", "json", "chronoscale" -> NATIVE;
            case "ecs" -> ECS;
            case "ocsf" -> OCSF;
            default -> throw new IllegalArgumentException("format '" + text + "' must be native, ecs or ocsf");
        };
    }

    public ObjectNode render(ChainedRecord link) {
        return switch (this) {
            case NATIVE -> NativeDocument.of(link);
            case ECS -> EcsDocument.of(link);
            case OCSF -> OcsfEvent.of(link);
        };
    }
}
