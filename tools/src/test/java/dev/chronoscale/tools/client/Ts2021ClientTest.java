package dev.chronoscale.tools.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import dev.chronoscale.gateway.mapstream.MapMessageReader;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against the gateway's real {@code /ts2021}: handshake, concurrent streams, large bodies, a
 * streaming map poll, and the ways a handshake fails as the client reports them.
 */
class Ts2021ClientTest {

    private static final int WAIT_SECONDS = 20; // an upper bound against hangs, not a timing claim

    private static EventLoopGroup clientGroup;
    private static EchoControlServer server;
    private static Ts2021Client client;

    @BeforeAll
    static void start() {
        clientGroup = new NioEventLoopGroup(1);
        server = new EchoControlServer(ServerNoiseKey.of(NoiseKeyPair.generate()));
        client = new Ts2021Client(clientGroup);
    }

    @AfterAll
    static void stop() {
        server.close();
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Ts2021Connection connect(NoiseKeyPair machine) throws Exception {
        return client.connect(server.address(), machine, server.serverKey.publicKey(), 131).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static FullHttpRequest post(String path, byte[] body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, "control.test").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return request;
    }

    private static String answer(FullHttpResponse response) {
        try {
            assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
            return response.content().toString(StandardCharsets.ISO_8859_1);
        } finally {
            response.release();
        }
    }

    @Test
    void manyConcurrentStreamsAreAnsweredForTheAuthenticatedMachine() throws Exception {
        NoiseKeyPair machine = NoiseKeyPair.generate();
        try (Ts2021Connection connection = connect(machine)) {
            assertThat(connection.session().peer()).isEqualTo(server.serverKey.publicKey());
            List<CompletableFuture<FullHttpResponse>> inFlight = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                inFlight.add(connection.request(post("/machine/echo/" + i, ("body-" + i).getBytes()), 1 << 20));
            }
            for (int i = 0; i < inFlight.size(); i++) {
                assertThat(answer(inFlight.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS)))
                        .isEqualTo(machine.publicKey().text() + " POST /machine/echo/" + i + " body-" + i);
            }
        }
    }

    @Test
    void manyMachinesConnectAtOnceAndEachIsToldApart() throws Exception {
        List<NoiseKeyPair> machines = new ArrayList<>();
        List<CompletableFuture<Ts2021Connection>> connecting = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            NoiseKeyPair machine = NoiseKeyPair.generate();
            machines.add(machine);
            connecting.add(client.connect(server.address(), machine, server.serverKey.publicKey(), 131));
        }
        List<Ts2021Connection> connections = new ArrayList<>();
        try {
            for (CompletableFuture<Ts2021Connection> c : connecting) {
                connections.add(c.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            List<CompletableFuture<FullHttpResponse>> answers = new ArrayList<>();
            for (Ts2021Connection connection : connections) {
                answers.add(connection.request(post("/machine/who", new byte[0]), 1024));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answer(answers.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS)))
                        .isEqualTo(machines.get(i).publicKey().text() + " POST /machine/who ");
            }
        } finally {
            connections.forEach(Ts2021Connection::close);
        }
    }

    @Test
    void bodiesLargerThanOneRecordCrossInBothDirections() throws Exception {
        NoiseKeyPair machine = NoiseKeyPair.generate();
        byte[] body = new byte[300_000];
        new Random(3).nextBytes(body);
        try (Ts2021Connection connection = connect(machine)) {
            FullHttpResponse response = connection.request(post("/machine/big", body), 1 << 20).get(WAIT_SECONDS, TimeUnit.SECONDS);
            byte[] prefix = (machine.publicKey().text() + " POST /machine/big ").getBytes(StandardCharsets.US_ASCII);
            byte[] received = new byte[response.content().readableBytes()];
            response.content().readBytes(received);
            response.release();
            assertThat(received).hasSize(prefix.length + body.length);
            assertThat(java.util.Arrays.copyOfRange(received, prefix.length, received.length)).isEqualTo(body);
        }
    }

    @Test
    void theStreamHandlerLearnsTheMachineKeyAndVersionFromTheHandshake() throws Exception {
        NoiseKeyPair machine = NoiseKeyPair.generate();
        server.requests.clear();
        try (Ts2021Connection connection = connect(machine)) {
            answer(connection.request(post("/machine/whoami", new byte[0]), 1024).get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        EchoControlServer.StreamRequest seen = server.requests.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.machine().machineKey()).isEqualTo(machine.publicKey());
        assertThat(seen.machine().capabilityVersion()).isEqualTo(131);
        assertThat(seen.path()).isEqualTo("/machine/whoami");
    }

    @Test
    void mapMessagesArriveOneByOneOnAStreamThatStaysOpenUntilTheClientCancels() throws Exception {
        CompletableFuture<List<String>> received = new CompletableFuture<>();
        CompletableFuture<HttpResponse> head = new CompletableFuture<>();
        MapMessageReader reader = new MapMessageReader();
        List<String> messages = new ArrayList<>();
        ChannelHandler mapPoll = new SimpleChannelInboundHandler<HttpObject>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws Exception {
                if (msg instanceof HttpResponse response) {
                    head.complete(response);
                }
                if (msg instanceof HttpContent content) {
                    assertThat(msg).isNotInstanceOf(LastHttpContent.class);
                    for (byte[] json : reader.feed(content.content())) {
                        messages.add(new String(json, StandardCharsets.UTF_8));
                    }
                    if (messages.size() == EchoControlServer.STREAMED_MAP_MESSAGES.size()) {
                        received.complete(List.copyOf(messages));
                    }
                }
            }
        };
        server.closedStreams.clear();
        try (Ts2021Connection connection = connect(NoiseKeyPair.generate())) {
            Http2StreamChannel stream = connection.openStream(mapPoll).get(WAIT_SECONDS, TimeUnit.SECONDS);
            stream.writeAndFlush(post("/machine/map-stream-test", "{\"Stream\":true}".getBytes()));

            assertThat(received.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(EchoControlServer.STREAMED_MAP_MESSAGES);
            assertThat(head.get().status()).isEqualTo(HttpResponseStatus.OK);
            assertThat(server.closedStreams).doesNotContain("/machine/map-stream-test");

            stream.close().sync(); // RST_STREAM(CANCEL), as tailscaled does when it stops polling
            assertThat(server.closedStreams.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("/machine/map-stream-test");
        }
    }

    @Test
    void aClientBelowTheMinimumVersionGetsANoiseErrorMessage() {
        CompletableFuture<Ts2021Connection> old = client.connect(server.address(), NoiseKeyPair.generate(),
                server.serverKey.publicKey(), 112);
        assertThatThrownBy(() -> old.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(Ts2021HandshakeFailedException.class)
                .hasMessageContaining("server error: client version too old");
    }

    @Test
    void aClientThatExpectsAnotherServerKeyCannotConnect() {
        CompletableFuture<Ts2021Connection> wrongKey = client.connect(server.address(), NoiseKeyPair.generate(),
                NoiseKeyPair.generate().publicKey(), 131);
        assertThatThrownBy(() -> wrongKey.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(Ts2021HandshakeFailedException.class);
    }
}
