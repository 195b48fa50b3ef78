package dev.chronoscale.domain.policy;

import java.util.List;

/**
 * Runs a policy's {@code tests} and {@code sshTests}. Tailscale evaluates them against the tailnet's devices,
 * so the runner lives where the nodes are (the netmap compiler); the domain only sees the verdict.
 */
@FunctionalInterface
public interface PolicyTestRunner {

    /** One line per failed assertion; empty when every test passes. */
    List<String> failures(Policy policy);

    /** Returns normally when every test passes; otherwise throws, listing each failure on its own line. */
    default void requirePassing(Policy policy) throws InvalidPolicyException {
        List<String> failures = failures(policy);
        if (!failures.isEmpty()) {
            throw new InvalidPolicyException("test(s) failed:\n" + String.join("\n", failures));
        }
    }
}
