package dev.chronoscale.auditexport.chain;

import dev.chronoscale.auditexport.schema.EventContext;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.UserView;

import java.util.Optional;

/** Answers the mapper's look-ups from the inventory (names) and the event log (earlier events). */
public final class LogEventContext implements EventContext {

    private final EventLog log;
    private final InventoryQueries inventory;

    public LogEventContext(EventLog log, InventoryQueries inventory) {
        this.log = log;
        this.inventory = inventory;
    }

    @Override
    public Optional<String> nodeName(long nodeId) {
        return inventory.node(nodeId).map(NodeView::givenName);
    }

    @Override
    public Optional<String> userName(long userId) {
        return inventory.user(userId).map(UserView::name);
    }

    @Override
    public Optional<Object> eventOf(String aggregateId, long sequenceNumber) {
        return log.payloadOf(aggregateId, sequenceNumber);
    }
}
