package dev.chronoscale.tools.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The heap of a server under test, read from its Prometheus metrics (ours: {@code metrics_listen_addr},
 * path {@code /metrics}): bytes in use across the heap pools now, and the live data the last full
 * collection left, which is what the tailnet itself holds.
 */
public final class ServerHeap {

    private final URI metrics;

    public ServerHeap(URI metrics) {
        this.metrics = metrics;
    }

    /** One reading; "unavailable (...)" when the endpoint cannot be read, so a benchmark's figures still print. */
    public String read() {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "unavailable (HTTP " + response.statusCode() + " from " + metrics + ")";
            }
            return describe(response.body()).orElse("unavailable (no jvm_memory_used_bytes in " + metrics + ")");
        } catch (IOException e) {
            return "unavailable (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable (interrupted)";
        }
    }

    /** Summarises Prometheus text exposition; empty when it has no heap figures. */
    static Optional<String> describe(String exposition) {
        double used = 0;
        boolean found = false;
        OptionalDouble live = OptionalDouble.empty();
        for (String line : exposition.lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += value(line);
                found = true;
            } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                live = OptionalDouble.of(value(line));
            }
        }
        if (!found) {
            return Optional.empty();
        }
        String text = String.format("%d MiB in use", mebibytes(used));
        if (live.isPresent() && live.getAsDouble() > 0) {
            text += String.format(", %d MiB live after the last full collection", mebibytes(live.getAsDouble()));
        }
        return Optional.of(text);
    }

    private static double value(String line) {
        String[] parts = line.trim().split("\\s+");
        return Double.parseDouble(parts[parts.length - 1]);
    }

    private static long mebibytes(double bytes) {
        return Math.round(bytes / (1 << 20));
    }
}
