package dev.chronoscale.gateway.ts2021;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.gateway.client.Ts2021Client;
import dev.chronoscale.gateway.client.Ts2021Connection;
import dev.chronoscale.gateway.client.Ts2021HandshakeFailedException;
import dev.chronoscale.gateway.noise.NoiseHandshake;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.NoiseSession;
import dev.chronoscale.gateway.noise.NoiseWireFormat;
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

class Ts2021UpgradeTest {

    private static final int WAIT_SECONDS = 20; // an upper bound against hangs, not a timing claim

    private static EventLoopGroup clientGroup;
    private static Ts2021TestServer server;
    private static Ts2021Client client;

    @BeforeAll
    static void start() {
        clientGroup = new NioEventLoopGroup(1);
        server = new Ts2021TestServer(ServerNoiseKey.of(NoiseKeyPair.generate()));
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

    private static String errorText(byte[] message) {
        assertThat(message[0]).isEqualTo(NoiseWireFormat.TYPE_ERROR);
        return new String(message, 3, message.length - 3, StandardCharsets.UTF_8);
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
        Ts2021TestServer.StreamRequest seen = server.requests.poll(WAIT_SECONDS, TimeUnit.SECONDS);
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
                    if (messages.size() == Ts2021TestServer.STREAMED_MAP_MESSAGES.size()) {
                        received.complete(List.copyOf(messages));
                    }
                }
            }
        };
        server.closedStreams.clear();
        try (Ts2021Connection connection = connect(NoiseKeyPair.generate())) {
            Http2StreamChannel stream = connection.openStream(mapPoll).get(WAIT_SECONDS, TimeUnit.SECONDS);
            stream.writeAndFlush(post("/machine/map-stream-test", "{\"Stream\":true}".getBytes()));

            assertThat(received.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(Ts2021TestServer.STREAMED_MAP_MESSAGES);
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

    @Test
    void badHandshakesAndRecordsCloseOnlyTheirOwnConnection() throws Exception {
        NoiseKeyPair machine = NoiseKeyPair.generate();
        try (Ts2021Connection healthy = connect(machine)) {
            // garbage in place of an initiation: 101, then a Noise error message, then close
            try (RawTs2021Socket garbage = new RawTs2021Socket(server.address())) {
                garbage.send(RawTs2021Socket.upgradeRequest("not a noise message".getBytes()));
                assertThat(garbage.readHead()).startsWith("HTTP/1.1 101");
                assertThat(errorText(garbage.readMessage())).isEqualTo("wrong handshake initiation size");
                assertThat(garbage.closedByServer()).isTrue();
            }
            // a version header that differs from the one in the client's prologue
            try (RawTs2021Socket tampered = new RawTs2021Socket(server.address())) {
                byte[] initiation = NoiseHandshake.initiate(NoiseKeyPair.generate(), server.serverKey.publicKey(), 131,
                        NoiseKeyPair.generate()).initiation().toBytes();
                initiation[1] = (byte) 132;
                tampered.send(RawTs2021Socket.upgradeRequest(initiation));
                assertThat(tampered.readHead()).startsWith("HTTP/1.1 101");
                assertThat(errorText(tampered.readMessage())).isEqualTo("handshake failed");
                assertThat(tampered.closedByServer()).isTrue();
            }
            // a version below the supported minimum
            try (RawTs2021Socket old = new RawTs2021Socket(server.address())) {
                old.send(RawTs2021Socket.upgradeRequest(NoiseHandshake.initiate(NoiseKeyPair.generate(),
                        server.serverKey.publicKey(), 112, NoiseKeyPair.generate()).initiation().toBytes()));
                assertThat(old.readHead()).startsWith("HTTP/1.1 101");
                assertThat(errorText(old.readMessage())).startsWith("client version too old");
                assertThat(old.closedByServer()).isTrue();
            }
            // a record longer than 4096 bytes after a good handshake
            try (RawTs2021Socket oversized = new RawTs2021Socket(server.address())) {
                oversized.handshake(server.serverKey, NoiseKeyPair.generate(), 131);
                byte[] record = new byte[NoiseWireFormat.MAX_RECORD_LENGTH + 1];
                record[0] = NoiseWireFormat.TYPE_RECORD;
                record[1] = (byte) ((record.length - 3) >>> 8);
                record[2] = (byte) (record.length - 3);
                oversized.send(record);
                assertThat(oversized.closedByServer()).isTrue();
            }
            // a record that fails authentication
            try (RawTs2021Socket forged = new RawTs2021Socket(server.address())) {
                NoiseSession session = forged.handshake(server.serverKey, NoiseKeyPair.generate(), 131);
                byte[] sealed = session.newSender().seal("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes());
                sealed[0] ^= 1;
                byte[] record = new byte[3 + sealed.length];
                record[0] = NoiseWireFormat.TYPE_RECORD;
                record[2] = (byte) sealed.length;
                System.arraycopy(sealed, 0, record, 3, sealed.length);
                forged.send(record);
                assertThat(forged.closedByServer()).isTrue();
            }
            // plaintext HTTP/2 where Noise records belong
            try (RawTs2021Socket plaintext = new RawTs2021Socket(server.address())) {
                plaintext.handshake(server.serverKey, NoiseKeyPair.generate(), 131);
                plaintext.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
                assertThat(plaintext.closedByServer()).isTrue();
            }

            assertThat(answer(healthy.request(post("/machine/still-there", new byte[0]), 1024).get(WAIT_SECONDS, TimeUnit.SECONDS)))
                    .isEqualTo(machine.publicKey().text() + " POST /machine/still-there ");
        }
    }

    @Test
    void requestsThatCannotStartAHandshakeGetA400AndStayHttp() throws Exception {
        try (RawTs2021Socket socket = new RawTs2021Socket(server.address())) {
            socket.send("POST /ts2021 HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\nConnection: upgrade\r\n"
                    + "Upgrade: tailscale-control-protocol\r\nX-Tailscale-Handshake: %%%\r\n\r\n");
            String head = socket.readHead();
            assertThat(head).startsWith("HTTP/1.1 400");
            assertThat(socket.readBody(head)).isEqualTo("missing or invalid Tailscale handshake header\n");

            socket.send("POST /ts2021 HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
            head = socket.readHead();
            assertThat(head).startsWith("HTTP/1.1 400");
            assertThat(socket.readBody(head)).startsWith("missing next protocol");

            socket.send("GET /key?v=131 HTTP/1.1\r\nHost: test\r\n\r\n");
            assertThat(socket.readHead()).startsWith("HTTP/1.1 200");
        }
    }
}
