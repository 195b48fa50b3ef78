package dev.chronoscale.tools.loadgen;

import dev.chronoscale.gateway.mapstream.MapMessageReader;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.tools.client.Ts2021Client;
import dev.chronoscale.tools.client.Ts2021Connection;
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
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One synthetic node: its own machine and node keys, one ts2021 connection, a registration with a
 * pre-auth key and a streaming map poll. Every map message after the first is handed to a
 * listener as text, decompressed but not parsed (parsing every delta of thousands of streams
 * would measure the load generator, not the server).
 */
final class SyntheticNode {

    static final int CAPABILITY_VERSION = 115;
    private static final Pattern SELF_ID = Pattern.compile("\"Node\":\\{\"ID\":(\\d+)");

    private final NoiseKeyPair machineKey = NoiseKeyPair.generate();
    private final String nodeKey = "nodekey:" + HexFormat.of().formatHex(NoiseKeyPair.generate().publicKey().bytes());
    private final String discoKey = "discokey:" + HexFormat.of().formatHex(NoiseKeyPair.generate().publicKey().bytes());
    private final String hostname;
    private final String hostinfo;
    /** When any node of the run last received map bytes (System.nanoTime), shared by all of them. */
    private final AtomicLong lastReceived;
    private final CompletableFuture<Long> firstMap = new CompletableFuture<>();
    /** Null while no phase of the benchmark is timing deltas: turning each into text would cost the client most. */
    private volatile Consumer<String> deltas;
    private Ts2021Connection connection;

    SyntheticNode(String hostname, AtomicLong lastReceived) {
        this.hostname = hostname;
        this.lastReceived = lastReceived;
        this.hostinfo = hostinfo(hostname);
    }

    /**
     * The Hostinfo tailscaled 1.82 sends with its registration and with every map request, the endpoint updates
     * included (Headscale reads it from each of them); built once, so that sending it costs the generator nothing.
     */
    private static String hostinfo(String hostname) {
        return "{\"IPNVersion\":\"1.82.5-bench\",\"OS\":\"linux\",\"OSVersion\":\"6.1.0\",\"Distro\":\"debian\","
                + "\"DistroVersion\":\"12\",\"Desktop\":false,\"Hostname\":\"" + hostname + "\",\"Machine\":\"x86_64\","
                + "\"GoArch\":\"amd64\",\"GoVersion\":\"go1.24.4\",\"Userspace\":true,\"UserspaceRouter\":true,"
                + "\"NetInfo\":{\"WorkingIPv6\":false,\"OSHasIPv6\":false,\"WorkingUDP\":true,\"WorkingICMPv4\":false,"
                + "\"UPnP\":false,\"PMP\":false,\"PCP\":false,\"PreferredDERP\":999,\"DERPLatency\":{}}}";
    }

    /** Connects, registers and opens the map stream; completes with the node's ID when its first map arrived. */
    CompletableFuture<Long> join(Ts2021Client client, InetSocketAddress server, MachinePublicKey serverKey, String authKey) {
        client.connect(server, machineKey, serverKey, CAPABILITY_VERSION)
                .thenCompose(connected -> {
                    connection = connected;
                    return post("/machine/register", "{\"Version\":" + CAPABILITY_VERSION + ",\"NodeKey\":\"" + nodeKey
                            + "\",\"Auth\":{\"AuthKey\":\"" + authKey + "\"},\"Expiry\":\"0001-01-01T00:00:00Z\","
                            + "\"Hostinfo\":" + hostinfo + "}");
                })
                .thenCompose(registered -> {
                    String body = registered.content().toString(StandardCharsets.UTF_8);
                    registered.release();
                    if (!body.contains("\"MachineAuthorized\":true")) {
                        throw new IllegalStateException("registration refused: " + body);
                    }
                    return connection.openStream(new MapStream());
                })
                .thenAccept(stream -> stream.writeAndFlush(request("/machine/map", "{\"Version\":" + CAPABILITY_VERSION
                        + ",\"Compress\":\"zstd\",\"KeepAlive\":true,\"NodeKey\":\"" + nodeKey + "\",\"DiscoKey\":\""
                        + discoKey + "\",\"Stream\":true,\"Hostinfo\":" + hostinfo + "}")))
                .exceptionally(failure -> {
                    firstMap.completeExceptionally(failure);
                    return null;
                });
        return firstMap;
    }

    void onDelta(Consumer<String> listener) {
        deltas = listener;
    }

    /** A lite map update, as tailscaled sends when its endpoints change. */
    CompletableFuture<FullHttpResponse> reportEndpoints(List<String> endpoints) {
        StringBuilder list = new StringBuilder();
        for (String endpoint : endpoints) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(endpoint).append('"');
        }
        return post("/machine/map", "{\"Version\":" + CAPABILITY_VERSION + ",\"Compress\":\"zstd\",\"KeepAlive\":true,"
                + "\"NodeKey\":\"" + nodeKey + "\",\"DiscoKey\":\"" + discoKey + "\",\"OmitPeers\":true,\"Endpoints\":["
                + list + "],\"Hostinfo\":" + hostinfo + "}");
    }

    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private CompletableFuture<FullHttpResponse> post(String path, String body) {
        return connection.request(request(path, body), 1 << 20);
    }

    private static FullHttpRequest request(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(bytes));
        request.headers().set(HttpHeaderNames.HOST, "control").setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return request;
    }

    private final class MapStream extends SimpleChannelInboundHandler<HttpObject> {
        private final MapMessageReader reader = new MapMessageReader(true, 64 << 20);

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws Exception {
            if (msg instanceof HttpContent content) {
                lastReceived.set(System.nanoTime());
                for (byte[] json : reader.feed(content.content())) {
                    Consumer<String> listener = deltas;
                    if (!firstMap.isDone()) {
                        // The self node comes first; a late joiner's first map holds thousands of peers after it.
                        Matcher id = SELF_ID.matcher(new String(json, 0, Math.min(json.length, 64 << 10), StandardCharsets.UTF_8));
                        if (id.find()) {
                            firstMap.complete(Long.parseLong(id.group(1)));
                        } else {
                            firstMap.completeExceptionally(new IllegalStateException("first map without self node"));
                        }
                    } else if (listener != null) {
                        listener.accept(new String(json, StandardCharsets.UTF_8));
                    }
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            firstMap.completeExceptionally(new IllegalStateException("map stream closed before the first map"));
        }
    }
}
