package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/events/stream} over real HTTP: a record made after the stream opened arrives as a server-sent
 * event shaped as the audit log's entry, a stream resumes after {@code Last-Event-ID} or {@code ?after=}, a caller may
 * hold four at once, and a stream the client left frees its place. A console session may follow it too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamTest {

    /** How long an expected event may take: the audit chain follows the event store about once a second. */
    private static final int WAIT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private RunningServer server;
    private String key;
    private int port;

    record Event(String id, String event, JsonNode data) {
    }

    /**
     * An open stream on a socket of its own, read on a thread of its own into a queue of events; closing it closes the
     * connection, as a browser tab that goes away does.
     */
    final class OpenStream implements AutoCloseable {
        final int status;
        final Map<String, String> headers = new java.util.HashMap<>();
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Socket socket;
        private final DataInputStream in;

        OpenStream(String path, Map<String, String> requestHeaders) throws IOException {
            socket = new Socket("127.0.0.1", port);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            requestHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            in = new DataInputStream(socket.getInputStream());
            status = Integer.parseInt(line().split(" ")[1]);
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).toLowerCase(java.util.Locale.ROOT), header.substring(colon + 1).trim());
            }
            if (status == 200) {
                Thread.ofVirtual().start(this::read);
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException();
                }
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** The chunked body's text, as server-sent events. */
        private void read() {
            try {
                StringBuilder text = new StringBuilder();
                while (true) {
                    int size = Integer.parseInt(line().trim(), 16);
                    if (size == 0) {
                        return;
                    }
                    byte[] chunk = new byte[size];
                    in.readFully(chunk);
                    line();
                    text.append(new String(chunk, StandardCharsets.UTF_8));
                    for (int end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n")) {
                        parse(text.substring(0, end));
                        text.delete(0, end + 2);
                    }
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        }

        private void parse(String block) throws IOException {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (event != null) {
                events.add(new Event(id, event, JSON.readTree(data.toString())));
            }
        }

        /** The next audit event whose action is {@code action}, skipping others. */
        Event next(String action) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < until) {
                Event event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && event.data().path("action").asText().equals(action)) {
                    return event;
                }
            }
            throw new AssertionError("no " + action + " event arrived");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-events");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\ndatabase:\n  type: h2\n");
        port = server.bean(ServerLifecycle.class).boundAddress().getPort();
        CliRun created = server.cli("apikeys", "create", "--expiration", "1d", "--role", "auditor");
        assertThat(created.status()).as(created.err()).isZero();
        key = created.out().trim();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    private OpenStream open(Map<String, String> headers) throws Exception {
        return open("/api/v1/events/stream", headers);
    }

    private OpenStream open(String path, Map<String, String> headers) throws Exception {
        java.util.Map<String, String> withKey = new java.util.HashMap<>(headers);
        withKey.putIfAbsent("Authorization", "Bearer " + key);
        return opened(path, withKey);
    }

    /**
     * A stream, once the caller has a place for it: the server frees the place of a stream another test closed when it
     * next looks at that stream's connection, a moment after.
     */
    private OpenStream opened(String path, Map<String, String> headers) throws Exception {
        for (int attempt = 0; ; attempt++) {
            OpenStream stream = new OpenStream(path, headers);
            if (stream.status != 429 || attempt == WAIT_SECONDS * 4) {
                return stream;
            }
            stream.close();
            Thread.sleep(250);
        }
    }

    @Test
    void aRecordMadeAfterTheStreamOpenedArrivesAsTheAuditLogShowsIt() throws Exception {
        assertThat(server.cli("users", "create", "before-the-stream").status()).isZero();
        try (OpenStream stream = open(Map.of())) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.headers).containsEntry("content-type", "text/event-stream").containsEntry("cache-control", "no-store");
            assertThat(server.cli("users", "create", "after-the-stream").status()).isZero();
            Event event = stream.next("user.created");
            assertThat(event.event()).isEqualTo("audit");
            assertThat(event.data().get("target").get("name").asText()).as("only what came after the opening")
                    .isEqualTo("after-the-stream");
            JsonNode logged = server.send("GET", "/api/v1/audit/log?action=user.created&after="
                    + (Long.parseLong(event.id()) - 1) + "&limit=1", null, Optional.of(key)).json().get("records").get(0);
            assertThat(event.data()).isEqualTo(logged);
            assertThat(event.data().get("chain").get("position").asText()).isEqualTo(event.id());
        }
    }

    @Test
    void aStreamResumesAfterLastEventIdOrAfter() throws Exception {
        assertThat(server.cli("users", "create", "resume-one").status()).isZero();
        assertThat(server.cli("users", "create", "resume-two").status()).isZero();
        JsonNode records = server.send("GET", "/api/v1/audit/log?action=user.created&limit=1000", null, Optional.of(key))
                .json().get("records");
        long one = -1;
        long two = -1;
        for (JsonNode record : records) {
            String name = record.get("target").get("name").asText();
            long position = record.get("chain").get("position").asLong();
            one = name.equals("resume-one") ? position : one;
            two = name.equals("resume-two") ? position : two;
        }
        assertThat(one).isPositive();
        try (OpenStream resumed = open(Map.of("Last-Event-ID", Long.toString(one)))) {
            Event next = resumed.next("user.created");
            assertThat(next.data().get("target").get("name").asText()).isEqualTo("resume-two");
            assertThat(next.id()).isEqualTo(Long.toString(two));
        }
        try (OpenStream resumed = open("/api/v1/events/stream?after=" + (one - 1), Map.of())) {
            assertThat(resumed.next("user.created").data().get("target").get("name").asText()).isEqualTo("resume-one");
        }
        try (OpenStream bad = open(Map.of("Last-Event-ID", "yesterday"))) {
            assertThat(bad.status).isEqualTo(400);
        }
    }

    @Test
    void aCallerHoldsFourStreamsAndOneItLeftIsFreedAgain() throws Exception {
        List<OpenStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                streams.add(open(Map.of()));
                assertThat(streams.getLast().status).isEqualTo(200);
            }
            try (OpenStream fifth = new OpenStream("/api/v1/events/stream", Map.of("Authorization", "Bearer " + key))) {
                assertThat(fifth.status).isEqualTo(429);
                assertThat(fifth.headers).containsEntry("content-type", "application/problem+json");
            }
            streams.removeFirst().close();
            try (OpenStream again = open(Map.of())) {
                assertThat(again.status).as("a place freed by the stream its client closed").isEqualTo(200);
            }
        } finally {
            for (OpenStream stream : streams) {
                stream.close();
            }
        }
        try (OpenStream anonymous = new OpenStream("/api/v1/events/stream", Map.of())) {
            assertThat(anonymous.status).isEqualTo(401);
        }
    }

    @Test
    void aConsoleSessionFollowsTheStream() throws Exception {
        ConsoleCalls.Session session = ConsoleCalls.of(server).session(key);
        try (OpenStream stream = opened("/api/v1/events/stream", Map.of("Cookie", "chronoscale_console=" + session.token()))) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(server.cli("users", "create", "seen-by-the-console").status()).isZero();
            assertThat(stream.next("user.created").data().get("target").get("name").asText()).isEqualTo("seen-by-the-console");
        }
    }
}
