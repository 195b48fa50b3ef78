package dev.chronoscale.auditexport.sinks.file;

import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditSink;
import dev.chronoscale.auditexport.format.RecordFormat;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One JSON document per line, appended and forced to disk before the batch counts as delivered.
 * When the file would grow past {@code maxBytes} it is renamed to {@code <file>.1} (older ones shift
 * to .2, .3 ...) and at most {@code maxFiles} rotated files are kept.
 */
public final class JsonLinesFileSink implements AuditSink {

    private final Path file;
    private final RecordFormat format;
    private final long maxBytes;
    private final int maxFiles;

    public JsonLinesFileSink(Path file, RecordFormat format, long maxBytes, int maxFiles) {
        this.file = file;
        this.format = format;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public void deliver(List<ChainedRecord> records) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        StringBuilder text = new StringBuilder();
        long size = Files.exists(file) ? Files.size(file) : 0;
        for (ChainedRecord link : records) {
            String line = CanonicalJson.write(format.render(link)) + "\n";
            long lineBytes = line.getBytes(StandardCharsets.UTF_8).length;
            if (size > 0 && size + lineBytes > maxBytes) {
                write(text);
                text.setLength(0);
                rotate();
                size = 0;
            }
            text.append(line);
            size += lineBytes;
        }
        write(text);
    }

    private void write(CharSequence text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    private void rotate() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        Files.deleteIfExists(rotated(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (maxFiles >= 1) {
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
    }

    private Path rotated(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }
}
