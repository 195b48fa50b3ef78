/**
 * {@code tls_letsencrypt_*}: the public listener's certificate from an ACME CA (RFC 8555) with acme4j.
 * {@link dev.chronoscale.gateway.tls.acme.AcmeCertificates} serves, caches ({@code AcmeCache}, autocert's layout) and
 * renews it; {@code AcmeIssuer} runs one order; {@link dev.chronoscale.gateway.tls.acme.ChallengeResponses} holds
 * the answers while the CA validates: HTTP-01 tokens for {@link dev.chronoscale.gateway.tls.acme.Http01Responder} on
 * {@code tls_letsencrypt_listen}, TLS-ALPN-01 certificates for acme-tls/1 handshakes on the public port.
 */
package dev.chronoscale.gateway.tls.acme;
