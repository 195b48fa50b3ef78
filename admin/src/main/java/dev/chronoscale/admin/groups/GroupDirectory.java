package dev.chronoscale.admin.groups;

import java.util.Map;
import java.util.SortedSet;

/** An identity provider's directory, read for every user's group memberships. */
public interface GroupDirectory {

    /** The issuer the provider's subjects belong to: a user is linked by provider identifier {@code <issuer>/<subject>}. */
    String issuer();

    /**
     * Every user's direct group memberships, by subject, with the provider's group names; a user in no group may be
     * absent.
     *
     * @throws GroupDirectoryUnavailableException when the directory cannot be read
     */
    Map<String, SortedSet<String>> groupsBySubject();
}
