package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.DomainException;

import java.nio.charset.StandardCharsets;

/**
 * What a policy text must be before it is worth parsing: present, and no larger than any hand-written
 * policy. The aggregate refuses such texts; so does the service that runs the policy's tests first, with
 * the same reason. An empty text is Headscale's empty policy (see {@link PolicyParser#parse}).
 */
public final class PolicyTextLimits {

    /** Larger than any hand-written policy; keeps one event from filling the store. */
    public static final int MAX_BYTES = 1024 * 1024;

    private PolicyTextLimits() {
    }

    public static void check(String text) {
        if (text == null) {
            throw DomainException.invalid("the policy is missing");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DomainException.invalid("the policy is larger than " + MAX_BYTES + " bytes");
        }
    }
}
