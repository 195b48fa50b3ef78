package dev.chronoscale.gateway.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a TLS connection: it reads the ClientHello, asks the {@link ServerCertificates} which
 * context answers it (the served certificate, or an ACME challenge's), and puts that context's
 * {@link SslHandler} in its own place, under the same name.
 */
public final class TlsHandshakeSelector extends SslClientHelloHandler<SslContext> {

    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeSelector.class);

    private final ServerCertificates certificates;

    public TlsHandshakeSelector(ServerCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) {
        Promise<SslContext> promise = ctx.executor().newPromise();
        ClientHello hello = clientHello == null ? new ClientHello(java.util.Optional.empty(), java.util.List.of())
                : ClientHello.parse(clientHello);
        certificates.contextFor(hello).whenComplete((context, failure) -> {
            if (failure != null) {
                promise.tryFailure(failure);
            } else {
                promise.trySuccess(context);
            }
        });
        return promise;
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<SslContext> future) {
        if (!future.isSuccess()) {
            LOG.debug("TLS connection from {} refused: {}", ctx.channel().remoteAddress(), future.cause().getMessage());
            ctx.close();
            return;
        }
        SslHandler tls = future.getNow().newHandler(ctx.alloc());
        ctx.pipeline().replace(this, ctx.name(), tls);
    }
}
