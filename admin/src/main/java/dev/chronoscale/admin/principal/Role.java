package dev.chronoscale.admin.principal;

/** What a principal may do. */
public enum Role {
    /** Everything the admin API offers. */
    ADMIN
}
