package dev.chronoscale.app.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person's browser does in a login, scripted: it keeps cookies, follows redirects one by one
 * (so a test sees every hop), and fills in and submits an HTML login form as it is served (Keycloak's
 * {@code kc-form-login}, with its hidden fields).
 */
final class ScriptedBrowser {

    /** One page the browser ended on: its URL, status and body. */
    record Page(URI url, int status, String body) {
    }

    private static final int MAX_REDIRECTS = 20;
    private static final Pattern FORM = Pattern.compile("<form[^>]*\\baction=\"([^\"]+)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    // Cookies by host, kept by hand: java.net.CookieManager drops the Secure and SameSite=None cookies an
    // identity provider sets on plain http, which a browser talking to localhost keeps.
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The value of the cookie {@code name} this browser holds for {@code host}. */
    java.util.Optional<String> cookie(String host, String name) {
        return java.util.Optional.ofNullable(cookies.getOrDefault(host, Map.of()).get(name));
    }

    /** Opens {@code url} and follows its redirects to the page they end on. */
    Page open(URI url) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(url).GET());
    }

    /**
     * Opens {@code url} (a login URL the client printed), logs in on the identity provider's form as
     * {@code username} with {@code password}, and follows redirects to the page the login ends on.
     */
    Page logIn(URI url, String username, String password) throws IOException, InterruptedException {
        Page form = open(url);
        if (form.status() != 200 || !form.body().contains("password")) {
            throw new AssertionError("expected a login form at " + form.url() + ", got " + form.status() + ": " + form.body());
        }
        return submit(form, Map.of("username", username, "password", password));
    }

    /** Submits the first form of {@code page} with its hidden fields and {@code fields}, and follows redirects. */
    Page submit(Page page, Map<String, String> fields) throws IOException, InterruptedException {
        Matcher form = FORM.matcher(page.body());
        if (!form.find()) {
            throw new AssertionError("no form on " + page.url() + ": " + page.body());
        }
        URI action = page.url().resolve(unescape(form.group(1)));
        Map<String, String> values = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.group(2));
        while (hidden.find()) {
            values.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
        }
        values.putAll(fields);
        String body = values.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page follow(HttpRequest.Builder first) throws IOException, InterruptedException {
        HttpRequest.Builder next = first;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = withCookies(next.timeout(Duration.ofSeconds(30))).build();
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            keepCookies(request.uri(), reply);
            int status = reply.statusCode();
            var location = reply.headers().firstValue("Location");
            if (status / 100 != 3 || location.isEmpty()) {
                return new Page(request.uri(), status, reply.body());
            }
            next = HttpRequest.newBuilder(request.uri().resolve(location.get())).GET();
        }
        throw new AssertionError("more than " + MAX_REDIRECTS + " redirects from " + first.build().uri());
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
        URI uri = request.build().uri();
        Map<String, String> jar = cookies.getOrDefault(uri.getHost(), Map.of());
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private void keepCookies(URI uri, HttpResponse<String> reply) {
        Map<String, String> jar = cookies.computeIfAbsent(uri.getHost(), host -> new LinkedHashMap<>());
        for (String header : reply.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&#61;", "=");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
