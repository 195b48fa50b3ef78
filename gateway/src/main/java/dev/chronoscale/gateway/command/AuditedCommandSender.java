package dev.chronoscale.gateway.command;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

/** Sends a command with its audit context and turns the failure modes into {@link DomainException}s. */
public final class AuditedCommandSender {

    private final CommandGateway commands;

    public AuditedCommandSender(CommandGateway commands) {
        this.commands = commands;
    }

    public void send(Object command, AuditContext audit, String whatIfMissing) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit.toMetadata()));
        } catch (RuntimeException failure) {
            throw translate(failure instanceof CommandExecutionException && failure.getCause() instanceof RuntimeException cause
                    ? cause : failure, whatIfMissing);
        }
    }

    private static RuntimeException translate(RuntimeException failure, String subject) {
        if (failure instanceof ConcurrencyException) {
            return DomainException.conflict(subject + " was changed by someone else at the same moment; try again");
        }
        if (failure instanceof AggregateNotFoundException) {
            return DomainException.notFound(subject + " not found");
        }
        return failure;
    }
}
