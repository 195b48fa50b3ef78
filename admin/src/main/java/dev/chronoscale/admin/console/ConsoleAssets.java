package dev.chronoscale.admin.console;

import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's front end, a Vite build in a classpath folder ({@code console/} in the jar): {@code /console/<file>}
 * is that file; a path without an extension is a page of the console's own routing ({@code /console/machines/12}) and
 * gets {@code index.html}; a file that is not there is 404. A path is only ever looked up when each of its segments is
 * a plain name, so nothing outside the folder can be named. The files hold no data; data needs a session.
 */
final class ConsoleAssets {

    static final String ROOT = "/console";
    private static final String INDEX = "index.html";
    private static final String ASSETS = "assets/";
    /** A segment is a plain name: no {@code ..}, no dot file, no percent sign, no backslash. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_~@+-][A-Za-z0-9._~@+-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"),
            Map.entry("ttf", "font/ttf"));

    private final String folder;
    private final ClassLoader loader;
    /** The build in the jar does not change while the server runs. */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /** {@code folder}: the classpath folder of the build, {@code console} in the jar. */
    ConsoleAssets(String folder, ClassLoader loader) {
        this.folder = folder;
        this.loader = loader;
    }

    List<HttpRoute<Principal>> routes() {
        return List.of(
                new HttpRoute<>(HttpMethod.GET, ROOT, "Console: to /console/", (request, caller) ->
                        HttpReply.redirect(ROOT + "/", List.of())),
                new HttpRoute<>(HttpMethod.GET, ROOT + "/{path...}", "Console: the web console's pages and files", this::serve));
    }

    private HttpReply serve(HttpRequestContext request, Principal caller) {
        String path = request.pathParameter("path");
        List<String> segments = List.of(path.split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            boolean trailingSlash = i == segments.size() - 1 && segments.get(i).isEmpty();
            if (!trailingSlash && !SEGMENT.matcher(segments.get(i)).matches()) {
                throw new ErrorReplies.BadRequestException("not a path of the console: " + request.path());
            }
        }
        String last = segments.getLast();
        int dot = last.lastIndexOf('.');
        if (dot < 0) {
            return index();
        }
        String extension = last.substring(dot + 1).toLowerCase(Locale.ROOT);
        return file(path).map(bytes -> reply(bytes, extension, cacheControl(path)))
                .orElseGet(() -> ErrorReplies.notFound(request.path()));
    }

    private HttpReply index() {
        return file(INDEX).map(bytes -> reply(bytes, "html", "no-store"))
                .orElseGet(() -> HttpReply.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "The web console was not built "
                        + "into this server: its jar has no console/index.html. Build it with the front end (see "
                        + "docs/console.md); the REST API and the CLI work without it.\n"));
    }

    private static String cacheControl(String path) {
        if (path.equals(INDEX)) {
            return "no-store";
        }
        // Vite names every file under assets/ by its content's hash: a changed file is a new name.
        return path.startsWith(ASSETS) ? "public, max-age=31536000, immutable" : "no-cache";
    }

    private static HttpReply reply(byte[] bytes, String extension, String cacheControl) {
        return new HttpReply.Whole(HttpResponseStatus.OK, TYPES.getOrDefault(extension, "application/octet-stream"), bytes,
                Map.of("Cache-Control", List.of(cacheControl)));
    }

    private Optional<byte[]> file(String path) {
        byte[] cached = files.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        URL url = loader.getResource(folder + "/" + path);
        if (url == null || isDirectory(url)) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            files.put(path, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + path, e);
        }
    }

    private static boolean isDirectory(URL url) {
        try {
            return url.getProtocol().equals("file") && Files.isDirectory(Path.of(url.toURI()));
        } catch (java.net.URISyntaxException e) {
            return true;
        }
    }
}
