package dev.chronoscale.gateway.tls;

import io.netty.handler.ssl.SslContext;

import java.util.concurrent.CompletableFuture;

/**
 * Where the public listener's certificate comes from (files, or an ACME CA), asked once per connection so a
 * new certificate reaches every connection opened after it arrived.
 */
public interface ServerCertificates {

    /** The TLS context to answer {@code hello} with; not complete while the certificate it needs is still coming. */
    CompletableFuture<SslContext> contextFor(ClientHello hello);
}
