package dev.chronoscale.auditexport.schema;

import java.util.Optional;

/**
 * What the mapper may look up beyond the event itself: the names of nodes and users (for events that
 * carry only an id) and an earlier event of the same aggregate (the previous policy version, to diff against).
 */
public interface EventContext {

    Optional<String> nodeName(long nodeId);

    Optional<String> userName(long userId);

    /** The typed payload of the event at {@code sequenceNumber} of {@code aggregateId}. */
    Optional<Object> eventOf(String aggregateId, long sequenceNumber);

    EventContext NONE = new EventContext() {
        @Override
        public Optional<String> nodeName(long nodeId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> userName(long userId) {
            return Optional.empty();
        }

        @Override
        public Optional<Object> eventOf(String aggregateId, long sequenceNumber) {
            return Optional.empty();
        }
    };
}
