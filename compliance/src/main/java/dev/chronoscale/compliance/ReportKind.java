package dev.chronoscale.compliance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The reports there are, by the name the CLI and the API use; each covers an instant or a period. */
public enum ReportKind {
    ACCESS_REVIEW("access-review", "Access review", Covers.INSTANT),
    ACCESS_CHANGES("access-changes", "Access changes", Covers.PERIOD),
    KEYS("keys", "Keys", Covers.INSTANT),
    ROUTES("routes", "Subnet routes and exit nodes", Covers.PERIOD),
    DEVICES("devices", "Devices", Covers.INSTANT),
    ADMIN_ACTIVITY("admin-activity", "Administrative activity", Covers.PERIOD);

    /** Whether a report is asked for {@code --at} an instant or {@code --from} and {@code --to}. */
    public enum Covers { INSTANT, PERIOD }

    private final String id;
    private final String title;
    private final Covers covers;

    ReportKind(String id, String title, Covers covers) {
        this.id = id;
        this.title = title;
        this.covers = covers;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Covers covers() {
        return covers;
    }

    public static Optional<ReportKind> byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }
}
