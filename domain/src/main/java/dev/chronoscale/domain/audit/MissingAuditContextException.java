package dev.chronoscale.domain.audit;

/** A command was dispatched without saying who caused it; such a command must never become an event. */
public class MissingAuditContextException extends IllegalStateException {
    public MissingAuditContextException(String commandName) {
        super("command " + commandName + " carries no audit context (actorType/actorId metadata)");
    }
}
