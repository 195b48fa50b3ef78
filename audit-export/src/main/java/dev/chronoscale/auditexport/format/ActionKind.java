package dev.chronoscale.auditexport.format;

/** The verb at the end of an action ({@code node.registered} -> CREATION), which SIEM schemas want as a category. */
enum ActionKind {
    CREATION, DELETION, CHANGE, ACCESS;

    static ActionKind of(String action) {
        String verb = action.substring(action.indexOf('.') + 1);
        if (verb.equals("created") || verb.equals("registered")) {
            return CREATION;
        }
        if (verb.equals("deleted")) {
            return DELETION;
        }
        if (verb.equals("used") || verb.equals("connected") || verb.equals("disconnected")) {
            return ACCESS;
        }
        return CHANGE;
    }
}
