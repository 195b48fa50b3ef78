package dev.chronoscale.domain.policy;

import java.util.List;

/**
 * Runs a policy's {@code tests} and {@code sshTests}. Tailscale evaluates them against the tailnet's devices,
 * so the runner lives where the node inventory is (the netmap compiler); the domain only sees the verdict.
 */
@FunctionalInterface
public interface PolicyTestRunner {

    /** Does nothing: for callers that have no tailnet to evaluate against yet. */
    PolicyTestRunner NONE = policy -> List.of();

    /** One line per failed assertion; empty when every test passes. */
    List<String> failures(Policy policy);
}
