package dev.chronoscale.domain.apikey;

import dev.chronoscale.domain.DomainEvent;

/**
 * The events of admin API keys. The records live in {@link ApiKeyEvents}, whose nested binary names are
 * the stored payload types: never move or rename them; change one only with a new revision and an upcaster.
 */
public sealed interface ApiKeyEvent extends DomainEvent permits
        ApiKeyEvents.ApiKeyCreated,
        ApiKeyEvents.ApiKeyExpired,
        ApiKeyEvents.ApiKeyDeleted {
}
