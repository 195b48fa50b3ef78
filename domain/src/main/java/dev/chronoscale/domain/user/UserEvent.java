package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainEvent;

/**
 * The events of users. The records live in {@link UserEvents}, whose nested binary names are
 * the stored payload types: never move or rename them; change one only with a new revision and an upcaster.
 */
public sealed interface UserEvent extends DomainEvent permits
        UserEvents.UserCreated,
        UserEvents.UserRenamed,
        UserEvents.UserDeleted,
        UserEvents.UserRolesChanged,
        UserEvents.UserProfileChanged,
        UserEvents.UserGroupsChanged {
}
