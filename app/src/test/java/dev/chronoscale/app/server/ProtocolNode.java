package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.tools.client.Ts2021Client;
import dev.chronoscale.tools.client.Ts2021Connection;
import dev.chronoscale.gateway.mapstream.MapMessageReader;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2StreamChannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Tailscale node as the server sees it: its own machine key, a ts2021 connection made by the
 * real protocol client, and JSON request bodies as tailscaled sends them.
 */
final class ProtocolNode implements AutoCloseable {

    /** An upper bound for waiting on the server, not a timing expectation. */
    static final long WAIT_SECONDS = 20;
    static final ObjectMapper JSON = new ObjectMapper();

    final NoiseKeyPair machineKey;
    final String nodeKey;
    final Ts2021Connection connection;

    private ProtocolNode(NoiseKeyPair machineKey, String nodeKey, Ts2021Connection connection) {
        this.machineKey = machineKey;
        this.nodeKey = nodeKey;
        this.connection = connection;
    }

    static ProtocolNode connect(Ts2021Client client, InetSocketAddress server, MachinePublicKey serverKey,
                                String nodeKey, int capabilityVersion) throws Exception {
        return connect(client, server, serverKey, NoiseKeyPair.generate(), nodeKey, capabilityVersion);
    }

    static ProtocolNode connect(Ts2021Client client, InetSocketAddress server, MachinePublicKey serverKey,
                                NoiseKeyPair machine, String nodeKey, int capabilityVersion) throws Exception {
        Ts2021Connection connection = client.connect(server, machine, serverKey, capabilityVersion)
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        return new ProtocolNode(machine, nodeKey, connection);
    }

    static String randomNodeKey() {
        return "nodekey:" + HexFormat.of().formatHex(NoiseKeyPair.generate().publicKey().bytes());
    }

    /** A RegisterRequest as tailscaled v1.82 sends it, for this node's key. */
    String registerBody(String authKey, String hostname) {
        ObjectNode body = JSON.createObjectNode().put("Version", 115).put("NodeKey", nodeKey)
                .put("OldNodeKey", "nodekey:" + "0".repeat(64)).put("Expiry", "0001-01-01T00:00:00Z").put("Followup", "");
        if (authKey != null) {
            body.putObject("Auth").put("AuthKey", authKey);
        }
        body.putObject("Hostinfo").put("OS", "linux").put("Hostname", hostname);
        body.putNull("NodeKeySignature");
        return body.toString();
    }

    String mapStreamBody() {
        return JSON.createObjectNode().put("Version", 115).put("Compress", "zstd").put("KeepAlive", true)
                .put("NodeKey", nodeKey).put("DiscoKey", "discokey:" + "0".repeat(64)).put("Stream", true).toString();
    }

    JsonNode register(String body) throws Exception {
        Reply reply = post("/machine/register", body);
        if (reply.status() != 200) {
            throw new AssertionError("register answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Reply post(String path, String body) throws Exception {
        FullHttpResponse response = connection.request(request(path, body), 1 << 20).get(WAIT_SECONDS, TimeUnit.SECONDS);
        try {
            return new Reply(response.status().code(), response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    /** A GET as Go's HTTP/2 client sends one over the Noise connection: the path and query, no body. */
    CompletableFuture<Reply> getAsync(String pathAndQuery) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery,
                Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        return connection.request(request, 1 << 20).thenApply(response -> {
            try {
                return new Reply(response.status().code(), response.content().toString(StandardCharsets.UTF_8));
            } finally {
                response.release();
            }
        });
    }

    Reply get(String pathAndQuery) throws Exception {
        return getAsync(pathAndQuery).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    CompletableFuture<Reply> postAsync(String path, String body) {
        return connection.request(request(path, body), 1 << 20).thenApply(response -> {
            try {
                return new Reply(response.status().code(), response.content().toString(StandardCharsets.UTF_8));
            } finally {
                response.release();
            }
        });
    }

    MapStream openMapStream(String body) throws Exception {
        MapStream stream = new MapStream();
        Http2StreamChannel channel = connection.openStream(stream).get(WAIT_SECONDS, TimeUnit.SECONDS);
        channel.writeAndFlush(request("/machine/map", body));
        stream.channel = channel;
        return stream;
    }

    private static FullHttpRequest request(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(bytes));
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1").setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return request;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** A streaming map poll: every message the server sends, decoded as the client decodes it. */
    static final class MapStream extends SimpleChannelInboundHandler<HttpObject> {
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final MapMessageReader reader = new MapMessageReader();
        Http2StreamChannel channel;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws Exception {
            if (msg instanceof HttpResponse response) {
                status.complete(response.status().code());
            }
            if (msg instanceof HttpContent content) {
                for (byte[] json : reader.feed(content.content())) {
                    messages.add(JSON.readTree(json));
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended.complete(null);
        }

        /** The next message that matches, skipping others (keep-alives, unrelated deltas). */
        JsonNode next(Predicate<JsonNode> wanted, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && wanted.test(message)) {
                    return message;
                }
            }
            throw new AssertionError("no map message with " + what + " within " + WAIT_SECONDS + " s");
        }

        /** Every message up to and including the next one that matches, in the order they came. */
        List<JsonNode> until(Predicate<JsonNode> wanted, String what) throws InterruptedException {
            List<JsonNode> seen = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    seen.add(message);
                    if (wanted.test(message)) {
                        return seen;
                    }
                }
            }
            throw new AssertionError("no map message with " + what + " within " + WAIT_SECONDS + " s; got " + seen);
        }

        JsonNode first() throws InterruptedException {
            return next(m -> m.has("Node"), "the self node");
        }

        void cancel() {
            channel.close().syncUninterruptibly();
        }
    }
}
