package dev.chronoscale.admin.groups;

import java.util.List;

/**
 * One sync: the provider it read ({@code issuer}), how many Chronoscale users are linked to it, and the changes it
 * recorded (none when every linked user's groups were already current).
 */
public record GroupSyncResult(String issuer, int linkedUsers, List<UserGroupChange> changes) {

    public GroupSyncResult {
        changes = List.copyOf(changes);
    }
}
