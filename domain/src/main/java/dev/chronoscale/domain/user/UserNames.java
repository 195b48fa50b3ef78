package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException;

import java.util.regex.Pattern;

/**
 * The rule for user names, Headscale's: at least two characters, starting with a letter, then letters,
 * digits, {@code - . _ +} and at most one {@code @}. Nothing that breaks CLI tables or URLs.
 */
public final class UserNames {

    private static final Pattern VALID = Pattern.compile("\\p{L}[\\p{L}\\p{N}._@+-]+");
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
        if (name.length() < 2) {
            throw DomainException.invalid("user name '" + name + "' is invalid: it must be at least 2 characters long");
        }
        if (!VALID.matcher(name).matches() || name.indexOf('@') != name.lastIndexOf('@')) {
            throw DomainException.invalid("user name '" + name
                    + "' is invalid: start with a letter, then use letters, digits, . _ + - and at most one @");
        }
        return name;
    }
}
