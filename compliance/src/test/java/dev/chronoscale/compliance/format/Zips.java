package dev.chronoscale.compliance.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A zip's entries by name in archive order, as read from the start or as its central directory lists them, a zip of
 * such entries, and a zip whose directory says other than its entries: to look into a CSV archive and rebuild it.
 */
final class Zips {

    private Zips() {
    }

    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /**
     * The entries as {@link ZipFile} reads them, from the central directory at the end of the file, as unzip,
     * spreadsheets and file managers do.
     */
    static Map<String, byte[]> directory(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            Path file = Files.createTempFile("zips", ".zip");
            try {
                Files.write(file, zip);
                try (ZipFile in = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
                    for (ZipEntry entry : Collections.list(in.entries())) {
                        try (InputStream bytes = in.getInputStream(entry)) {
                            entries.put(entry.getName(), bytes.readAllBytes());
                        }
                    }
                }
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int DIRECTORY_HEADER = 0x02014b50;
    private static final int DIRECTORY_END = 0x06054b50;
    private static final int UTF8_NAMES = 0x0800;

    /**
     * The zip with a stored entry of {@code bytes} appended after its central directory, then a new directory in which
     * {@code name} points at that entry (in its place if the old directory lists it, else last), the others where they
     * were. Like a tool updating an archive in place: a reader from the start reads the old entries and stops at the
     * old directory; {@link ZipFile}, unzip and spreadsheets read the new one.
     */
    static byte[] repointed(byte[] zip, String name, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = TestFiles.lastIndexOf(zip, "PK\u0005\u0006");
        int count = Short.toUnsignedInt(in.getShort(end + 10));
        int directoryAt = in.getInt(end + 16);
        byte[] rawName = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        int entryAt = end;

        ByteBuffer entry = ByteBuffer.allocate(30 + rawName.length + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        entry.putInt(LOCAL_HEADER).putShort((short) 20).putShort((short) UTF8_NAMES).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue()).putInt(bytes.length)
                .putInt(bytes.length).putShort((short) rawName.length).putShort((short) 0).put(rawName).put(bytes);
        ByteBuffer record = ByteBuffer.allocate(46 + rawName.length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(DIRECTORY_HEADER).putShort((short) 20).putShort((short) 20).putShort((short) UTF8_NAMES)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue())
                .putInt(bytes.length).putInt(bytes.length).putShort((short) rawName.length).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(entryAt).put(rawName);

        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        boolean listed = false;
        for (int i = 0, at = directoryAt; i < count; i++) {
            if (in.getInt(at) != DIRECTORY_HEADER) {
                throw new IllegalArgumentException("no directory record at " + at);
            }
            int length = 46 + Short.toUnsignedInt(in.getShort(at + 28)) + Short.toUnsignedInt(in.getShort(at + 30))
                    + Short.toUnsignedInt(in.getShort(at + 32));
            byte[] recordName = Arrays.copyOfRange(zip, at + 46, at + 46 + Short.toUnsignedInt(in.getShort(at + 28)));
            if (Arrays.equals(recordName, rawName)) {
                directory.writeBytes(record.array());
                listed = true;
            } else {
                directory.write(zip, at, length);
            }
            at += length;
        }
        if (!listed) {
            directory.writeBytes(record.array());
        }
        int entries = listed ? count : count + 1;
        ByteBuffer directoryEnd = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        directoryEnd.putInt(DIRECTORY_END).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                .putShort((short) entries).putInt(directory.size()).putInt(entryAt + entry.capacity()).putShort((short) 0);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(zip, 0, end);
        out.writeBytes(entry.array());
        out.writeBytes(directory.toByteArray());
        out.writeBytes(directoryEnd.array());
        return out.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String text(Map<String, byte[]> entries, String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new AssertionError("the archive has no " + name + ", only " + entries.keySet());
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
