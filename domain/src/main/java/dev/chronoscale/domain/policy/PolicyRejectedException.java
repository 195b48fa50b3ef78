package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.DomainException;

/** The policy text failed validation or its own tests; the policy in force is unchanged. */
public class PolicyRejectedException extends DomainException {
    public PolicyRejectedException(String reason) {
        super(Kind.INVALID, "policy rejected: " + reason);
    }
}
