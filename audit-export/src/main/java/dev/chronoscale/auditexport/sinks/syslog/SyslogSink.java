package dev.chronoscale.auditexport.sinks.syslog;

import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditSink;
import dev.chronoscale.auditexport.format.CefMessage;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Audit records as RFC 5424 syslog messages whose MSG is the JSON record or, for {@code cef}, a CEF line. */
public final class SyslogSink implements AuditSink {

    /** What the MSG part of each syslog message holds. */
    public enum Body { JSON, CEF }

    private final SyslogTransport transport;
    private final Body body;
    private final int facility;
    private final String hostname;
    private final String appName;
    private final String productVersion;

    public SyslogSink(SyslogTransport transport, Body body, int facility, String hostname, String appName, String productVersion) {
        this.transport = transport;
        this.body = body;
        this.facility = facility;
        this.hostname = hostname;
        this.appName = appName;
        this.productVersion = productVersion;
    }

    @Override
    public String type() {
        return body == Body.CEF ? "syslog-cef" : "syslog";
    }

    @Override
    public void deliver(List<ChainedRecord> records) throws IOException {
        List<byte[]> messages = new ArrayList<>(records.size());
        for (ChainedRecord link : records) {
            String msg = body == Body.CEF ? CefMessage.of(link, productVersion) : CanonicalJson.write(link.record());
            messages.add(SyslogMessage.of(link, facility, hostname, appName, msg));
        }
        transport.send(messages);
    }

    @Override
    public void close() {
        transport.close();
    }
}
