package dev.chronoscale.auditexport.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A record at its place in the chain. {@code position} counts records from 1 without gaps (event
 * global indexes may have gaps); {@code record} is the record's JSON as it was hashed.
 */
public record ChainedRecord(long position, String previousHash, String hash, ObjectNode record) {

    public String eventId() {
        return record.path("id").asText();
    }

    public String action() {
        return record.path("action").asText();
    }
}
