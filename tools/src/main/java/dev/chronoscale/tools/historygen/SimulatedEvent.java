package dev.chronoscale.tools.historygen;

import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.audit.AuditContext;

/** One event as an aggregate applied it: which aggregate (Axon's type and identifier), what, and on whose behalf. */
record SimulatedEvent(String aggregateType, String aggregateId, DomainEvent payload, AuditContext actor) {
}
