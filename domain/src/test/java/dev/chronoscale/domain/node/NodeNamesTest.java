package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeNamesTest {

    private final InMemoryUniquenessRegistry claims = new InMemoryUniquenessRegistry();

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Alice's MacBook Pro | alices-macbook-pro",
            "laptop | laptop",
            "LAPTOP-7 | laptop-7",
            "laptop.local | laptop",
            "db1.internal.example.com | db1",
            "Ünïcödé Host | unicode-host",
            "my_host  name | my-host-name",
            "--weird--name-- | weird-name",
            "a!!b??c | a-b-c",
            ".hidden | hidden",
            "日本語 | node",
            "'''' | node",
            "--- | node",
    })
    void dnsSafeTurnsHostnamesIntoLabels(String hostname, String label) {
        assertThat(NodeNames.dnsSafe(hostname)).isEqualTo(label);
        assertThat(NodeNames.validateGiven(NodeNames.dnsSafe(hostname))).isEqualTo(label);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void dnsSafeFallsBackToNodeForNothing(String hostname) {
        assertThat(NodeNames.dnsSafe(hostname)).isEqualTo("node");
    }

    @Test
    void dnsSafeCutsLongNamesToOneLabelWithoutTrailingHyphen() {
        String long70 = "a".repeat(70);
        assertThat(NodeNames.dnsSafe(long70)).isEqualTo("a".repeat(63));

        // the 63rd character is a hyphen: it must not survive the cut
        String hyphenAtCut = "b".repeat(62) + "-cdef";
        assertThat(NodeNames.dnsSafe(hyphenAtCut)).isEqualTo("b".repeat(62));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "db-1", "alices-macbook-pro", "x--y"})
    void validateGivenAcceptsDnsLabels(String name) {
        assertThat(NodeNames.validateGiven(name)).isEqualTo(name);
    }

    @Test
    void validateGivenAcceptsSixtyThreeCharactersButNotSixtyFour() {
        assertThat(NodeNames.validateGiven("a".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> NodeNames.validateGiven("a".repeat(64))).isInstanceOf(DomainException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-a", "a-", "-", "Laptop", "lap_top", "lap.top", "lap top", "läptop", " laptop"})
    void validateGivenRefusesWhatIsNotALowerCaseLabel(String name) {
        assertThatThrownBy(() -> NodeNames.validateGiven(name))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID))
                .hasMessageContaining("node name");
    }

    @Test
    void claimUniqueTakesTheBaseWhenFree() {
        assertThat(NodeNames.claimUnique("laptop", claims, "node:1")).isEqualTo("laptop");
        assertThat(claims.owner(ClaimKind.NODE_NAME, "laptop")).contains("node:1");
    }

    @Test
    void claimUniqueAddsTheFirstFreeNumber() {
        claims.claim(ClaimKind.NODE_NAME, "laptop", "node:1");
        claims.claim(ClaimKind.NODE_NAME, "laptop-1", "node:2");
        claims.claim(ClaimKind.NODE_NAME, "laptop-3", "node:3");

        assertThat(NodeNames.claimUnique("laptop", claims, "node:4")).isEqualTo("laptop-2");
        assertThat(NodeNames.claimUnique("laptop", claims, "node:5")).isEqualTo("laptop-4");
        assertThat(claims.owner(ClaimKind.NODE_NAME, "laptop-2")).contains("node:4");
        assertThat(claims.owner(ClaimKind.NODE_NAME, "laptop-4")).contains("node:5");
    }

    @Test
    void claimUniqueKeepsANameTheOwnerAlreadyHolds() {
        claims.claim(ClaimKind.NODE_NAME, "laptop", "node:1");
        assertThat(NodeNames.claimUnique("laptop", claims, "node:1")).isEqualTo("laptop");
    }

    @Test
    void claimUniqueShortensLongNamesToFitTheSuffix() {
        String base = "a".repeat(63);
        claims.claim(ClaimKind.NODE_NAME, base, "node:1");

        String got = NodeNames.claimUnique(base, claims, "node:2");

        assertThat(got).isEqualTo("a".repeat(61) + "-1").hasSize(63);
        assertThat(NodeNames.validateGiven(got)).isEqualTo(got);
    }
}
