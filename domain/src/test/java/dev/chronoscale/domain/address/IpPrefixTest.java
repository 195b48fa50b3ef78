package dev.chronoscale.domain.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpPrefixTest {

    @Test
    void parsesIpv4PrefixAndClearsHostBits() {
        IpPrefix p = IpPrefix.parse("100.64.12.34/10");
        assertThat(p.toString()).isEqualTo("100.64.0.0/10");
        assertThat(p.bits()).isEqualTo(10);
        assertThat(p.isIpv4()).isTrue();
        assertThat(p.addressBits()).isEqualTo(32);
        // 100.64.0.0 = 100 * 2^24 + 64 * 2^16
        assertThat(p.first()).isEqualTo(BigInteger.valueOf(100L * (1 << 24) + 64L * (1 << 16)));
        assertThat(p.size()).isEqualTo(BigInteger.valueOf(1L << 22));
        assertThat(IpPrefix.format(p.addressAt(p.last()))).isEqualTo("100.127.255.255");
    }

    @Test
    void parsesIpv6PrefixAndClearsHostBits() {
        IpPrefix p = IpPrefix.parse("fd7a:115c:a1e0:ab12:4843:cd96:6258:b240/48");
        assertThat(p.toString()).isEqualTo("fd7a:115c:a1e0::/48");
        assertThat(p.isIpv4()).isFalse();
        assertThat(p.addressBits()).isEqualTo(128);
        assertThat(p.size()).isEqualTo(BigInteger.ONE.shiftLeft(80));
        assertThat(IpPrefix.format(p.addressAt(p.last()))).isEqualTo("fd7a:115c:a1e0:ffff:ffff:ffff:ffff:ffff");
    }

    @Test
    void prefixesWithTheSameNetworkAreEqual() {
        assertThat(IpPrefix.parse("10.1.2.3/8")).isEqualTo(IpPrefix.parse("10.0.0.0/8"));
        assertThat(IpPrefix.parse("10.0.0.0/8")).isNotEqualTo(IpPrefix.parse("10.0.0.0/9"));
    }

    @Test
    void bareAddressIsAHostPrefix() {
        assertThat(IpPrefix.parse("192.168.1.7").toString()).isEqualTo("192.168.1.7/32");
        assertThat(IpPrefix.parse("fd7a:115c:a1e0::53").toString()).isEqualTo("fd7a:115c:a1e0::53/128");
        assertThat(IpPrefix.parse(" 10.0.0.1/24 ").toString()).isEqualTo("10.0.0.0/24");
    }

    @Test
    void zeroLengthPrefixesCoverEverything() {
        IpPrefix v4 = IpPrefix.parse("1.2.3.4/0");
        assertThat(v4.toString()).isEqualTo("0.0.0.0/0");
        assertThat(v4.size()).isEqualTo(BigInteger.ONE.shiftLeft(32));
        assertThat(IpPrefix.parse("2001:db8::/0").toString()).isEqualTo("::/0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/x", "256.0.0.0/8",
            "10.0.0/8", "10.0.0.0.0/8", "fd00::/129", "fd00:::1/64", "fd00::g/64", "example.com", "example.com/8",
            "localhost", "1.2.3.4:80", "[fd00::1]/64"})
    void refusesWhatIsNotAPrefix(String text) {
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containsChecksRangeAndFamily() {
        IpPrefix p = IpPrefix.parse("10.0.0.0/30");
        assertThat(p.contains(IpPrefix.parseAddress("10.0.0.0"))).isTrue();
        assertThat(p.contains(IpPrefix.parseAddress("10.0.0.3"))).isTrue();
        assertThat(p.contains(IpPrefix.parseAddress("10.0.0.4"))).isFalse();
        assertThat(p.contains(IpPrefix.parseAddress("9.255.255.255"))).isFalse();
        assertThat(p.contains(IpPrefix.parseAddress("::a00:0"))).isFalse(); // same 32 low bits, other family
        IpPrefix v6 = IpPrefix.parse("fd7a:115c:a1e0::/48");
        assertThat(v6.contains(IpPrefix.parseAddress("fd7a:115c:a1e0:1::1"))).isTrue();
        assertThat(v6.contains(IpPrefix.parseAddress("fd7a:115c:a1e1::"))).isFalse();
        assertThat(v6.contains(IpPrefix.parseAddress("100.64.0.1"))).isFalse();
    }

    @Test
    void numbersAndAddressesRoundTrip() {
        InetAddress a = IpPrefix.parseAddress("255.255.255.254");
        BigInteger n = IpPrefix.toNumber(a);
        assertThat(n).isEqualTo(BigInteger.valueOf(0xFFFF_FFFEL)); // no sign trouble with a high first byte
        assertThat(IpPrefix.toAddress(n, 4)).isEqualTo(a);
        assertThat(IpPrefix.format(IpPrefix.toAddress(BigInteger.ONE, 16))).isEqualTo("::1");
        assertThat(IpPrefix.format(IpPrefix.toAddress(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), 16)))
                .isEqualTo("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    @Test
    void ipv4FormatIsTheDottedQuad() {
        assertThat(IpPrefix.format(IpPrefix.parseAddress("100.64.0.1"))).isEqualTo("100.64.0.1");
        assertThat(IpPrefix.format(IpPrefix.parseAddress("0.0.0.0"))).isEqualTo("0.0.0.0");
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
    })
    void ipv6FormatFollowsRfc5952(String input, String canonical) {
        assertThat(IpPrefix.format(IpPrefix.parseAddress(input))).isEqualTo(canonical);
        // the canonical form is a fixed point
        assertThat(IpPrefix.format(IpPrefix.parseAddress(canonical))).isEqualTo(canonical);
    }

    @Test
    void ipv6PrefixTextUsesTheCanonicalForm() {
        assertThat(IpPrefix.parse("2001:0DB8:0000::/32").toString()).isEqualTo("2001:db8::/32");
        assertThat(IpPrefix.parse("::/0").toString()).isEqualTo("::/0");
    }
}
