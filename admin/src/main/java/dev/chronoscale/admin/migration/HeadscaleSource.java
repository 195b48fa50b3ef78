package dev.chronoscale.admin.migration;

import dev.chronoscale.domain.DomainException;
import org.sqlite.SQLiteConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a Headscale database is: {@code sqlite:PATH} (a path on the server's machine) or a PostgreSQL URL,
 * {@code postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=...}. Opened read-only. {@link #name()} is how the
 * source is recorded in the audit trail: the password is never part of it.
 */
public record HeadscaleSource(String jdbcUrl, Properties credentials, String name) {

    public static HeadscaleSource parse(String from) {
        if (from == null || from.isBlank()) {
            throw DomainException.invalid("from is required: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        if (from.startsWith("sqlite:")) {
            Path path = Path.of(from.substring("sqlite:".length())).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw DomainException.invalid("no readable SQLite database at " + path + " (on the server's machine)");
            }
            return new HeadscaleSource("jdbc:sqlite:" + path, new Properties(), "headscale sqlite:" + path);
        }
        if (from.startsWith("postgres://") || from.startsWith("postgresql://")) {
            return postgres(from);
        }
        throw DomainException.invalid("from '" + from.replaceAll("//[^@/]*@", "//…@")
                + "' is neither sqlite:PATH nor postgres://USER:PASSWORD@HOST:PORT/DATABASE");
    }

    private static HeadscaleSource postgres(String from) {
        URI uri;
        try {
            uri = new URI(from);
        } catch (URISyntaxException e) {
            throw DomainException.invalid("the PostgreSQL URL is malformed: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw DomainException.invalid("the PostgreSQL URL needs a host and a database: postgres://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        Properties credentials = new Properties();
        String user = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            credentials.setProperty("user", parts[0]);
            if (parts.length > 1) {
                credentials.setProperty("password", parts[1]);
            }
        }
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String url = "jdbc:postgresql://" + hostPort + uri.getPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new HeadscaleSource(url, credentials,
                "headscale postgres://" + (user == null ? "" : user + "@") + hostPort + uri.getPath());
    }

    public Connection open() {
        try {
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                return config.createConnection(jdbcUrl);
            }
            Connection connection = DriverManager.getConnection(jdbcUrl, credentials);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            throw DomainException.invalid("cannot open " + name + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
