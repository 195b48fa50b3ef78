package dev.chronoscale.admin.console;

/**
 * The cookie that holds a console session's token, the only place the browser keeps it: {@code HttpOnly} (no script
 * reads it), {@code SameSite=Strict} (no other site's page sends it), and {@code Secure} when the server is https.
 * It has no {@code Max-Age}: the server decides when the session ends.
 */
public final class ConsoleCookie {

    public static final String NAME = "chronoscale_console";

    private ConsoleCookie() {
    }

    static String carrying(String token, ConsoleSettings settings) {
        return NAME + "=" + token + attributes(settings);
    }

    static String cleared(ConsoleSettings settings) {
        return NAME + "=; Max-Age=0" + attributes(settings);
    }

    private static String attributes(ConsoleSettings settings) {
        return "; Path=/; HttpOnly; SameSite=Strict" + (settings.secureCookie() ? "; Secure" : "");
    }
}
