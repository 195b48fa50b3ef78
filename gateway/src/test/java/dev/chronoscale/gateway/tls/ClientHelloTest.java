package dev.chronoscale.gateway.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server name and ALPN offer read from ClientHellos the JDK's own TLS client writes. */
class ClientHelloTest {

    @Test
    void readsTheServerNameAndTheOfferedProtocols() throws Exception {
        ClientHello hello = ClientHello.parse(clientHelloBody("Control.Example.com", "h2", "http/1.1"));
        assertThat(hello.serverName()).contains("control.example.com");
        assertThat(hello.applicationProtocols()).containsExactly("h2", "http/1.1");
        assertThat(hello.isAcmeValidation()).isFalse();
    }

    @Test
    void anAcmeValidationOffersOnlyAcmeTls1() throws Exception {
        ClientHello hello = ClientHello.parse(clientHelloBody("control.example.com", ClientHello.ACME_TLS_1));
        assertThat(hello.isAcmeValidation()).isTrue();
    }

    @Test
    void aHelloWithoutNameOrAlpnHasNeither() throws Exception {
        ClientHello hello = ClientHello.parse(clientHelloBody(null));
        assertThat(hello.serverName()).isEmpty();
        assertThat(hello.applicationProtocols()).isEmpty();
    }

    @Test
    void aTruncatedHelloReadsAsFarAsItGoes() throws Exception {
        ByteBuf body = clientHelloBody("control.example.com", "h2");
        for (int length = 0; length < body.readableBytes(); length += 7) {
            ClientHello partial = ClientHello.parse(body.slice(0, length));
            assertThat(partial.serverName()).isIn(java.util.Optional.empty(), java.util.Optional.of("control.example.com"));
        }
        assertThat(body.readerIndex()).isZero();
    }

    /** The ClientHello body (without record and handshake headers), as the JDK client engine sends it. */
    private static ByteBuf clientHelloBody(String serverName, String... protocols) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = serverName == null ? context.createSSLEngine() : context.createSSLEngine(serverName, 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (serverName != null) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        parameters.setApplicationProtocols(protocols);
        engine.setSSLParameters(parameters);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        ByteBuf record = Unpooled.wrappedBuffer(out);
        assertThat(record.getUnsignedByte(0)).as("handshake record").isEqualTo((short) 22);
        assertThat(record.getUnsignedByte(5)).as("client_hello").isEqualTo((short) 1);
        int length = record.getUnsignedMedium(6);
        return Unpooled.copiedBuffer(record.slice(9, length));
    }
}
