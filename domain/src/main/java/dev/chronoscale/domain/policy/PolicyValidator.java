package dev.chronoscale.domain.policy;

/**
 * Decides whether a policy text (Tailscale's HuJSON policy language) may be put in force.
 * Implementations parse and validate; the policy's own tests need the tailnet's devices and are run
 * before the command is sent ({@link PolicyTestRunner}).
 */
@FunctionalInterface
public interface PolicyValidator {

    /** Returns normally when the policy is acceptable; otherwise throws with a reason a person can act on. */
    void validate(String policyText) throws InvalidPolicyException;
}
