package dev.chronoscale.gateway.sshcheck;

/**
 * The seam the OIDC login calls once a person re-authenticated at a check's page: approves the check when the
 * person is the one the check asks for (the owner of the SSH session's source node), refuses it otherwise.
 */
public interface SshCheckDecisions {

    /**
     * A person as the identity provider vouched for them just now: {@code userId} is the tailnet user their
     * {@code issuer} and {@code subject} belong to (the OIDC login matches them), the subject is the actor recorded.
     */
    record VerifiedPerson(long userId, String issuer, String subject) {
    }

    /**
     * Approves the pending check {@code checkId} for {@code person}.
     *
     * @throws dev.chronoscale.domain.DomainException NOT_FOUND for no such check, CONFLICT when it was already
     *         decided, FORBIDDEN when the person does not own the source node (or it is tagged, owned by no person)
     */
    SshCheck approve(String checkId, VerifiedPerson person);
}
