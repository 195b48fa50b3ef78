package dev.chronoscale.admin.login.oidc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider identifiers Headscale's OIDCClaims.Identifier gives (its users_test.go cases), so imported users match. */
class ProviderIdentifiersTest {

    @ParameterizedTest
    @CsvSource({
            "https://sso.example.com/realms/corp, 6f1c, https://sso.example.com/realms/corp/6f1c",
            "https://sso.example.com/realms/corp/, /6f1c, https://sso.example.com/realms/corp/6f1c",
            "HTTPS://accounts.google.com, 1234, https://accounts.google.com/1234",
            "https://login.example.com//tenant//, sub, https://login.example.com/tenant/sub",
            "not-a-url, sub, /not-a-url/sub"
    })
    void issuerAndSubjectAreJoinedAsHeadscaleJoinsThem(String issuer, String subject, String expected) {
        assertThat(ProviderIdentifiers.of(issuer, subject)).isEqualTo(expected);
    }
}
