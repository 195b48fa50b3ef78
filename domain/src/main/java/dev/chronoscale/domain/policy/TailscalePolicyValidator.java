package dev.chronoscale.domain.policy;

/**
 * Accepts a policy text when it parses and validates as Tailscale validates.
 *
 * <p>The policy's own tests are not run here: they are evaluated against the tailnet's devices, which the
 * domain does not hold. The service that sets the policy runs them (a {@link PolicyTestRunner}) before it
 * sends the command.
 */
public final class TailscalePolicyValidator implements PolicyValidator {

    private final PolicyParser parser;

    public TailscalePolicyValidator(PolicyParser parser) {
        this.parser = parser;
    }

    @Override
    public void validate(String policyText) throws InvalidPolicyException {
        check(policyText);
    }

    /** Validates and returns the parsed policy, so callers that go on to test or compile it parse only once. */
    public Policy check(String policyText) throws InvalidPolicyException {
        return parser.parse(policyText);
    }
}
