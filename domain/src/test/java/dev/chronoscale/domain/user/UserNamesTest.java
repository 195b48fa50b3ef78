package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice", "al", "alice.smith", "alice_smith", "alice-smith",
            "alice+tailnet@example.com", "J\u00fcrgen", "\u5f20\u4f1f", "user42"})
    void acceptsLoginsEmailsAndHandlesUnchanged(String name) {
        assertThat(UserNames.validate(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void refusesEmptyNames(String name) {
        assertThatThrownBy(() -> UserNames.validate(name))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID))
                .hasMessageContaining("must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-alice", "_alice", ".alice", "@alice", "+alice", " alice", "alice ", "al ice",
            "alice/x", "alice\\x", "alice:x", "alice|x", "alice\nx", "alice%20", "alice?x", "alice#x", "a", "7", "7alice", "alice@x@y"})
    void refusesNamesThatBreakTablesOrUrls(String name) {
        assertThatThrownBy(() -> UserNames.validate(name))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID))
                .hasMessageContaining("is invalid");
    }

    @Test
    void acceptsExactlyTheMaximumLength() {
        String longest = "a".repeat(255);
        assertThat(UserNames.validate(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> UserNames.validate(longest + "a"))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("longer than 255");
    }
}
