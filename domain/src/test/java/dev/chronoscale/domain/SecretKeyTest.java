package dev.chronoscale.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretKeyTest {

    @Test
    void generatedKeysHaveHeadscalesShapeAndParseBack() {
        SecretKey key = SecretKey.generate(SecretKey.PREAUTH_MARKER);
        assertThat(key.text()).hasSize(88).startsWith("hskey-auth-");
        SecretKey parsed = SecretKey.parse(SecretKey.PREAUTH_MARKER, key.text()).orElseThrow();
        assertThat(parsed.prefix()).isEqualTo(key.prefix());
        assertThat(parsed.matches(key.secretHash())).isTrue();
        assertThat(SecretKey.generate(SecretKey.API_MARKER).text()).hasSize(87).startsWith("hskey-api-");
    }

    @Test
    void aKeyWithAChangedSecretDoesNotMatch() {
        SecretKey key = SecretKey.generate(SecretKey.API_MARKER);
        String text = key.text();
        String tampered = text.substring(0, text.length() - 1) + (text.endsWith("x") ? "y" : "x");
        assertThat(SecretKey.parse(SecretKey.API_MARKER, tampered).orElseThrow().matches(key.secretHash())).isFalse();
    }

    @Test
    void malformedKeysAreNotKeys() {
        String good = SecretKey.generate(SecretKey.API_MARKER).text();
        assertThat(SecretKey.parse(SecretKey.PREAUTH_MARKER, good)).isEmpty();
        assertThat(SecretKey.parse(SecretKey.API_MARKER, good.substring(0, 80))).isEmpty();
        assertThat(SecretKey.parse(SecretKey.API_MARKER, good + "a")).isEmpty();
        assertThat(SecretKey.parse(SecretKey.API_MARKER, good.replace(good.charAt(22), '.'))).isEmpty();
        assertThat(SecretKey.parse(SecretKey.API_MARKER, null)).isEmpty();
        assertThat(SecretKey.parse(SecretKey.API_MARKER, "abc1234.0123456789abcdef0123456789abcdef")).isEmpty();
    }

    @Test
    void theTextFormNeverShowsTheSecret() {
        SecretKey key = SecretKey.generate(SecretKey.PREAUTH_MARKER);
        assertThat(key.toString()).isEqualTo("hskey-auth-" + key.prefix() + "-***").doesNotContain(key.secret());
    }
}
