package dev.chronoscale.auditexport.sinks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The HTTP client the HTTP sinks share: one POST, its status and body; non-2xx is a failed delivery. */
public final class HttpPoster implements AutoCloseable {

    /** The receiver answered, but not with success. The body is cut short and never holds our credentials. */
    public static final class RejectedException extends IOException {
        public RejectedException(URI uri, int status, String body) {
            super(withoutCredentials(uri) + " answered " + status + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    /** Scheme, host, port and path only: user info and query strings may hold credentials. */
    static String withoutCredentials(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Answer(int status, String body) {
    }

    public Answer post(URI uri, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    public Answer postExpectingSuccess(URI uri, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        Answer answer = post(uri, headers, body);
        if (answer.status() < 200 || answer.status() > 299) {
            throw new RejectedException(uri, answer.status(), answer.body());
        }
        return answer;
    }

    @Override
    public void close() {
        client.close();
    }
}
