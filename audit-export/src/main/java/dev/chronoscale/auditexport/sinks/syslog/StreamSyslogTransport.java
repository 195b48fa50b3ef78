package dev.chronoscale.auditexport.sinks.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Syslog over TCP (RFC 6587) or TLS (RFC 5425), both with octet-counting framing:
 * {@code MSG-LEN SP SYSLOG-MSG}, so messages may contain line breaks. The connection is kept and
 * reopened after any error; a batch counts as delivered once it is flushed to the socket.
 */
public final class StreamSyslogTransport implements SyslogTransport {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final InetSocketAddress address;
    private final SocketFactory sockets;
    private final String serverName;
    private Socket socket;
    private OutputStream out;

    /** {@code sockets} is a plain factory for TCP or an SSL one for TLS; {@code serverName} is checked against the certificate. */
    public StreamSyslogTransport(InetSocketAddress address, SocketFactory sockets, String serverName) {
        this.address = address;
        this.sockets = sockets;
        this.serverName = serverName;
    }

    @Override
    public void send(List<byte[]> messages) throws IOException {
        try {
            if (socket != null && peerClosed()) {
                close();
            }
            if (socket == null) {
                open();
            }
            for (byte[] message : messages) {
                out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(message);
            }
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * A syslog receiver never writes to us, so a read that ends the stream means it closed the
     * connection (a restart, say). Checked before each batch: writing into a half-closed connection
     * would "succeed" into the kernel buffer and the batch would be lost.
     */
    private boolean peerClosed() {
        try {
            socket.setSoTimeout(1);
            int b = socket.getInputStream().read();
            socket.setSoTimeout(30_000);
            return b == -1;
        } catch (java.net.SocketTimeoutException alive) {
            try {
                socket.setSoTimeout(30_000);
            } catch (IOException e) {
                return true;
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void open() throws IOException {
        Socket s = sockets.createSocket();
        try {
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MILLIS);
            s.setSoTimeout(30_000);
            if (s instanceof SSLSocket tls) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(serverName)));
                tls.setSSLParameters(parameters);
                tls.startHandshake();
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        out = s.getOutputStream();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken; a new connection is opened on the next send
            }
        }
        socket = null;
        out = null;
    }
}
