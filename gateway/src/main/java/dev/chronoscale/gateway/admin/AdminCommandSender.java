package dev.chronoscale.gateway.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** Sends a command with its audit context and turns the failure modes into {@link DomainException}s. */
public final class AdminCommandSender {

    private final CommandGateway commands;

    public AdminCommandSender(CommandGateway commands) {
        this.commands = commands;
    }

    public void send(Object command, AuditContext audit, String whatIfMissing) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit.toMetadata()));
        } catch (AggregateNotFoundException e) {
            throw DomainException.notFound(whatIfMissing + " not found");
        } catch (CommandExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
