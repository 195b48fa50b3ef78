package dev.chronoscale.app.cli;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.history.PointInTime;
import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** {@code --at T} on a read command: show what the command would have shown at that instant, from the log. */
final class AtInstant {

    @Option(names = "--at", paramLabel = "T", description = "Show it as it was at this instant: RFC 3339"
            + " (2026-03-03T14:00:00Z, or with an offset) or a time before now (-90m, -2h, -7d).")
    String text;

    /** Resolved once, so a relative instant means the same moment for the request and for what is printed. */
    private Instant resolved;

    /** The instant asked for, against this machine's clock; empty for now. */
    Optional<Instant> instant() {
        if (text != null && resolved == null) {
            resolved = parse("--at", text);
        }
        return Optional.ofNullable(resolved);
    }

    /** The instant against which expiry is judged: the one asked for, or now. */
    Instant judgedAt() {
        return instant().orElseGet(Instant::now);
    }

    /** {@code path} with {@code at=} added to its query when an instant was asked for. */
    String on(String path) {
        return instant().map(at -> on(path, at)).orElse(path);
    }

    /** {@code path} with {@code at=} added to its query. */
    static String on(String path, Instant at) {
        return path + (path.contains("?") ? "&" : "?") + "at=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }

    /** An instant as history reads them, given to {@code option}; a clear error names the option. */
    static Instant parse(String option, String text) {
        try {
            return PointInTime.parse(text, Instant.now());
        } catch (DomainException e) {
            throw new CliFailure(option + " " + e.getMessage());
        }
    }

    /**
     * Adds {@code parameter=} the instant {@code text} names (resolved here, so that a relative one means one moment)
     * to a query, when the option was given.
     */
    static void addIfGiven(java.util.List<String> query, String parameter, String option, String text) {
        if (text != null) {
            query.add(parameter + "=" + URLEncoder.encode(parse(option, text).toString(), StandardCharsets.UTF_8));
        }
    }
}
