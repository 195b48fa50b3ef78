package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException;

import java.util.regex.Pattern;

/** The rule for user names: what a login, an email or a plain handle can look like, and nothing that breaks CLI tables or URLs. */
public final class UserNames {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@+-]*");
    static final int MAX_LENGTH = 255;

    private UserNames() {
    }

    public static String validate(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("user name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw DomainException.invalid("user name is longer than " + MAX_LENGTH + " characters");
        }
        if (!VALID.matcher(name).matches()) {
            throw DomainException.invalid("user name '" + name
                    + "' is invalid: use letters, digits and . _ @ + - , starting with a letter or digit");
        }
        return name;
    }
}
