package dev.chronoscale.admin.login;

import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.gateway.http.OperatorRequest;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorLoginTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Optional<String> REMOTE = Optional.of("192.0.2.7");

    private final SecretKey key = SecretKey.generate(SecretKey.API_MARKER);
    private final OperatorLogin login = new OperatorLogin(new ApiKeyLogin(new InventoryQueries(null) {
        @Override
        public Optional<ApiKeyView> apiKeyByPrefix(String prefix) {
            return Optional.of(new ApiKeyView(7, key.prefix(), key.secretHash(), NOW.plusSeconds(60), NOW.minusSeconds(3600)))
                    .filter(k -> k.prefix().equals(prefix));
        }
    }, Clock.fixed(NOW, ZoneOffset.UTC)));

    private static OperatorRequest overTcp(HttpHeaders headers) {
        return new OperatorRequest(HttpMethod.GET, "/api/v1/user", Map.of(), headers, new byte[0], REMOTE, Optional.empty());
    }

    @Test
    void aValidApiKeyWithoutARoleLogsInAsItsPrefixWithTheAdminRole() {
        Principal principal = login.login(overTcp(new DefaultHttpHeaders().set("Authorization", "Bearer " + key.text())));

        assertThat(principal.identity()).isEqualTo(new Identity.ApiKey(key.prefix()));
        assertThat(principal.roles()).containsExactly(UserRole.ADMIN);
        assertThat(principal.auditContext())
                .isEqualTo(new AuditContext(ActorType.API_KEY, key.prefix(), REMOTE, Optional.empty()));
    }

    @Test
    void aForgedKeyOrAnotherSchemeStaysAnonymous() {
        String forged = SecretKey.API_MARKER + key.prefix() + "-" + "a".repeat(64);

        assertThat(login.login(overTcp(new DefaultHttpHeaders().set("Authorization", "Bearer " + forged))).identity())
                .isEqualTo(new Identity.Anonymous());
        assertThat(login.login(overTcp(new DefaultHttpHeaders().set("Authorization", "Basic " + key.text()))).identity())
                .isEqualTo(new Identity.Anonymous());
        assertThat(login.login(overTcp(new DefaultHttpHeaders())).may(Permission.READ)).isFalse();
    }

    @Test
    void aUnixSocketPeerIsALocalCliUserNamedByItsUid() {
        OperatorRequest local = new OperatorRequest(HttpMethod.GET, "/api/v1/user", Map.of(), new DefaultHttpHeaders(),
                new byte[0], Optional.empty(), Optional.of(new OperatorRequest.UnixPeer(OptionalInt.of(0))));

        Principal principal = login.login(local);

        assertThat(principal.identity()).isEqualTo(new Identity.LocalCliUser("root"));
        assertThat(principal.roles()).containsExactly(UserRole.ADMIN);
        assertThat(principal.auditContext())
                .isEqualTo(new AuditContext(ActorType.LOCAL_CLI, "root", Optional.empty(), Optional.empty()));
    }

    @Test
    void aUnixSocketPeerWhoseUidIsUnknownIsStillTheLocalCli() {
        OperatorRequest local = new OperatorRequest(HttpMethod.GET, "/api/v1/user", Map.of(), new DefaultHttpHeaders(),
                new byte[0], Optional.empty(), Optional.of(new OperatorRequest.UnixPeer(OptionalInt.empty())));

        assertThat(login.login(local).identity()).isEqualTo(new Identity.LocalCliUser("unknown"));
    }

    @Test
    void theReasonHeaderLandsInTheAuditContext() {
        Principal principal = login.login(overTcp(new DefaultHttpHeaders()
                .set("Authorization", "Bearer " + key.text())
                .set(OperatorLogin.REASON_HEADER, "ticket OPS-12")));

        assertThat(principal.reason()).contains("ticket OPS-12");
        assertThat(principal.auditContext().reason()).contains("ticket OPS-12");
    }
}
