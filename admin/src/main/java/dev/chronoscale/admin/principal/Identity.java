package dev.chronoscale.admin.principal;

/** Who is calling, once login has decided. */
public sealed interface Identity {

    /** An admin API key, known by its prefix (the secret is never kept). */
    record ApiKey(String prefix) implements Identity {
    }

    /** An operating-system user talking to the CLI socket; the socket's file permissions admitted them. */
    record LocalCliUser(String name) implements Identity {
    }

    /**
     * A person the OIDC provider vouched for in this request's login: {@code subject} is their provider identifier
     * ({@code iss/sub}, Headscale's form), the identity every event they cause carries.
     */
    record OidcUser(String subject) implements Identity {
    }

    /** No credential, or one that did not log in. */
    record Anonymous() implements Identity {
    }
}
