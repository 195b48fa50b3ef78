package dev.chronoscale.admin.login;

import dev.chronoscale.admin.principal.Principal;

/**
 * Sends a person through the identity provider and calls back with who they are: the device login uses it (purpose
 * {@code register}, the auth id as reference), and so can anything else that needs a person to prove who they are
 * again (an SSH check). The trip is stored, so the provider's callback may reach any instance.
 */
public interface ProviderReauthentication {

    /** What happens when a trip for one purpose comes back verified. */
    @FunctionalInterface
    interface Completion {
        /**
         * The person was verified for {@code reference}; {@code person} is their principal (for the audit context of
         * what follows). The page returned is what their browser shows.
         */
        LoginPage verified(String reference, VerifiedLogin login, Principal person);
    }

    /** Registers what a verified trip for {@code purpose} leads to; once per purpose, when the server is put together. */
    void onVerified(String purpose, Completion completion);

    /** Opens a trip for {@code purpose} and {@code reference}; the answer is where to send the person's browser. */
    BrowserRedirect begin(String purpose, String reference);

    /** Where the browser goes, with the cookie that binds the callback to it. */
    record BrowserRedirect(String location, String cookie) {
    }
}
