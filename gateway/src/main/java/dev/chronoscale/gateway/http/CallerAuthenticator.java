package dev.chronoscale.gateway.http;

import dev.chronoscale.domain.audit.AuditContext;

import java.util.Optional;

/** Turns a bearer token presented over the network into the caller's audit identity. */
@FunctionalInterface
public interface CallerAuthenticator {
    Optional<AuditContext> authenticate(String bearerToken, Optional<String> remoteAddress);
}
