package dev.chronoscale.domain.policy;

/** {@code accept} lets the session in; {@code check} first asks the user to re-authenticate. */
public enum SshAction {
    ACCEPT, CHECK
}
