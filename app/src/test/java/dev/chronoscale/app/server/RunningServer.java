package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.app.config.ConfigLoader;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A real server started from a real config file, with an HTTP client for its public port. */
final class RunningServer implements AutoCloseable {

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    final Path configFile;
    final ChronoscaleConfig config;
    private final ConfigurableApplicationContext context;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningServer(Path configFile, ChronoscaleConfig config, ConfigurableApplicationContext context) {
        this.configFile = configFile;
        this.config = config;
        this.context = context;
        var bound = context.getBean(ServerLifecycle.class).boundAddress();
        this.base = URI.create("http://127.0.0.1:" + bound.getPort() + "/");
    }

    /**
     * Writes {@code yaml} as the config file in {@code dir} and starts a server from it. The embedded relay's
     * STUN server takes a free port rather than 3478, which something else on the machine may hold.
     */
    static RunningServer start(Path dir, String yaml) throws IOException {
        return start(dir, yaml, Map.of());
    }

    /** As {@link #start(Path, String)}, with {@code env} as the server's environment. */
    static RunningServer start(Path dir, String yaml, Map<String, String> env) throws IOException {
        return start(dir, yaml, env, Optional.empty());
    }

    /** As {@link #start(Path, String, Map)}, with the server on {@code clock} when given. */
    static RunningServer start(Path dir, String yaml, Map<String, String> env, Optional<java.time.Clock> clock)
            throws IOException {
        Path file = dir.resolve("chronoscale.yaml");
        Files.writeString(file, yaml);
        Map<String, String> withStun = new java.util.HashMap<>(env);
        withStun.put("CHRONOSCALE_DERP_SERVER_STUN_LISTEN_ADDR", "127.0.0.1:0");
        ChronoscaleConfig config = ConfigLoader.load(Optional.of(file), withStun, warning -> { });
        Files.createDirectories(config.dataDir());
        return new RunningServer(file, config, ChronoscaleServer.start(config, clock));
    }

    /** Runs the CLI against this server, finding it through the same config file. */
    CliRun cli(String... args) {
        String[] withConfig = java.util.Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = configFile.toString();
        return CliRun.of(withConfig);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    Reply send(String method, String path, String body, Optional<String> apiKey) throws IOException, InterruptedException {
        return send(method, path, body, apiKey, Optional.empty());
    }

    /** As {@link #send(String, String, String, Optional)}, with the reason the CLI's --reason sends. */
    Reply send(String method, String path, String body, Optional<String> apiKey, Optional<String> reason)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        reason.ifPresent(why -> request.header("X-Chronoscale-Reason", why));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** A request with exactly these headers (and those every HTTP client adds: Host, Content-Length), as a tool sends it. */
    Reply request(String method, String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** A GET whose answer is kept as bytes (a report's PDF or zip). */
    byte[] fetch(String path, String apiKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path.substring(1))).header("Authorization", "Bearer " + apiKey)
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    @Override
    public void close() {
        context.close();
        http.close();
    }
}
