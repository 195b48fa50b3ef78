package dev.chronoscale.domain.preauthkey;

import dev.chronoscale.domain.DomainEvent;

/**
 * The events of pre-auth keys. The records live in {@link PreAuthKeyEvents}, whose nested binary names are
 * the stored payload types: never move or rename them; change one only with a new revision and an upcaster.
 */
public sealed interface PreAuthKeyEvent extends DomainEvent permits
        PreAuthKeyEvents.PreAuthKeyCreated,
        PreAuthKeyEvents.PreAuthKeyUsed,
        PreAuthKeyEvents.PreAuthKeyExpired,
        PreAuthKeyEvents.PreAuthKeyDeleted {
}
