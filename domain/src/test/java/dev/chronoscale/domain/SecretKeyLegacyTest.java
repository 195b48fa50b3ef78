package dev.chronoscale.domain;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys imported from Headscale keep working as they did there, and only those. */
class SecretKeyLegacyTest {

    /** The API key and its stored bcrypt hash from a real Headscale 0.26.1 database (shared/fixtures). */
    private static final String HEADSCALE_API_KEY = "-lELKal.h3t18vMaAL6VnBiehrc3x7WCA9eoKjZp";
    private static final String HEADSCALE_API_HASH = "$2a$10$jGuKkjVEWuG1Gq9mAvod6OUICOBy9hovyLGolmBaARSlmuxWvnGMy";
    private static final String HEADSCALE_026_PREAUTH_KEY = "36c40f9a89c02c6fc045cb0ffcc52bacafb9a8918c685ecf";

    @Test
    void aHeadscaleApiKeyOfBefore028MatchesItsBcryptHash() {
        SecretKey key = SecretKey.parsePresented(SecretKey.API_MARKER, HEADSCALE_API_KEY).orElseThrow();
        assertThat(key.prefix()).isEqualTo("-lELKal");
        assertThat(key.text()).isEqualTo(HEADSCALE_API_KEY);
        assertThat(key.matches(HEADSCALE_API_HASH)).isTrue();
        // Twice: the second check is answered from what the first one proved.
        assertThat(key.matches(HEADSCALE_API_HASH)).isTrue();
        SecretKey wrong = SecretKey.parsePresented(SecretKey.API_MARKER, "-lELKal.h3t18vMaAL6VnBiehrc3x7WCA9eoKjZq").orElseThrow();
        assertThat(wrong.matches(HEADSCALE_API_HASH)).isFalse();
    }

    @Test
    void aHeadscale028KeyMatchesItsBcryptHash() {
        SecretKey generated = SecretKey.generate(SecretKey.PREAUTH_MARKER);
        String hash = OpenBSDBCrypt.generate("2a", generated.secret().getBytes(StandardCharsets.UTF_8), new byte[16], 4);
        SecretKey presented = SecretKey.parsePresented(SecretKey.PREAUTH_MARKER, generated.text()).orElseThrow();
        assertThat(presented.matches(hash)).isTrue();
        SecretKey other = SecretKey.generate(SecretKey.PREAUTH_MARKER);
        assertThat(SecretKey.parsePresented(SecretKey.PREAUTH_MARKER,
                SecretKey.PREAUTH_MARKER + generated.prefix() + "-" + other.secret()).orElseThrow().matches(hash)).isFalse();
    }

    @Test
    void aPlainTextPreAuthKeyOfBefore028IsImportedAsItsPrefixAndTheHashOfTheRest() {
        SecretKey imported = SecretKey.legacyPreAuthKey(HEADSCALE_026_PREAUTH_KEY).orElseThrow();
        assertThat(imported.prefix()).isEqualTo("36c40f9a89c0");
        assertThat(imported.secretHash()).doesNotContain(HEADSCALE_026_PREAUTH_KEY.substring(12));
        SecretKey presented = SecretKey.parsePresented(SecretKey.PREAUTH_MARKER, HEADSCALE_026_PREAUTH_KEY).orElseThrow();
        assertThat(presented.prefix()).isEqualTo(imported.prefix());
        assertThat(presented.matches(imported.secretHash())).isTrue();
        assertThat(presented.text()).isEqualTo(HEADSCALE_026_PREAUTH_KEY);
        String changed = HEADSCALE_026_PREAUTH_KEY.substring(0, 47) + "0";
        assertThat(SecretKey.parsePresented(SecretKey.PREAUTH_MARKER, changed).orElseThrow().matches(imported.secretHash())).isFalse();
    }

    @Test
    void shapesOfTheOtherKindOrMalformedAreNotKeys() {
        assertThat(SecretKey.parsePresented(SecretKey.PREAUTH_MARKER, HEADSCALE_API_KEY)).isEmpty();
        assertThat(SecretKey.parsePresented(SecretKey.API_MARKER, HEADSCALE_026_PREAUTH_KEY)).isEmpty();
        assertThat(SecretKey.parsePresented(SecretKey.PREAUTH_MARKER, HEADSCALE_026_PREAUTH_KEY.toUpperCase())).isEmpty();
        assertThat(SecretKey.parsePresented(SecretKey.PREAUTH_MARKER, HEADSCALE_026_PREAUTH_KEY + "0")).isEmpty();
        assertThat(SecretKey.parsePresented(SecretKey.API_MARKER, "-lELKa.h3t18vMaAL6VnBiehrc3x7WCA9eoKjZp")).isEmpty();
        assertThat(SecretKey.parsePresented(SecretKey.API_MARKER, null)).isEmpty();
        assertThat(SecretKey.legacyPreAuthKey("hskey-auth-abc")).isEmpty();
    }

    @Test
    void aMalformedStoredBcryptHashMatchesNothing() {
        SecretKey key = SecretKey.parsePresented(SecretKey.API_MARKER, HEADSCALE_API_KEY).orElseThrow();
        assertThat(key.matches("$2a$10$short")).isFalse();
        assertThat(key.matches("$2a$10$jGuKkjVEWuG1Gq9mAvod6OUICOBy9hovyLGolmBaARSlmuxWvnGMz")).isFalse();
        assertThat(key.matches("$2a$04$jGuKkjVEWuG1Gq9mAvod6OUICOBy9hovyLGolmBaARSlmuxWvnGMy")).isFalse();
    }
}
