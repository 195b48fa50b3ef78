package dev.chronoscale.tools.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On port 443 the HTTP codec sits behind TLS. The switch must keep TLS and put Noise inside it,
 * and the client, like tailscaled, must not care that the certificate is self-signed.
 */
class Ts2021ClientOverTlsTest {

    @Test
    void theSwitchKeepsTlsInFrontOfNoise() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("control.test");
        ServerNoiseKey serverKey = ServerNoiseKey.of(NoiseKeyPair.generate());
        EventLoopGroup clientGroup = new NioEventLoopGroup(1);
        NoiseKeyPair machine = NoiseKeyPair.generate();
        try (EchoControlServer server = new EchoControlServer(serverKey,
                Optional.of(SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build()));
             Ts2021Connection connection = Ts2021Client.overUnverifiedTls(clientGroup)
                     .connect(server.address(), machine, serverKey.publicKey(), 131).get(20, TimeUnit.SECONDS)) {
            assertThat(connection.channel().pipeline().get(SslHandler.class)).isNotNull();

            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/machine/tls",
                    Unpooled.EMPTY_BUFFER);
            request.headers().set(HttpHeaderNames.HOST, "control.test").setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            FullHttpResponse response = connection.request(request, 1024).get(20, TimeUnit.SECONDS);

            assertThat(response.content().toString(StandardCharsets.US_ASCII))
                    .isEqualTo(machine.publicKey().text() + " POST /machine/tls ");
            response.release();
        } finally {
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            certificate.delete();
        }
    }
}
