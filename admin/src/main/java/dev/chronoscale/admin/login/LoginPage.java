package dev.chronoscale.admin.login;

import java.util.Optional;

/**
 * What a person's browser is shown at the end of a login: a status, a heading and a sentence, nothing more; or, for a
 * login that continues elsewhere (the web console), where the browser goes next and the cookie it takes along.
 */
public record LoginPage(int status, String title, String message, Optional<ProviderReauthentication.BrowserRedirect> redirect) {

    public LoginPage(int status, String title, String message) {
        this(status, title, message, Optional.empty());
    }

    public static LoginPage redirect(ProviderReauthentication.BrowserRedirect to) {
        return new LoginPage(302, "Logged in", "Continue at " + to.location(), Optional.of(to));
    }
}
