package dev.chronoscale.auditexport.sinks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslogd (Debian packages rsyslog and rsyslog-gnutls) of the test's own: its config, spool
 * dir and output file live in a temp dir, it listens on a free loopback port (TCP, or TLS with a
 * certificate made by openssl), and writes each received message as "MSGID SD MSG" (MSG without its BOM) to one file.
 */
public final class RsyslogServer implements AutoCloseable {

    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

    /** How the test's rsyslogd receives. */
    public enum Listener { TCP, TLS, UDP }

    private final Path dir;
    private final Listener listener;
    private final boolean tls;
    private final int port;
    private final int probePort;
    private Process process;

    private RsyslogServer(Path dir, Listener listener, int port, int probePort) {
        this.dir = dir;
        this.listener = listener;
        this.tls = listener == Listener.TLS;
        this.port = port;
        this.probePort = probePort;
    }

    public static RsyslogServer prepare(Path dir, boolean tls) throws IOException, InterruptedException {
        return prepare(dir, tls ? Listener.TLS : Listener.TCP);
    }

    /** Prepares (certificate, config) but does not start; {@link #start()} does. */
    public static RsyslogServer prepare(Path dir, Listener listener) throws IOException, InterruptedException {
        if (!Files.isExecutable(RSYSLOGD)) {
            throw new AssertionError("rsyslogd is not installed: apt-get install rsyslog rsyslog-gnutls (.ci/run does this)");
        }
        Files.createDirectories(dir.resolve("spool"));
        int port = freePort();
        // UDP gives no sign of readiness, so a UDP server also listens on TCP, only to be probed
        int probePort = listener == Listener.UDP ? freePort() : port;
        RsyslogServer server = new RsyslogServer(dir, listener, port, probePort);
        if (listener == Listener.TLS) {
            run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        }
        Files.writeString(dir.resolve("rsyslog.conf"), server.config());
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private String config() {
        String global = "global(workDirectory=\"" + dir.resolve("spool") + "\"";
        String module = "module(load=\"imtcp\")";
        if (tls) {
            global += " defaultNetstreamDriverCAFile=\"" + caFile() + "\" defaultNetstreamDriverCertFile=\"" + caFile()
                    + "\" defaultNetstreamDriverKeyFile=\"" + dir.resolve("key.pem") + "\"";
            module = "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")";
        }
        String inputs = listener == Listener.UDP
                ? "module(load=\"imudp\")\ninput(type=\"imudp\" port=\"" + port + "\" address=\"127.0.0.1\")\n"
                + "input(type=\"imtcp\" port=\"" + probePort + "\" address=\"127.0.0.1\")\n"
                : "input(type=\"imtcp\" port=\"" + port + "\" address=\"127.0.0.1\")\n";
        return global + ")\n" + module + "\n" + inputs
                + "template(name=\"raw\" type=\"string\" string=\"%msgid% %structured-data% %msg:4:$%\\n\")\n"
                + "*.* action(type=\"omfile\" file=\"" + received() + "\" template=\"raw\")\n";
    }

    public Path caFile() {
        return dir.resolve("cert.pem");
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path received() {
        return dir.resolve("received.log");
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("rsyslogd exited: " + Files.readString(dir.resolve("rsyslogd.out")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", probePort), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("rsyslogd did not open port " + port);
    }

    /** The received lines; the template drops the 3-byte UTF-8 BOM that starts each MSG, as docs/audit.md shows. */
    public List<String> lines() throws IOException {
        if (!Files.exists(received())) {
            return List.of();
        }
        return Files.readAllLines(received(), StandardCharsets.UTF_8);
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }
}
