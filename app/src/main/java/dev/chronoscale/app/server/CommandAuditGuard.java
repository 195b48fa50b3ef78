package dev.chronoscale.app.server;

import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.audit.MissingAuditContextException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/** Refuses any command that does not say who caused it, so no event is ever written without its actor. */
final class CommandAuditGuard {

    CommandAuditGuard(CommandBus commandBus) {
        MessageHandlerInterceptor<CommandMessage<?>> guard = (unitOfWork, chain) -> {
            CommandMessage<?> command = unitOfWork.getMessage();
            if (AuditContext.fromMetadata(command.getMetaData()).isEmpty()) {
                throw new MissingAuditContextException(command.getCommandName());
            }
            return chain.proceed();
        };
        commandBus.registerHandlerInterceptor(guard);
    }
}
