package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.DomainEvent;

/**
 * The events of policy versions. The records live in {@link PolicyEvents}, whose nested binary names are
 * the stored payload types: never move or rename them; change one only with a new revision and an upcaster.
 */
public sealed interface PolicyEvent extends DomainEvent permits
        PolicyEvents.PolicyUpdated {
}
