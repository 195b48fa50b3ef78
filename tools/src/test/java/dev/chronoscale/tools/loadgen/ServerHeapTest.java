package dev.chronoscale.tools.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerHeapTest {

    private static final String EXPOSITION = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E8
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.145728E8
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
            jvm_gc_live_data_size_bytes 2.62144E8
            """;

    @Test
    void sumsTheHeapPoolsAndReportsLiveData() {
        assertThat(ServerHeap.describe(EXPOSITION)).hasValue("400 MiB in use, 250 MiB live after the last full collection");
        assertThat(ServerHeap.describe("go_memstats_alloc_bytes 1234\n")).isEmpty();
    }

    @Test
    void readsAServersMetricsEndpointAndSaysWhenItCannot() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = EXPOSITION.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            assertThat(new ServerHeap(base.resolve("/metrics")).read()).startsWith("400 MiB in use");
            assertThat(new ServerHeap(base.resolve("/other")).read()).startsWith("unavailable (HTTP 404");
        } finally {
            server.stop(0);
        }
    }
}
