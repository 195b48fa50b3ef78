package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.app.config.ConfigException;
import dev.chronoscale.tailcfg.DerpMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The DERP map clients get, read once at start from {@code derp.urls} (JSON, as Tailscale serves
 * it) and {@code derp.paths} (YAML or JSON files, as Headscale reads them), merged in that order.
 * A file that cannot be read stops the start; an unreachable URL is reported and skipped.
 */
final class DerpMapSources {

    private static final Logger LOG = LoggerFactory.getLogger(DerpMapSources.class);
    private static final ObjectMapper READER = JsonMapper.builder(new YAMLFactory())
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private DerpMapSources() {
    }

    static DerpMap load(ChronoscaleConfig.Derp derp) {
        DerpMap map = new DerpMap(Map.of());
        if (!derp.urls().isEmpty()) {
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
                for (String url : derp.urls()) {
                    map = map.merge(fetch(http, url));
                }
            }
        }
        for (Path path : derp.paths()) {
            try {
                map = map.merge(READER.readValue(path.toFile(), DerpMap.class));
            } catch (IOException e) {
                throw new ConfigException("derp.paths", "cannot read DERP map " + path + ": " + e.getMessage());
            }
        }
        return map;
    }

    private static DerpMap fetch(HttpClient http, String url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return READER.readValue(response.body(), DerpMap.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("DERP map {} not loaded: {}", url, e.getMessage());
            return new DerpMap(Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DerpMap(Map.of());
        }
    }
}
