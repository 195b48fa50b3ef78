package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Group names as identity providers report them: kept exactly as given (Keycloak's full paths such as
 * {@code /ops/oncall}, or a claim's plain names), so a policy names them the same way.
 */
public final class IdpGroupNames {

    public static final int MAX_LENGTH = 255;

    private IdpGroupNames() {
    }

    /** The names as a sorted set without duplicates; a blank, over-long or control-character name is refused. */
    public static SortedSet<String> validate(Collection<String> names) {
        if (names == null) {
            throw DomainException.invalid("the group set is required (empty for a user in no group)");
        }
        SortedSet<String> out = new TreeSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw DomainException.invalid("group names must not be blank");
            }
            if (name.length() > MAX_LENGTH) {
                throw DomainException.invalid("group name \"" + name.substring(0, 40) + "...\" is longer than "
                        + MAX_LENGTH + " characters");
            }
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw DomainException.invalid("group names must not contain control characters");
            }
            out.add(name);
        }
        return out;
    }
}
