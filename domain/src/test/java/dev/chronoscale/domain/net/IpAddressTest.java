package dev.chronoscale.domain.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpAddressTest {

    @Test
    void ipv4FormatIsTheDottedQuad() {
        assertThat(IpAddress.parse("100.64.0.1").toString()).isEqualTo("100.64.0.1");
        assertThat(IpAddress.parse("0.0.0.0").toString()).isEqualTo("0.0.0.0");
        assertThat(IpAddress.parse("255.255.255.255").toString()).isEqualTo("255.255.255.255");
        assertThat(IpAddress.parse("255.255.255.255").isMax()).isTrue();
    }

    /** RFC 5952 section 4: canonical text of IPv6 addresses. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // 4.1: leading zeros in a group are suppressed
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8:00aa:0bbb:0000:0000:0000:0001, 2001:db8:aa:bbb::1",
            // 4.2.1: "::" is used to its maximum capability
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            // 4.2.2: "::" never shortens a single 16-bit 0 field
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0",
            "0:1:2:3:4:5:6:7, 0:1:2:3:4:5:6:7",
            // 4.2.3: the longest run is shortened ...
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "1:0:0:2:0:0:0:0, 1:0:0:2::",
            // ... and of equally long runs the first one
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "0:0:0:1:0:0:0:2, ::1:0:0:0:2",
            // 4.3: lower case
            "2001:DB8::ABCD:EF01, 2001:db8::abcd:ef01",
            // runs at either end and everywhere
            "0:0:0:0:0:0:0:0, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "1:0:0:0:0:0:0:2, 1::2",
            "fd7a:115c:a1e0:0:0:0:0:53, fd7a:115c:a1e0::53",
            "fd7a:115c:a1e0:0:0:0:0:0, fd7a:115c:a1e0::",
            "fd7a:115c:a1e0:0:0:0:7f37:b2e, fd7a:115c:a1e0::7f37:b2e",
    })
    void ipv6FormatFollowsRfc5952(String input, String canonical) {
        assertThat(IpAddress.parse(input).toString()).isEqualTo(canonical);
        // the canonical form is a fixed point
        assertThat(IpAddress.parse(canonical).toString()).isEqualTo(canonical);
    }

    @Test
    void ipv4MappedAndEmbeddedForms() {
        assertThat(IpAddress.parse("::ffff:1.2.3.4")).isEqualTo(IpAddress.parse("1.2.3.4"));
        assertThat(IpAddress.parse("::1.2.3.4").toString()).isEqualTo("::102:304");
        assertThat(IpAddress.parse("fd00::1.2.3.4").toString()).isEqualTo("fd00::102:304");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "010.0.0.1", "10.00.0.1", "1.2.3", "1.2.3.4.", ".1.2.3", "1.2.3.4.5",
            "256.1.1.1", "1.2.3.-4", "0x1.2.3.4", "\u0661\u0660.0.0.1", "\uff11.0.0.1", " 10.0.0.1", "10.0.0.1/32",
            "example.com", "a", ":::", "1::2::3", "fe80::1%1", "[fd00::1]", "1:2:3:4:5:6:7", "12345::",
            "fd00::\u0663", ".::1", "1.2.3.4:80"})
    void refusesWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not an IP address");
    }

    @Test
    void ipv4OrdersBeforeIpv6AndStepsAcrossWords() {
        assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
        IpAddress endOfLow = IpAddress.parse("fd00::ffff:ffff:ffff:ffff");
        assertThat(endOfLow.next().toString()).isEqualTo("fd00:0:0:1::");
        assertThat(endOfLow.next().previous()).isEqualTo(endOfLow);
    }
}
