package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** {@code tailcfg.RegisterRequest}, the body of {@code POST /machine/register}. */
public record RegisterRequest(
        @JsonProperty("Version") int version,
        @JsonProperty("NodeKey") String nodeKey,
        @JsonProperty("OldNodeKey") String oldNodeKey,
        @JsonProperty("NLKey") String nlKey,
        @JsonProperty("Auth") Auth auth,
        @JsonProperty("Expiry") Instant expiry,
        @JsonProperty("Followup") String followup,
        @JsonProperty("Hostinfo") Hostinfo hostinfo,
        @JsonProperty("Ephemeral") boolean ephemeral) {

    /** {@code tailcfg.RegisterResponseAuth}: how the client proves it may join. */
    public record Auth(@JsonProperty("AuthKey") String authKey) {
    }

    public boolean hasAuthKey() {
        return auth != null && auth.authKey() != null && !auth.authKey().isBlank();
    }

    public boolean hasFollowup() {
        return followup != null && !followup.isBlank();
    }

    /** Zero keys ({@code nodekey:000…}) mean "none", as in Go. */
    public boolean isRotating() {
        return oldNodeKey != null && !oldNodeKey.isBlank() && !oldNodeKey.matches("nodekey:0{64}")
                && !oldNodeKey.equals(nodeKey);
    }

    /** Logout: the client asks for an expiry in the past. */
    public boolean isLogout(Instant now) {
        return !TailcfgJson.isZero(expiry) && !expiry.isAfter(now);
    }

    public String hostname() {
        return hostinfo == null || hostinfo.hostname() == null ? "" : hostinfo.hostname();
    }
}
