package dev.chronoscale.admin.groups;

/** The identity provider's directory could not be read; the message names where and why, never a secret. */
public final class GroupDirectoryUnavailableException extends RuntimeException {

    public GroupDirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
