package dev.chronoscale.tools.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServerKeyLookupTest {

    private static MachinePublicKey lookUp(String body, AtomicReference<String> query) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/key", exchange -> {
            query.set(exchange.getRequestURI().getQuery());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return new ServerKeyLookup(http).noiseKey(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), 115);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void readsTheNoiseKeyFromTheKeyResponse() throws Exception {
        MachinePublicKey key = NoiseKeyPair.generate().publicKey();
        AtomicReference<String> query = new AtomicReference<>();

        MachinePublicKey found = lookUp("{\"legacyPublicKey\":\"" + MachinePublicKey.zero().text()
                + "\",\"publicKey\":\"" + key.text() + "\"}\n", query);

        assertThat(found).isEqualTo(key);
        assertThat(query.get()).isEqualTo("v=115");
    }

    @Test
    void refusesAServerWithoutANoiseKey() {
        assertThatThrownBy(() -> lookUp("{\"legacyPublicKey\":\"" + MachinePublicKey.zero().text()
                + "\",\"publicKey\":\"" + MachinePublicKey.zero().text() + "\"}", new AtomicReference<>()))
                .isInstanceOf(IOException.class).hasMessageContaining("no noise key");
    }
}
