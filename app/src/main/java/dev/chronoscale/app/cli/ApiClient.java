package dev.chronoscale.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Talks to a running server's REST API: over the local unix socket (no key needed, the socket's file
 * permissions decide), or over HTTP(S) with an API key.
 */
public sealed interface ApiClient {

    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Sends the request; streamed replies are handed to {@code lines} line by line as they arrive. */
    Response send(String method, String path, Optional<String> jsonBody, Optional<String> reason,
                  Consumer<String> lines) throws IOException, InterruptedException;

    /** A reply whose body is bytes as they came (a report's PDF or zip), not lines of text. */
    record Binary(int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A GET whose answer is kept as bytes. */
    Binary fetch(String path, Optional<String> reason) throws IOException, InterruptedException;

    default Response send(String method, String path, Optional<String> jsonBody, Optional<String> reason)
            throws IOException, InterruptedException {
        return send(method, path, jsonBody, reason, line -> {
        });
    }

    /**
     * Over HTTP(S). {@code connectTimeout} is {@code cli.timeout}: it bounds connecting, not the answer, which for a
     * report or a rebuild may take minutes. {@code insecure} is {@code cli.insecure}: no certificate or host name check.
     */
    record Remote(URI base, String apiKey, Duration connectTimeout, boolean insecure) implements ApiClient {

        @Override
        public String toString() {
            return "Remote[" + base + "]";
        }

        private HttpClient http() {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
            if (insecure) {
                builder.sslContext(TrustEverything.context());
            }
            return builder.build();
        }

        @Override
        public Binary fetch(String path, Optional<String> reason) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                    .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + apiKey).GET();
            reason.ifPresent(r -> request.header("X-Chronoscale-Reason", r));
            try (HttpClient client = http()) {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Binary(response.statusCode(), response.body());
            }
        }

        @Override
        public Response send(String method, String path, Optional<String> jsonBody, Optional<String> reason,
                             Consumer<String> lines) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                    .timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .method(method, jsonBody.map(HttpRequest.BodyPublishers::ofString)
                            .orElse(HttpRequest.BodyPublishers.noBody()));
            reason.ifPresent(r -> request.header("X-Chronoscale-Reason", r));
            try (HttpClient client = http()) {
                HttpResponse<java.util.stream.Stream<String>> response =
                        client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                StringBuilder body = new StringBuilder();
                response.body().forEach(line -> {
                    lines.accept(line);
                    body.append(line).append('\n');
                });
                return new Response(response.statusCode(), body.toString().stripTrailing());
            }
        }
    }

    record Local(Path socket) implements ApiClient {
        @Override
        public Binary fetch(String path, Optional<String> reason) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] status = {0};
            exchange("GET", path, Optional.empty(), reason, in -> {
                Head head = head(in);
                status[0] = head.status();
                if (!head.chunked()) {
                    body.writeBytes(head.length() >= 0 ? in.readNBytes(head.length()) : in.readAllBytes());
                    return null;
                }
                for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                    body.writeBytes(in.readNBytes(size));
                    readLine(in);
                }
                return null;
            });
            return new Binary(status[0], body.toByteArray());
        }

        @Override
        public Response send(String method, String path, Optional<String> jsonBody, Optional<String> reason,
                             Consumer<String> lines) throws IOException {
            return exchange(method, path, jsonBody, reason, in -> read(in, lines));
        }

        private interface Reader<T> {
            T read(InputStream in) throws IOException;
        }

        private record Head(int status, boolean chunked, int length) {
        }

        private <T> T exchange(String method, String path, Optional<String> jsonBody, Optional<String> reason,
                               Reader<T> reader) throws IOException {
            if (!Files.exists(socket)) {
                throw new IOException("no server socket at " + socket + ": is `chronoscale serve` running? "
                        + "(or use --address and --api-key)");
            }
            byte[] body = jsonBody.orElse("").getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            reason.ifPresent(r -> head.append("X-Chronoscale-Reason: ").append(r.replaceAll("[\\r\\n]", " ")).append("\r\n"));
            head.append("\r\n");
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                try {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                } catch (IOException e) {
                    throw new IOException("cannot connect to " + socket + " (" + e.getMessage()
                            + "): is the server running, and may this user use the socket?", e);
                }
                channel.write(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.UTF_8)));
                channel.write(ByteBuffer.wrap(body));
                return reader.read(Channels.newInputStream(channel));
            }
        }

        private static int chunkSize(InputStream in) throws IOException {
            return Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
        }

        private static Head head(InputStream in) throws IOException {
            String statusLine = readLine(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2) {
                throw new IOException("malformed response from server: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            boolean chunked = false;
            int length = -1;
            for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                String lower = header.toLowerCase();
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(header.indexOf(':') + 1).trim());
                }
            }
            return new Head(status, chunked, length);
        }

        private static Response read(InputStream in, Consumer<String> lines) throws IOException {
            Head head = head(in);
            int status = head.status();
            if (!head.chunked()) {
                byte[] body = head.length() >= 0 ? in.readNBytes(head.length()) : in.readAllBytes();
                return new Response(status, new String(body, StandardCharsets.UTF_8));
            }
            StringBuilder all = new StringBuilder();
            StringBuilder pending = new StringBuilder();
            while (true) {
                int size = chunkSize(in);
                if (size == 0) {
                    break;
                }
                pending.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                readLine(in);
                int newline;
                while ((newline = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, newline);
                    pending.delete(0, newline + 1);
                    lines.accept(line);
                    all.append(line).append('\n');
                }
            }
            return new Response(status, all.toString().stripTrailing());
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
            }
            if (b == -1 && line.size() == 0) {
                throw new IOException("the server closed the connection without an answer");
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }
}
