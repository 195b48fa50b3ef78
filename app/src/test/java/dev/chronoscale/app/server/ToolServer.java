package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server for a Headscale tool's requests (H2, an API key made with the CLI, as an operator sets a tool up),
 * and real Tailscale protocol clients for the nodes the tool manages.
 */
final class ToolServer implements AutoCloseable {

    final Path dir;
    final RunningServer server;
    final String apiKey;
    private final ProtocolClients clients;

    private ToolServer(Path dir, RunningServer server, String apiKey, ProtocolClients clients) {
        this.dir = dir;
        this.server = server;
        this.apiKey = apiKey;
        this.clients = clients;
    }

    /** @param extraYaml more of the config file, e.g. a {@code policy:} section */
    static ToolServer start(String extraYaml) throws Exception {
        Path dir = Files.createTempDirectory("chronoscale-tool");
        RunningServer server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\n"
                + "metrics_listen_addr: 127.0.0.1:0\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "unix_socket: " + dir.resolve("data/cli.sock") + "\n"
                + "database:\n  type: h2\n"
                + extraYaml);
        CliRun created = server.cli("apikeys", "create", "--expiration", "1d");
        assertThat(created.status()).as(created.err()).isZero();
        return new ToolServer(dir, server, created.out().trim(),
                new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress()));
    }

    /** A Tailscale client that asked to join without a key: its login's auth id, as the login page shows it. */
    PendingLogin pendingLogin(String hostname) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String authUrl = node.register(node.registerBody(null, hostname)).get("AuthURL").asText();
        assertThat(authUrl).contains("/register/hskey-authreq-");
        return new PendingLogin(node, authUrl.substring(authUrl.lastIndexOf('/') + 1));
    }

    record PendingLogin(ProtocolNode node, String authId) {
    }

    /** A Tailscale client joining with a pre-auth key. */
    ProtocolNode joinWithKey(String authKey, String hostname) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        JsonNode joined = node.register(node.registerBody(authKey, hostname));
        assertThat(joined.get("MachineAuthorized").asBoolean()).as(joined.toString()).isTrue();
        return node;
    }

    /** Opens the node's map stream reporting {@code discoKey}, as tailscaled does once it has one. */
    static ProtocolNode.MapStream stream(ProtocolNode node, String discoKey) throws Exception {
        ObjectNode body = (ObjectNode) ProtocolNode.JSON.readTree(node.mapStreamBody());
        body.put("DiscoKey", discoKey);
        ProtocolNode.MapStream stream = node.openMapStream(body.toString());
        stream.first();
        return stream;
    }

    static String randomDiscoKey() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "discokey:" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        clients.close();
        server.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }
}
