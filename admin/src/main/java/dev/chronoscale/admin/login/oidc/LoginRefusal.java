package dev.chronoscale.admin.login.oidc;

import java.util.Optional;

/**
 * A login that may not go on, with the reason recorded ({@code reason}, a short code listed in docs/identity.md),
 * the HTTP status and the sentence the person is shown. {@code subject} is the verified person, when known.
 */
public final class LoginRefusal extends RuntimeException {

    private final String reason;
    private final int status;
    private final Optional<String> subject;

    public LoginRefusal(String reason, int status, String message) {
        this(reason, status, message, Optional.empty());
    }

    public LoginRefusal(String reason, int status, String message, Optional<String> subject) {
        super(message, null, false, false);
        this.reason = reason;
        this.status = status;
        this.subject = subject;
    }

    public String reason() {
        return reason;
    }

    public int status() {
        return status;
    }

    public Optional<String> subject() {
        return subject;
    }

    LoginRefusal about(String verifiedSubject) {
        return new LoginRefusal(reason, status, getMessage(), Optional.of(verifiedSubject));
    }
}
