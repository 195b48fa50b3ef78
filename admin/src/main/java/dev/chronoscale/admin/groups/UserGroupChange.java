package dev.chronoscale.admin.groups;

import java.util.List;

/** What a sync or a login changed in one user's identity provider groups. */
public record UserGroupChange(long userId, String userName, List<String> added, List<String> removed) {

    public UserGroupChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }
}
