package dev.chronoscale.auditexport.sinks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-test HTTP server that records every request and answers with what {@code answer} decides;
 * it can refuse the next N requests with 503 to play an outage.
 */
final class HttpReceiver implements AutoCloseable {

    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    record Answer(int status, String body) {
    }

    final List<Request> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final HttpServer server;

    HttpReceiver(Function<Request, Answer> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(exchange, answer));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void refuseNext(int requests) {
        refuseNext.set(requests);
    }

    private void handle(HttpExchange exchange, Function<Request, Answer> answer) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Answer reply;
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            reply = new Answer(503, "{\"text\":\"Server is busy\"}");
        } else {
            reply = answer.apply(request);
            if (reply.status() < 300) {
                accepted.add(request);
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
