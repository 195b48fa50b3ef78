package dev.chronoscale.domain.preauthkey;

import dev.chronoscale.domain.DomainException;

/** A pre-auth key that exists but may not be used (expired or already consumed). */
public class PreAuthKeyRefusedException extends DomainException {
    public PreAuthKeyRefusedException(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
