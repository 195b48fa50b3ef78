package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code tailcfg.UserProfile}. */
public record UserProfile(
        @JsonProperty("ID") long id,
        @JsonProperty("LoginName") String loginName,
        @JsonProperty("DisplayName") String displayName,
        @JsonProperty("ProfilePicURL") String profilePicUrl) {
}
