package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Requests to a server's public port as the console's pages send them: with its cookie, CSRF token and reason. */
final class ConsoleCalls {

    static final String COOKIE = "chronoscale_console";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile(COOKIE + "=([^;]*)");

    record Answer(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The console cookie this answer sets, whole, if it sets one. */
        Optional<String> setCookie() {
            return headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst();
        }

        /** The token in the console cookie this answer sets. */
        String token() {
            Matcher matcher = TOKEN.matcher(setCookie().orElseThrow(() -> new AssertionError("no console cookie: " + this)));
            if (!matcher.find()) {
                throw new AssertionError("no token in " + setCookie());
            }
            return matcher.group(1);
        }
    }

    /** A logged-in console: its cookie's token and the CSRF token its pages got. */
    record Session(String token, String csrfToken) {
    }

    private final int port;
    private final String origin;

    private ConsoleCalls(int port, String origin) {
        this.port = port;
        this.origin = origin;
    }

    /** Sending the {@code Origin} of the server's {@code server_url}, as a browser on its pages does. */
    static ConsoleCalls of(RunningServer server) {
        URI url = URI.create(server.config.serverUrl());
        return new ConsoleCalls(server.bean(ServerLifecycle.class).boundAddress().getPort(),
                url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()));
    }

    String origin() {
        return origin;
    }

    Answer logIn(String apiKey) throws IOException, InterruptedException {
        return send("POST", "/console/session", "{\"apiKey\":\"" + apiKey + "\"}", Map.of());
    }

    Session session(String apiKey) throws IOException, InterruptedException {
        Answer login = logIn(apiKey);
        if (login.status() != 200) {
            throw new AssertionError("console login answered " + login.status() + ": " + login.body());
        }
        return new Session(login.token(), login.json().get("csrfToken").asText());
    }

    /** A request with the session's cookie and, for a change, its CSRF token, as the console's pages send it. */
    Answer asConsole(Session session, String method, String path, String body) throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", COOKIE + "=" + session.token());
        if (!List.of("GET", "HEAD").contains(method)) {
            headers.put("X-CSRF-Token", session.csrfToken());
            headers.put("Origin", origin());
        }
        return send(method, path, body, headers);
    }

    Answer withCookie(String token, String method, String path, String body, Map<String, String> more)
            throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>(more);
        headers.put("Cookie", COOKIE + "=" + token);
        return send(method, path, body, headers);
    }

    /** The status of a request that may start an endless stream, which is closed at once (a 200's body is not read). */
    static int statusOfStream(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    /** Each on a connection of its own, so that one answer's closed connection does not fail the next request. */
    Answer send(String method, String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            if (path.startsWith("/api/v1/events/stream")) {
                return new Answer(statusOfStream(http, request.build()), HttpHeaders.of(Map.of(), (a, b) -> true), "");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        }
    }
}
