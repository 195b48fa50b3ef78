package dev.chronoscale.admin.login;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Names the operating-system user behind a unix-socket peer's uid, for the audit record. */
final class LocalUsers {
    private LocalUsers() {
    }

    static String nameOf(int uid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/etc/passwd"));
            for (String line : lines) {
                String[] fields = line.split(":");
                if (fields.length > 2 && fields[2].equals(Integer.toString(uid))) {
                    return fields[0];
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through to the numeric form
        }
        return "uid:" + uid;
    }
}
