package dev.chronoscale.auditexport.sinks.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * RFC 5426: one message per datagram. UDP gives no acknowledgement, so this transport cannot offer
 * at-least-once delivery beyond "sent"; use TCP or TLS when that matters.
 */
public final class UdpSyslogTransport implements SyslogTransport {

    private final InetSocketAddress address;
    private DatagramSocket socket;

    public UdpSyslogTransport(InetSocketAddress address) {
        this.address = address;
    }

    @Override
    public void send(List<byte[]> messages) throws IOException {
        if (socket == null) {
            socket = new DatagramSocket();
        }
        InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
        for (byte[] message : messages) {
            socket.send(new DatagramPacket(message, message.length, resolved));
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
