package dev.chronoscale.gateway.ts2021;

import dev.chronoscale.gateway.noise.NoiseHandshake;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.NoiseSession;
import dev.chronoscale.gateway.noise.NoiseWireFormat;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A blocking socket that speaks the upgrade by hand, for sending what no well-behaved client would. */
final class RawTs2021Socket implements AutoCloseable {

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    RawTs2021Socket(InetSocketAddress server) throws IOException {
        socket.connect(server);
        socket.setSoTimeout(20_000); // a hang fails the test instead of blocking the build
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static String upgradeRequest(byte[] initiation) {
        return "POST /ts2021 HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\nConnection: upgrade\r\n"
                + "Upgrade: tailscale-control-protocol\r\n"
                + "X-Tailscale-Handshake: " + Base64.getEncoder().encodeToString(initiation) + "\r\n\r\n";
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads an HTTP/1.1 response head, through the empty line. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads the body a response head announced with Content-Length. */
    String readBody(String head) throws IOException {
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (!length.find()) {
            throw new IOException("no content-length in " + head);
        }
        return new String(readExactly(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    byte[] readExactly(int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** A Noise message: 3-byte header and what its length field announces. */
    byte[] readMessage() throws IOException {
        byte[] header = readExactly(NoiseWireFormat.HEADER_LENGTH);
        byte[] body = readExactly(((header[1] & 0xff) << 8) | (header[2] & 0xff));
        byte[] message = new byte[header.length + body.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(body, 0, message, header.length, body.length);
        return message;
    }

    /** Upgrades and completes a real handshake, as a client with {@code machineKey}. */
    NoiseSession handshake(ServerNoiseKey serverKey, NoiseKeyPair machineKey, int version) throws Exception {
        NoiseHandshake.Initiator initiator = NoiseHandshake.initiate(machineKey, serverKey.publicKey(), version, NoiseKeyPair.generate());
        send(upgradeRequest(initiator.initiation().toBytes()));
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head);
        }
        return initiator.finish(NoiseWireFormat.Response.parse(readMessage()));
    }

    /** True once the server has closed the connection; anything it sent before is skipped. */
    boolean closedByServer() throws IOException {
        InputStream raw = socket.getInputStream();
        byte[] skip = new byte[4096];
        try {
            while (raw.read(skip) >= 0) {
                // the server may still flush records (e.g. its SETTINGS) before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
