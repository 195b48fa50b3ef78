package dev.chronoscale.netmap.inventory;

import java.util.Locale;

/** A person in the tailnet. Policies name users by login ({@code name}) or e-mail. */
public record TailnetUser(long id, String name, String email) {

    public boolean isNamedBy(String login) {
        return login.equalsIgnoreCase(email) || login.equalsIgnoreCase(name);
    }

    /** The e-mail domain, lower case; empty when the user has no e-mail. */
    public String domain() {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    public String localPart() {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
