package dev.chronoscale.netmap;

/** A user as netmaps show it (Tailscale's UserProfile); {@code profilePicUrl} is null when the user has no picture. */
public record NetmapUser(long id, String name, String displayName, String email, String profilePicUrl) {

    public NetmapUser(long id, String name, String displayName, String email) {
        this(id, name, displayName, email, null);
    }

    /** What clients show as the user's login: the e-mail address when known, else the name. */
    public String loginName() {
        return email == null || email.isBlank() ? name : email;
    }

    public String shownName() {
        return displayName == null || displayName.isBlank() ? name : displayName;
    }
}
