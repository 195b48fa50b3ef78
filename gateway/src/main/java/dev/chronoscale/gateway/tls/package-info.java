/**
 * TLS on the public listener, as Headscale serves it without a reverse proxy.
 *
 * <ul>
 *   <li>{@link dev.chronoscale.gateway.tls.TlsHandshakeSelector} is a TLS connection's first handler: it reads the
 *       ClientHello ({@link dev.chronoscale.gateway.tls.ClientHello}: server name, ALPN), asks
 *       {@link dev.chronoscale.gateway.tls.ServerCertificates} for the context, and puts its {@code SslHandler}
 *       in its place, so every new connection gets the certificate current at that moment.</li>
 *   <li>{@link dev.chronoscale.gateway.tls.CertificateFiles}: {@code tls_cert_path}/{@code tls_key_path}, read in
 *       Headscale's PEM formats ({@link dev.chronoscale.gateway.tls.Pem}), checked as a pair
 *       ({@link dev.chronoscale.gateway.tls.ServedCertificate}), and read again when they change.</li>
 *   <li>{@code acme}: certificates from an ACME CA with acme4j, cached as Headscale's autocert caches them.</li>
 * </ul>
 */
package dev.chronoscale.gateway.tls;
