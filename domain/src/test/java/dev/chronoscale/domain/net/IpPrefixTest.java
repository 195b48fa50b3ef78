package dev.chronoscale.domain.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpPrefixTest {

    /** The two ways of reading a prefix; what they share is tested with both. */
    enum Rule {
        EXACT(IpPrefix::parse),
        LENIENT(IpPrefix::parseLenient);

        private final Function<String, IpPrefix> parser;

        Rule(Function<String, IpPrefix> parser) {
            this.parser = parser;
        }

        IpPrefix parse(String text) {
            return parser.apply(text);
        }
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void parsesIpv4PrefixAndClearsHostBits(Rule rule) {
        IpPrefix p = rule.parse("100.64.12.34/10");
        assertThat(p.toString()).isEqualTo("100.64.0.0/10");
        assertThat(p.bits()).isEqualTo(10);
        assertThat(p.address().v6()).isFalse();
        assertThat(p.address().bitLength()).isEqualTo(32);
        // 100.64.0.0 = 100 * 2^24 + 64 * 2^16
        assertThat(p.address().number()).isEqualTo(BigInteger.valueOf(100L * (1 << 24) + 64L * (1 << 16)));
        assertThat(p.size()).isEqualTo(BigInteger.valueOf(1L << 22));
        assertThat(p.last().toString()).isEqualTo("100.127.255.255");
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void parsesIpv6PrefixAndClearsHostBits(Rule rule) {
        IpPrefix p = rule.parse("fd7a:115c:a1e0:ab12:4843:cd96:6258:b240/48");
        assertThat(p.toString()).isEqualTo("fd7a:115c:a1e0::/48");
        assertThat(p.address().v6()).isTrue();
        assertThat(p.address().bitLength()).isEqualTo(128);
        assertThat(p.size()).isEqualTo(BigInteger.ONE.shiftLeft(80));
        assertThat(p.last().toString()).isEqualTo("fd7a:115c:a1e0:ffff:ffff:ffff:ffff:ffff");
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void prefixesWithTheSameNetworkAreEqual(Rule rule) {
        assertThat(rule.parse("10.1.2.3/8")).isEqualTo(rule.parse("10.0.0.0/8"));
        assertThat(rule.parse("10.0.0.0/8")).isNotEqualTo(rule.parse("10.0.0.0/9"));
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void bareAddressIsAHostPrefix(Rule rule) {
        assertThat(rule.parse("192.168.1.7").toString()).isEqualTo("192.168.1.7/32");
        assertThat(rule.parse("fd7a:115c:a1e0::53").toString()).isEqualTo("fd7a:115c:a1e0::53/128");
        assertThat(rule.parse("fd7a:115c:a1e0::53").isSingleAddress()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void zeroLengthPrefixesCoverEverything(Rule rule) {
        IpPrefix v4 = rule.parse("1.2.3.4/0");
        assertThat(v4.toString()).isEqualTo("0.0.0.0/0");
        assertThat(v4.size()).isEqualTo(BigInteger.ONE.shiftLeft(32));
        assertThat(v4.isDefaultRoute()).isTrue();
        assertThat(rule.parse("2001:db8::/0").toString()).isEqualTo("::/0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/x", "256.0.0.0/8",
            "10.0.0/8", "10.0.0.0.0/8", "fd00::/129", "fd00:::1/64", "fd00::g/64", "example.com", "example.com/8",
            "localhost", "1.2.3.4:80", "[fd00::1]/64", "10.0.0.0/ 8", "1.2.3.4/32/1", "fe80::1%eth0", ".::1",
            "0010.0.0.0/8", "::ffff:0:0/96"})
    void refusesWhatIsNotAPrefix(String text) {
        for (Rule rule : Rule.values()) {
            assertThatThrownBy(() -> rule.parse(text)).as(rule.name()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void lenientRuleAcceptsWhatOperatorsHaveAlwaysBeenAllowedToWrite() {
        assertThat(IpPrefix.parseLenient(" 10.0.0.1/24 ").toString()).isEqualTo("10.0.0.0/24");
        assertThat(IpPrefix.parseLenient("010.001.000.001/8").toString()).isEqualTo("10.0.0.0/8");
        assertThat(IpPrefix.parseLenient("10.0.0.0/+8").toString()).isEqualTo("10.0.0.0/8");
        assertThat(IpPrefix.parseLenient("10.0.0.0/0008").toString()).isEqualTo("10.0.0.0/8");
        assertThat(IpPrefix.parseLenient("\t192.168.1.7\n").toString()).isEqualTo("192.168.1.7/32");
    }

    /** Policies are read as Tailscale reads them; an octet with a leading zero could be meant as octal. */
    @ParameterizedTest
    @ValueSource(strings = {" 10.0.0.1/24 ", "10.0.0.1 ", "010.001.000.001/8", "10.0.0.0/+8", "10.0.0.0/0008",
            "10.0.0.0/8 ", "00.0.0.0/0"})
    void exactRuleRefusesWhatOnlyTheLenientOneAccepts(String text) {
        assertThat(IpPrefix.parseLenient(text)).isNotNull();
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void ipv4MappedAddressesAreIpv4(Rule rule) {
        assertThat(rule.parse("::ffff:10.1.2.3/24").toString()).isEqualTo("10.1.2.0/24");
        assertThat(rule.parse("::ffff:a00:1").toString()).isEqualTo("10.0.0.1/32");
    }

    @Test
    void containsChecksRangeAndFamily() {
        IpPrefix p = IpPrefix.parse("10.0.0.0/30");
        assertThat(p.contains(IpAddress.parse("10.0.0.0"))).isTrue();
        assertThat(p.contains(IpAddress.parse("10.0.0.3"))).isTrue();
        assertThat(p.contains(IpAddress.parse("10.0.0.4"))).isFalse();
        assertThat(p.contains(IpAddress.parse("9.255.255.255"))).isFalse();
        assertThat(p.contains(IpAddress.parse("::a00:0"))).isFalse(); // same 32 low bits, other family
        IpPrefix v6 = IpPrefix.parse("fd7a:115c:a1e0::/48");
        assertThat(v6.contains(IpAddress.parse("fd7a:115c:a1e0:1::1"))).isTrue();
        assertThat(v6.contains(IpAddress.parse("fd7a:115c:a1e1::"))).isFalse();
        assertThat(v6.contains(IpAddress.parse("100.64.0.1"))).isFalse();
    }

    @Test
    void numbersAndAddressesRoundTrip() {
        IpAddress a = IpAddress.parse("255.255.255.254");
        BigInteger n = a.number();
        assertThat(n).isEqualTo(BigInteger.valueOf(0xFFFF_FFFEL)); // no sign trouble with a high first byte
        assertThat(IpAddress.ofNumber(false, n)).isEqualTo(a);
        assertThat(IpAddress.ofNumber(true, BigInteger.ONE).toString()).isEqualTo("::1");
        BigInteger allOnes = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        assertThat(IpAddress.ofNumber(true, allOnes).toString()).isEqualTo("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(IpAddress.ofNumber(true, allOnes).number()).isEqualTo(allOnes);
        assertThat(IpAddress.parse("fd7a:115c:a1e0::8000:1").number())
                .isEqualTo(new BigInteger("fd7a115ca1e000000000000080000001", 16));
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void ipv6PrefixTextUsesTheCanonicalForm(Rule rule) {
        assertThat(rule.parse("2001:0DB8:0000::/32").toString()).isEqualTo("2001:db8::/32");
        assertThat(rule.parse("::/0").toString()).isEqualTo("::/0");
    }

    @Test
    void outOfRangeLengthNamesTheAddress() {
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).hasMessage("prefix length 33 is out of range for 10.0.0.0");
        assertThatThrownBy(() -> IpPrefix.parseLenient("10.0.0.0/x")).hasMessage("'10.0.0.0/x' is not a valid prefix: bad prefix length");
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0/8")).hasMessage("'10.0.0' is not an IP address");
    }
}
