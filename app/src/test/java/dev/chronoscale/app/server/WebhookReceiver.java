package dev.chronoscale.app.server;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** An in-test webhook endpoint that records what it accepts and can be made to fail (503) on demand. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String idempotencyKey, String timestamp, String signature, String body) {
    }

    final List<Delivery> accepted = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = down.get() ? 503 : 204;
            if (!down.get()) {
                accepted.add(new Delivery(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("X-Chronoscale-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Chronoscale-Signature"),
                        new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Idempotency keys in arrival order, repeats (allowed by at-least-once) removed. */
    List<String> keysInOrder() {
        return accepted.stream().map(Delivery::idempotencyKey).distinct().toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
