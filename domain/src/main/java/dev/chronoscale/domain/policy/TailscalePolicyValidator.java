package dev.chronoscale.domain.policy;

import java.util.List;

/**
 * Accepts a policy text when it parses, validates as Tailscale validates, and its own tests pass.
 *
 * <p>Tests are evaluated against the tailnet's devices, which the domain does not hold: wire the projections'
 * {@code PolicyTestEvaluator} (netmap compiler plus node inventory) as the {@link PolicyTestRunner}. With
 * {@link PolicyTestRunner#NONE} only parsing and validation happen.
 */
public final class TailscalePolicyValidator implements PolicyValidator {

    private final PolicyParser parser;
    private final PolicyTestRunner testRunner;

    public TailscalePolicyValidator(PolicyParser parser, PolicyTestRunner testRunner) {
        this.parser = parser;
        this.testRunner = testRunner;
    }

    @Override
    public void validate(String policyText) throws InvalidPolicyException {
        check(policyText);
    }

    /** Validates and returns the parsed policy, so callers that go on to compile it parse only once. */
    public Policy check(String policyText) throws InvalidPolicyException {
        Policy policy = parser.parse(policyText);
        List<String> failures = testRunner.failures(policy);
        if (!failures.isEmpty()) {
            throw new InvalidPolicyException("test(s) failed:\n" + String.join("\n", failures));
        }
        return policy;
    }
}
