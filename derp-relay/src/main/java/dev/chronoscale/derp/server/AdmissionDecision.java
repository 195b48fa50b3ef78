package dev.chronoscale.derp.server;

/** Answer of a {@link ClientAdmission}; {@code reason} is logged when a node is refused. */
public record AdmissionDecision(boolean allowed, String reason) {
    public static AdmissionDecision allow() {
        return new AdmissionDecision(true, "");
    }

    public static AdmissionDecision deny(String reason) {
        return new AdmissionDecision(false, reason);
    }
}
