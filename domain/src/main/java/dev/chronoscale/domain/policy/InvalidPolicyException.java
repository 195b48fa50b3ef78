package dev.chronoscale.domain.policy;

/** A policy text that Tailscale would refuse; the message names what is wrong and where. */
public class InvalidPolicyException extends Exception {

    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
