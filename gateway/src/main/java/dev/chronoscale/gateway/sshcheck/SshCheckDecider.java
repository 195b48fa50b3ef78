package dev.chronoscale.gateway.sshcheck;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.DecideSshCheck;
import dev.chronoscale.gateway.command.AuditedCommandSender;

import java.time.Clock;
import java.util.Optional;

/**
 * Decides pending SSH checks: an administrator approves or rejects any, a person approves their own
 * ({@link SshCheckDecisions}). Each decision is a {@code SshCheckApproved} or {@code SshCheckRejected} event of the
 * destination node with the decider as actor, then the stored check's verdict the held client is answered from.
 */
public final class SshCheckDecider implements SshCheckDecisions {

    private final SshChecks checks;
    private final AuditedCommandSender commands;
    private final SshCheckWakeUps wakeUps;
    private final Clock clock;

    public SshCheckDecider(SshChecks checks, AuditedCommandSender commands, SshCheckWakeUps wakeUps, Clock clock) {
        this.checks = checks;
        this.commands = commands;
        this.wakeUps = wakeUps;
        this.clock = clock;
    }

    /** An administrator's decision; {@code by} is their audit context. */
    public SshCheck decide(String checkId, boolean approved, AuditContext by) {
        return record(pending(checkId), approved, by);
    }

    @Override
    public SshCheck approve(String checkId, VerifiedPerson person) {
        SshCheck check = pending(checkId);
        if (check.sourceUserId().isEmpty()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "SSH check " + checkId
                    + " is for a session from a tagged node, which no person owns: an administrator decides it");
        }
        if (check.sourceUserId().get() != person.userId()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "SSH check " + checkId
                    + " asks for the owner of the session's source node; you logged in as someone else");
        }
        return record(check, true, new AuditContext(ActorType.OIDC, person.subject(), Optional.empty(),
                Optional.of("re-authenticated for SSH check")));
    }

    private SshCheck pending(String checkId) {
        if (!SshChecks.isCheckId(checkId)) {
            throw DomainException.invalid("invalid SSH check id: expected hskey-authreq- followed by 24 characters");
        }
        SshCheck check = checks.find(checkId).orElseThrow(() -> DomainException.notFound("no SSH check " + checkId));
        if (!check.isPending()) {
            throw DomainException.conflict("SSH check " + checkId + " was already "
                    + (check.decision().get().approved() ? "approved" : "rejected"));
        }
        return check;
    }

    /**
     * The stored verdict is claimed first, so that of two deciders at the same moment only one records an event;
     * if the event cannot be recorded, the claim is given back and the check stays pending.
     */
    private SshCheck record(SshCheck check, boolean approved, AuditContext by) {
        if (!checks.decide(check.id(), approved, clock.instant(), by.actorType() + " " + by.actorId())) {
            throw DomainException.conflict("SSH check " + check.id() + " was decided by someone else at the same moment");
        }
        try {
            commands.send(new DecideSshCheck(check.destinationNodeId(), check.id(), check.sourceNodeId(), check.sshUser(),
                    check.localUser(), approved, check.checkPeriod().toSeconds()), by, "node " + check.destinationNodeId());
        } catch (RuntimeException failure) {
            checks.undecide(check.id());
            throw failure;
        }
        wakeUps.decided();
        return checks.find(check.id()).orElseThrow();
    }
}
