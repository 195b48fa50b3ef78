package dev.chronoscale.admin.console;

import dev.chronoscale.admin.api.PermittedRoute;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.GatewayHttpServer;
import dev.chronoscale.gateway.http.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's files over real HTTP from a real listener, out of a small build under src/test/resources/console:
 * the files by their type and caching, index.html for the console's own routes, 404 for a missing file, nothing
 * outside the folder whatever the path says, the security headers on every answer, and a sentence when no build is
 * in the jar. Requests are written by hand on a socket, so that no client tidies a path up before the server sees it.
 */
class ConsoleAssetsTest {

    private final List<GatewayHttpServer> servers = new ArrayList<>();

    record Answer(int status, Map<String, String> headers, String body) {
    }

    @AfterEach
    void stop() {
        servers.forEach(GatewayHttpServer::close);
    }

    private int serving(String folder) throws InterruptedException {
        List<dev.chronoscale.gateway.http.HttpRoute<Principal>> routes = new ArrayList<>();
        new ConsoleAssets(folder, getClass().getClassLoader()).routes()
                .forEach(route -> routes.add(PermittedRoute.needs(Permission.PUBLIC, ConsoleHeaders.on(route))));
        Router<Principal> router = new Router<>(routes);
        GatewayHttpServer server = new GatewayHttpServer(request -> router.serve(request, Principal.anonymous(request.remoteAddress())));
        servers.add(server);
        return server.listen(new InetSocketAddress("127.0.0.1", 0)).getPort();
    }

    private static Answer get(int port, String rawPath) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = whole.indexOf("\r\n\r\n");
            String[] head = whole.substring(0, split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, whole.substring(split + 4));
        }
    }

    private static void hasTheSecurityHeaders(Answer answer) {
        assertThat(answer.headers()).containsEntry("content-security-policy", "default-src 'self'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
                        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("referrer-policy", "no-referrer")
                .containsEntry("x-frame-options", "DENY");
    }

    @Test
    void theBuildsFilesAreServedWithTheirTypeAndCaching() throws Exception {
        int port = serving("console");
        Answer root = get(port, "/console");
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.headers()).containsEntry("location", "/console/");
        hasTheSecurityHeaders(root);

        Answer index = get(port, "/console/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.headers()).containsEntry("content-type", "text/html; charset=utf-8").containsEntry("cache-control", "no-store");
        assertThat(index.body()).contains("<cs-app></cs-app>");
        hasTheSecurityHeaders(index);

        Answer script = get(port, "/console/assets/index-Dk3s9aQ1.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers()).containsEntry("content-type", "text/javascript; charset=utf-8")
                .containsEntry("cache-control", "public, max-age=31536000, immutable");
        assertThat(script.body()).contains("test fixture of the console build");
        hasTheSecurityHeaders(script);

        assertThat(get(port, "/console/assets/logo-9f8e7d.svg").headers()).containsEntry("content-type", "image/svg+xml");
        Answer robots = get(port, "/console/robots.txt");
        assertThat(robots.headers()).containsEntry("content-type", "text/plain; charset=utf-8").containsEntry("cache-control", "no-cache");
    }

    @Test
    void aPathWithoutAnExtensionIsTheConsolesOwnRouteAndAMissingFileIs404() throws Exception {
        int port = serving("console");
        for (String route : List.of("/console/machines", "/console/machines/12", "/console/policy/", "/console/index")) {
            Answer page = get(port, route);
            assertThat(page.status()).as(route).isEqualTo(200);
            assertThat(page.body()).as(route).contains("<cs-app></cs-app>");
            assertThat(page.headers()).containsEntry("cache-control", "no-store");
        }
        Answer missing = get(port, "/console/assets/gone-1234.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("cs-app");
        hasTheSecurityHeaders(missing);
        assertThat(get(port, "/console/assets").status()).as("the folder is no file: a console route").isEqualTo(200);
    }

    @Test
    void nothingOutsideTheFolderCanBeNamed() throws Exception {
        int port = serving("console");
        // On the test classpath beside console/: this module's own migration, and this class.
        String outside = "db/migration/common/V400__console_session.sql";
        for (String path : List.of("/console/../" + outside, "/console/%2e%2e/" + outside, "/console/%2E%2E%2F" + outside,
                "/console/assets/..%2f..%2f" + outside, "/console/assets/%252e%252e/%252e%252e/" + outside,
                "/console//" + outside, "/console/assets\\..\\..\\" + outside, "/console/.%2e/" + outside,
                "/console/%00/index.html", "/console/./index.html", "/console/..",
                "/console/../dev/chronoscale/admin/console/ConsoleAssetsTest.class")) {
            Answer answer = get(port, path);
            assertThat(answer.status()).as(path).isIn(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("CREATE TABLE").doesNotContain("cs-app");
            hasTheSecurityHeaders(answer);
        }
    }

    @Test
    void withoutABuildTheConsoleSaysSoInASentence() throws Exception {
        int port = serving("no-console-build-here");
        Answer page = get(port, "/console/machines/12");
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.headers().get("content-type")).startsWith("text/plain");
        assertThat(page.body()).startsWith("The web console was not built into this server");
        hasTheSecurityHeaders(page);
        assertThat(get(port, "/console/assets/index-Dk3s9aQ1.js").status()).isEqualTo(404);
    }
}
