package dev.chronoscale.admin.groups;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Keycloak that cannot be read is one clear failure naming where and as whom, never the secret. */
class KeycloakGroupDirectoryTest {

    private static final String SECRET = "the-service-account-secret";

    private static KeycloakGroupDirectory at(int port, Duration timeout) {
        return new KeycloakGroupDirectory(new KeycloakDirectorySettings(URI.create("http://127.0.0.1:" + port), "corp",
                "chronoscale-sync", SECRET, timeout));
    }

    @Test
    void aServerThatRefusesConnectionsIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> at(closed, Duration.ofSeconds(5)).groupsBySubject())
                .isInstanceOf(GroupDirectoryUnavailableException.class)
                .hasMessageContaining("cannot read the groups of Keycloak realm 'corp' at http://127.0.0.1:" + closed
                        + " as client 'chronoscale-sync'")
                .hasMessageContaining("Connect")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(hanging.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            assertThatThrownBy(() -> at(hanging.getLocalPort(), Duration.ofMillis(500)).groupsBySubject())
                    .isInstanceOf(GroupDirectoryUnavailableException.class)
                    .hasMessageContaining("realm 'corp'")
                    .hasMessageContaining("Timeout")
                    .hasMessageNotContaining(SECRET);
            acceptor.interrupt();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
