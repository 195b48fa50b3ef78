package dev.chronoscale.app.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

import java.time.Instant;

/**
 * {@code log.format: json}: one JSON object per line with the field names of Headscale's JSON logs (zerolog's
 * {@code level}, {@code time}, {@code message}, {@code error}), so that what parses Headscale's logs parses ours.
 */
public final class ZerologJsonFormat implements StructuredLogFormatter<ILoggingEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format(ILoggingEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("level", level(event.getLevel()));
        line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("logger", event.getLoggerName());
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.put("error", error.getMessage() == null ? error.getClassName() : error.getMessage());
        }
        line.put("message", event.getFormattedMessage());
        try {
            return JSON.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String level(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "error";
            case Level.WARN_INT -> "warn";
            case Level.INFO_INT -> "info";
            case Level.DEBUG_INT -> "debug";
            default -> "trace";
        };
    }
}
