package dev.chronoscale.admin.principal;

/** Who is calling, once login has decided. OIDC users will join this set. */
public sealed interface Identity {

    /** An admin API key, known by its prefix (the secret is never kept). */
    record ApiKey(String prefix) implements Identity {
    }

    /** An operating-system user talking to the CLI socket; the socket's file permissions admitted them. */
    record LocalCliUser(String name) implements Identity {
    }

    /** No credential, or one that did not log in. */
    record Anonymous() implements Identity {
    }
}
