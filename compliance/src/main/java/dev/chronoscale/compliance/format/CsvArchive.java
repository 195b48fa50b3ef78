package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.ReportTable;
import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A zip of CSV files (RFC 4180, UTF-8, CRLF): {@code report.csv} (the header), {@code summary.csv}, one file per table,
 * then {@code MANIFEST.sha256} (each file's SHA-256, in {@code sha256sum} format, so {@code sha256sum -c} checks
 * them) and {@code EVIDENCE.json}, whose digest is the manifest's. Entries carry a fixed time, so the same report
 * gives the same bytes.
 */
final class CsvArchive {

    static final String MANIFEST = "MANIFEST.sha256";
    static final String EVIDENCE = "EVIDENCE.json";
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private CsvArchive() {
    }

    /** The CSV files of the report, by name, in archive order. */
    static Map<String, byte[]> files(Report report, String contentDigest, String publicKey) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        ReportHeader header = report.header();
        StringBuilder about = new StringBuilder();
        line(about, List.of("field", "value"));
        line(about, List.of("schema", ContentJson.SCHEMA));
        line(about, List.of("kind", header.kind()));
        line(about, List.of("title", header.title()));
        line(about, List.of("tailnet", header.tailnet()));
        line(about, List.of("from", header.from().map(Object::toString).orElse("")));
        line(about, List.of("to", header.to().toString()));
        line(about, List.of("server", header.server()));
        line(about, List.of("version", header.version()));
        line(about, List.of("chain position", String.valueOf(header.chainPosition())));
        line(about, List.of("chain hash", header.chainHash()));
        line(about, List.of("content sha256", contentDigest));
        line(about, List.of("signing key", publicKey));
        header.sortedParameters().forEach((name, value) -> line(about, List.of("parameter " + name, value)));
        files.put("report.csv", bytes(about));
        StringBuilder summary = new StringBuilder();
        line(summary, List.of("figure", "value"));
        report.summary().forEach(f -> line(summary, List.of(f.label(), f.value())));
        files.put("summary.csv", bytes(summary));
        for (ReportTable table : report.tables()) {
            StringBuilder csv = new StringBuilder();
            line(csv, table.columns());
            table.rows().forEach(row -> line(csv, row));
            files.put(table.name() + ".csv", bytes(csv));
        }
        return files;
    }

    static byte[] manifest(Map<String, byte[]> files) {
        StringBuilder manifest = new StringBuilder();
        files.forEach((name, bytes) -> manifest.append(Digests.sha256(bytes)).append("  ").append(name).append('\n'));
        return bytes(manifest);
    }

    static byte[] write(Map<String, byte[]> files, byte[] manifest, Evidence evidence) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                entry(zip, file.getKey(), file.getValue());
            }
            entry(zip, MANIFEST, manifest);
            entry(zip, EVIDENCE, (evidence.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Optional<SignedFile> read(byte[] archive) {
        Optional<Map<String, byte[]>> streamed = entriesInOrder(archive);
        if (streamed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, byte[]> entries = new LinkedHashMap<>(streamed.get());
        List<String> problems = new ArrayList<>();
        if (!sameEntries(entries, entriesOfDirectory(archive))) {
            problems.add("the archive's central directory and its entries read from the start differ (in files, order or "
                    + "content): tools that read one or the other would show different content");
        }
        byte[] manifest = entries.remove(MANIFEST);
        byte[] evidenceJson = entries.remove(EVIDENCE);
        if (manifest == null || evidenceJson == null) {
            return Optional.empty();
        }
        problems.addAll(manifestProblems(new String(manifest, StandardCharsets.UTF_8), entries));
        return Evidence.parse(new String(evidenceJson, StandardCharsets.UTF_8))
                .map(evidence -> new SignedFile(ReportFormat.CSV, Digests.sha256(manifest), evidence, problems));
    }

    /** The entries as a reader from the start of the file finds them; empty for a damaged archive or a repeated name. */
    private static Optional<Map<String, byte[]>> entriesInOrder(byte[] archive) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entries.put(entry.getName(), zip.readAllBytes()) != null) {
                    return Optional.empty();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(entries);
    }

    /**
     * The entries as the central directory at the end of the file names them, which is what unzip, spreadsheets and
     * file managers read; empty when there is no readable directory.
     */
    private static Optional<Map<String, byte[]>> entriesOfDirectory(byte[] archive) {
        Path file;
        try {
            file = Files.createTempFile("chronoscale-report", ".zip");
            Files.write(file, archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary copy of the archive to read its directory", e);
        }
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    if (entries.put(entry.getName(), in.readAllBytes()) != null) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(entries);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is the system's to clean
            }
        }
    }

    private static boolean sameEntries(Map<String, byte[]> streamed, Optional<Map<String, byte[]>> directory) {
        if (directory.isEmpty() || !List.copyOf(streamed.keySet()).equals(List.copyOf(directory.get().keySet()))) {
            return false;
        }
        return streamed.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), directory.get().get(e.getKey())));
    }

    /** Every file listed with its digest, and no file that is not listed. */
    private static List<String> manifestProblems(String manifest, Map<String, byte[]> entries) {
        List<String> problems = new ArrayList<>();
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : manifest.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (gap != 64) {
                problems.add("the manifest has a line that is not 'SHA256  NAME': " + line);
                continue;
            }
            listed.put(line.substring(gap + 2), line.substring(0, gap));
        }
        listed.forEach((name, digest) -> {
            byte[] bytes = entries.get(name);
            if (bytes == null) {
                problems.add(name + " is in the manifest but not in the archive");
            } else if (!Digests.sha256(bytes).equals(digest)) {
                problems.add(name + " does not match its digest in the manifest");
            }
        });
        entries.keySet().stream().filter(name -> !listed.containsKey(name))
                .forEach(name -> problems.add(name + " is in the archive but not in the manifest"));
        return problems;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * RFC 4180 quoting; a cell a spreadsheet would take for a formula ({@code =}, {@code +}, {@code @}, a tab, a
     * {@code -} that does not start a number) is quoted with a leading apostrophe, so opening the file runs nothing.
     */
    static String cell(String value) {
        boolean formula = !value.isEmpty() && ("=+@\t\r".indexOf(value.charAt(0)) >= 0
                || value.charAt(0) == '-' && !NUMBER.matcher(value).matches());
        String safe = formula ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r") || !safe.equals(value)) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static byte[] bytes(StringBuilder text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
