package dev.chronoscale.auditexport.sinks.syslog;

import java.io.IOException;
import java.util.List;

/** How syslog messages travel: UDP datagrams, or a TCP/TLS stream with octet-counting framing. */
public interface SyslogTransport extends AutoCloseable {

    void send(List<byte[]> messages) throws IOException;

    @Override
    void close();
}
