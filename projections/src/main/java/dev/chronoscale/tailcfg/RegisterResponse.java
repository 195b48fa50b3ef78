package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * {@code tailcfg.RegisterResponse}. Go writes every field (none is {@code omitempty}); a non-empty
 * {@code Error} is a failure the client shows its user, a non-empty {@code AuthURL} a login to finish.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RegisterResponse(
        @JsonProperty("User") User user,
        @JsonProperty("Login") Login login,
        @JsonProperty("NodeKeyExpired") boolean nodeKeyExpired,
        @JsonProperty("MachineAuthorized") boolean machineAuthorized,
        @JsonProperty("AuthURL") String authUrl,
        @JsonProperty("NodeKeySignature") String nodeKeySignature,
        @JsonProperty("Error") String error) {

    /** {@code tailcfg.User}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record User(@JsonProperty("ID") long id, @JsonProperty("DisplayName") String displayName,
                       @JsonProperty("ProfilePicURL") String profilePicUrl, @JsonProperty("Created") Instant created) {
    }

    /** {@code tailcfg.Login}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Login(@JsonProperty("ID") long id, @JsonProperty("Provider") String provider,
                        @JsonProperty("LoginName") String loginName, @JsonProperty("DisplayName") String displayName,
                        @JsonProperty("ProfilePicURL") String profilePicUrl) {
    }

    private static final User NO_USER = new User(0, "", "", TailcfgJson.GO_ZERO_TIME);
    private static final Login NO_LOGIN = new Login(0, "", "", "", "");

    public static RegisterResponse authorized(User user, Login login) {
        return new RegisterResponse(user, login, false, true, "", null, "");
    }

    /**
     * Registered, but waiting for an administrator's approval (device approval): the client goes on to its map
     * stream, where its own node says the same until the approval comes.
     */
    public static RegisterResponse awaitingApproval(User user, Login login) {
        return new RegisterResponse(user, login, false, false, "", null, "");
    }

    public static RegisterResponse loginAt(String authUrl) {
        return new RegisterResponse(NO_USER, NO_LOGIN, false, false, authUrl, null, "");
    }

    public static RegisterResponse keyExpired() {
        return new RegisterResponse(NO_USER, NO_LOGIN, true, false, "", null, "");
    }

    public static RegisterResponse failed(String error) {
        return new RegisterResponse(NO_USER, NO_LOGIN, false, false, "", null, error);
    }
}
