package dev.chronoscale.compliance.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats a report is written in, with the file extension and media type each is served with. */
public enum ReportFormat {
    JSON("json", "application/json"),
    CSV("zip", "application/zip"),
    HTML("html", "text/html; charset=utf-8"),
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String mediaType;

    ReportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ReportFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }
}
