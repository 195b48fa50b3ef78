package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesTest {

    @Test
    void clearsHostBitsSortsAndDeduplicates() {
        assertThat(Routes.normalize(List.of("192.168.1.77/24", "10.1.2.3/16", "10.1.0.0/16", "10.1.255.255/16")))
                .containsExactly("10.1.0.0/16", "192.168.1.0/24");
    }

    @Test
    void exitRoutesKeepTheirCanonicalForm() {
        assertThat(Routes.normalize(List.of("::/0", "0.0.0.0/0", "0:0:0:0:0:0:0:0/0", "8.8.8.8/0")))
                .containsExactly("0.0.0.0/0", "::/0");
    }

    @Test
    void ipv6RoutesAreWrittenInRfc5952Form() {
        assertThat(Routes.normalize(List.of("2001:0DB8:0000:0000:0001::/80", "fd7a:115c:a1e0:ab12::/64")))
                .containsExactly("2001:db8:0:0:1::/80", "fd7a:115c:a1e0:ab12::/64");
    }

    @Test
    void hostRoutesAreKept() {
        assertThat(Routes.normalize(List.of("10.0.0.5/32", "fd00::5/128"))).containsExactly("10.0.0.5/32", "fd00::5/128");
    }

    @Test
    void emptyListIsNoRoutes() {
        assertThat(Routes.normalize(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "fd00::1", "", "10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "lan/24",
            "300.0.0.0/8"})
    void refusesWhatIsNotAPrefix(String route) {
        assertThatThrownBy(() -> Routes.normalize(List.of("10.1.0.0/16", route)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID))
                .hasMessageStartingWith("route '" + route + "' is invalid");
    }

    @Test
    void refusesNullRoute() {
        assertThatThrownBy(() -> Routes.normalize(Arrays.asList("10.1.0.0/16", null)))
                .isInstanceOf(DomainException.class);
    }
}
