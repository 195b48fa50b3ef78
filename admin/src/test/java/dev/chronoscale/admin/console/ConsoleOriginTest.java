package dev.chronoscale.admin.console;

import dev.chronoscale.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which pages may send a change through a console session: this server's, by server_url or by the address used. */
class ConsoleOriginTest {

    private static final ConsoleSettings SETTINGS = new ConsoleSettings(Duration.ofMinutes(30), Duration.ofHours(12),
            "https://headscale.example.com");

    @Test
    void serverUrlsOriginAndTheReachedAddressAreThisServersPages() {
        assertThatCode(() -> ConsoleSessionLogin.requireSameOrigin(Optional.of("https://headscale.example.com"),
                Optional.of("10.0.0.5:8080"), SETTINGS)).doesNotThrowAnyException();
        assertThatCode(() -> ConsoleSessionLogin.requireSameOrigin(Optional.of("http://10.0.0.5:8080"),
                Optional.of("10.0.0.5:8080"), SETTINGS)).doesNotThrowAnyException();
        assertThatCode(() -> ConsoleSessionLogin.requireSameOrigin(Optional.empty(), Optional.of("10.0.0.5:8080"), SETTINGS))
                .as("no Origin: a tool, not a page").doesNotThrowAnyException();
    }

    @Test
    void anotherSitesPageIsRefused() {
        for (String origin : new String[] {"https://evil.example", "http://10.0.0.5:8081", "null", "10.0.0.5:8080",
                "https://headscale.example.com.evil.example"}) {
            assertThatThrownBy(() -> ConsoleSessionLogin.requireSameOrigin(Optional.of(origin), Optional.of("10.0.0.5:8080"), SETTINGS))
                    .as(origin).isInstanceOf(DomainException.class).hasMessageContaining("origin");
        }
        assertThatThrownBy(() -> ConsoleSessionLogin.requireSameOrigin(Optional.of("http://10.0.0.5:8080"), Optional.empty(), SETTINGS))
                .isInstanceOf(DomainException.class);
    }
}
