package dev.chronoscale.gateway.machine;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.map.MapPollEndpoint;
import dev.chronoscale.gateway.register.NodeRegistrar;
import dev.chronoscale.gateway.sshcheck.SshActionEndpoint;
import dev.chronoscale.gateway.ts2021.AuthenticatedMachine;
import dev.chronoscale.gateway.ts2021.Http2StreamHandlerFactory;
import dev.chronoscale.gateway.ts2021.StreamReplies;
import dev.chronoscale.tailcfg.MapRequest;
import dev.chronoscale.tailcfg.RegisterRequest;
import dev.chronoscale.tailcfg.TailcfgJson;
import dev.chronoscale.tailcfg.TailcfgJson.MalformedMessageException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.concurrent.ExecutorService;

/**
 * The {@code /machine/*} requests on the HTTP/2 streams of an authenticated ts2021 connection.
 * Requests run on worker threads (they send commands and may wait a long time, as a register
 * follow-up does); responses go back on the stream they came from.
 */
public final class MachineRequestHandler implements Http2StreamHandlerFactory {

    /** Headscale's limit for Noise request bodies. */
    static final int MAX_REQUEST_BYTES = 1 << 20;
    private static final System.Logger LOG = System.getLogger(MachineRequestHandler.class.getName());

    private final NodeRegistrar registrar;
    private final MapPollEndpoint maps;
    private final SshActionEndpoint sshActions;
    private final ExecutorService workers;

    public MachineRequestHandler(NodeRegistrar registrar, MapPollEndpoint maps, SshActionEndpoint sshActions,
                                 ExecutorService workers) {
        this.registrar = registrar;
        this.maps = maps;
        this.sshActions = sshActions;
        this.workers = workers;
    }

    @Override
    public ChannelHandler newStreamHandler(AuthenticatedMachine machine) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES), new Dispatch(machine));
            }
        };
    }

    private final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final AuthenticatedMachine machine;

        Dispatch(AuthenticatedMachine machine) {
            this.machine = machine;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Channel stream = ctx.channel();
            String path = new QueryStringDecoder(request.uri()).path();
            byte[] body = ByteBufUtil.getBytes(request.content());
            boolean post = HttpMethod.POST.equals(request.method());
            switch (path) {
                case "/machine/register" -> {
                    if (post) {
                        workers.execute(() -> register(stream, body));
                    } else {
                        StreamReplies.text(stream, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
                    }
                }
                case "/machine/map" -> {
                    if (post) {
                        workers.execute(() -> map(stream, body));
                    } else {
                        StreamReplies.text(stream, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
                    }
                }
                case "/machine/update-health" -> StreamReplies.noContent(stream);
                default -> {
                    if (!SshActionEndpoint.handles(path)) {
                        StreamReplies.text(stream, HttpResponseStatus.NOT_IMPLEMENTED, "not implemented");
                    } else if (HttpMethod.GET.equals(request.method())) {
                        String uri = request.uri();
                        workers.execute(() -> sshAction(stream, uri));
                    } else {
                        StreamReplies.text(stream, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
                    }
                }
            }
        }

        private void register(Channel stream, byte[] body) {
            RegisterRequest request;
            try {
                request = TailcfgJson.read(body, RegisterRequest.class);
            } catch (MalformedMessageException e) {
                StreamReplies.text(stream, HttpResponseStatus.BAD_REQUEST, e.getMessage());
                return;
            }
            try {
                registrar.register(machine, request).whenComplete((response, failure) -> {
                    if (failure != null) {
                        failed(stream, "register", failure);
                    } else if (stream.isActive()) {
                        StreamReplies.json(stream, TailcfgJson.write(response));
                    }
                });
            } catch (RuntimeException failure) {
                failed(stream, "register", failure);
            }
        }

        private void map(Channel stream, byte[] body) {
            try {
                maps.poll(stream, machine, TailcfgJson.read(body, MapRequest.class));
            } catch (MalformedMessageException e) {
                StreamReplies.text(stream, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stream.close();
            } catch (DomainException refused) {
                if (refused.kind() == DomainException.Kind.INVALID) {
                    StreamReplies.text(stream, HttpResponseStatus.BAD_REQUEST, refused.getMessage());
                } else {
                    failed(stream, "map", refused);
                }
            } catch (RuntimeException failure) {
                failed(stream, "map", failure);
            }
        }

        private void sshAction(Channel stream, String uri) {
            try {
                sshActions.answer(stream, machine, uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stream.close();
            } catch (RuntimeException failure) {
                failed(stream, "SSH action", failure);
            }
        }

        private void failed(Channel stream, String what, Throwable failure) {
            LOG.log(System.Logger.Level.WARNING, what + " request from " + machine.machineKey() + " failed", failure);
            StreamReplies.text(stream, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
