package dev.chronoscale.domain.tailnet;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.tailnet.TailnetCommands.ConfigureTailnet;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetConfigured;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static dev.chronoscale.domain.DomainMatchers.domainException;

class TailnetAggregateTest {

    private static final TailnetSettings DEFAULTS = new TailnetSettings("100.64.0.0/10", "fd7a:115c:a1e0::/48",
            "sequential", true, "ts.example.com", Duration.ofDays(180));

    private AggregateTestFixture<TailnetAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TailnetAggregate.class);
    }

    private static TailnetSettings withPrefixes(String v4, String v6) {
        return new TailnetSettings(v4, v6, "sequential", true, "ts.example.com", Duration.ofDays(180));
    }

    @Test
    void firstConfigurationHasNoPrevious() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTailnet(DEFAULTS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TailnetConfigured(null, DEFAULTS));
    }

    @Test
    void unchangedConfigurationRecordsNothing() {
        fixture.given(new TailnetConfigured(null, DEFAULTS))
                .when(new ConfigureTailnet(new TailnetSettings("100.64.0.0/10", "fd7a:115c:a1e0::/48",
                        "sequential", true, "ts.example.com", Duration.ofDays(180))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changedConfigurationRecordsPreviousAndCurrent() {
        TailnetSettings random = new TailnetSettings("100.64.0.0/10", "fd7a:115c:a1e0::/48", "random", false,
                "ts.example.com", null);
        fixture.given(new TailnetConfigured(null, DEFAULTS))
                .when(new ConfigureTailnet(random))
                .expectEvents(new TailnetConfigured(DEFAULTS, random));
    }

    @Test
    void secondChangeComparesAgainstTheLatestSettings() {
        TailnetSettings v6only = withPrefixes(null, "fd7a:115c:a1e0::/48");
        fixture.givenCommands(new ConfigureTailnet(DEFAULTS), new ConfigureTailnet(v6only))
                .when(new ConfigureTailnet(DEFAULTS))
                .expectEvents(new TailnetConfigured(v6only, DEFAULTS));
    }

    @Test
    void singleFamilyIsAllowed() {
        TailnetSettings v4only = withPrefixes("10.0.0.0/8", null);
        fixture.givenNoPriorActivity()
                .when(new ConfigureTailnet(v4only))
                .expectEvents(new TailnetConfigured(null, v4only));
    }

    @Test
    void noPrefixAtAllIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTailnet(withPrefixes(null, null)))
                .expectException(domainException(Kind.INVALID, "at least one"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "100.64.0.0/33", "100.64.0.0/", "100.64.0/10", "256.64.0.0/10", "tailnet.example/10",
            "100.64.0.0/ten"})
    void invalidIpv4PrefixIsRefused(String prefix) {
        fixture.given(new TailnetConfigured(null, DEFAULTS))
                .when(new ConfigureTailnet(withPrefixes(prefix, "fd7a:115c:a1e0::/48")))
                .expectException(domainException(Kind.INVALID))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fd7a:115c:a1e0::/129", "fd7a:115c:zz::/48", ":::/48"})
    void invalidIpv6PrefixIsRefused(String prefix) {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTailnet(withPrefixes("100.64.0.0/10", prefix)))
                .expectException(domainException(Kind.INVALID))
                .expectNoEvents();
    }

    @Test
    void ipv6PrefixInTheIpv4SlotIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTailnet(withPrefixes("fd7a:115c:a1e0::/48", null)))
                .expectException(domainException(Kind.INVALID, "is not an IPv4 prefix"))
                .expectNoEvents();
    }

    @Test
    void ipv4PrefixInTheIpv6SlotIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTailnet(withPrefixes(null, "100.64.0.0/10")))
                .expectException(domainException(Kind.INVALID, "is not an IPv6 prefix"))
                .expectNoEvents();
    }

    @Test
    void unknownAllocationStrategyIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTailnet(new TailnetSettings("100.64.0.0/10", null, "round-robin", true,
                        "ts.example.com", null)))
                .expectException(domainException(Kind.INVALID, "round-robin"))
                .expectNoEvents();
    }

    @Test
    void negativeDefaultExpiryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTailnet(new TailnetSettings("100.64.0.0/10", null, "random", true,
                        "ts.example.com", Duration.ofHours(-1))))
                .expectException(domainException(Kind.INVALID, "must not be negative"))
                .expectNoEvents();
    }
}
