package dev.chronoscale.admin.console;

import java.util.Arrays;

/** How a console session was opened: with an API key, or through the OIDC provider. */
public enum LoginMethod {
    APIKEY("apikey"),
    OIDC("oidc");

    private final String wireName;

    LoginMethod(String wireName) {
        this.wireName = wireName;
    }

    /** As the session's JSON and its stored row say it. */
    public String wireName() {
        return wireName;
    }

    static LoginMethod parse(String wireName) {
        return Arrays.stream(values()).filter(method -> method.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown console login method " + wireName));
    }
}
