package dev.chronoscale.auditexport.sinks.http;

import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditSink;
import dev.chronoscale.auditexport.format.RecordFormat;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One {@code POST} per record, the body the record's JSON (native or OCSF), with headers
 * {@code Idempotency-Key: <event id>}, {@code X-Chronoscale-Timestamp: <unix seconds>} and
 * {@code X-Chronoscale-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 * Signing the timestamp with the body lets a receiver refuse replays of old requests.
 */
public final class WebhookSink implements AuditSink {

    public static final String SIGNATURE_HEADER = "X-Chronoscale-Signature";
    public static final String TIMESTAMP_HEADER = "X-Chronoscale-Timestamp";

    private final HttpPoster http = new HttpPoster();
    private final URI url;
    private final byte[] secret;
    private final RecordFormat format;
    private final Clock clock;

    public WebhookSink(URI url, String secret, RecordFormat format, Clock clock) {
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.format = format;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public void deliver(List<ChainedRecord> records) throws IOException, InterruptedException {
        for (ChainedRecord link : records) {
            byte[] body = CanonicalJson.write(format.render(link)).getBytes(StandardCharsets.UTF_8);
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            http.postExpectingSuccess(url, Map.of(
                    "Content-Type", "application/json",
                    "Idempotency-Key", link.eventId(),
                    TIMESTAMP_HEADER, timestamp,
                    SIGNATURE_HEADER, "sha256=" + signature(secret, timestamp, body)), body);
        }
    }

    /** Hex HMAC-SHA256 over {@code timestamp + "." + body}: what a receiver recomputes to check a request. */
    public static String signature(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
