/**
 * The client-facing entry points an HTTP/1.1 server routes to.
 *
 * <pre>{@code
 * ServerNoiseKey key = ServerNoiseKey.loadOrCreate(Path.of("data/noise_private.key"));
 * ServerKeyEndpoint keyEndpoint = new ServerKeyEndpoint(key);
 * Ts2021Upgrade ts2021 = new Ts2021Upgrade(key, machine -> new MachineRequestHandler(machine));
 *
 * // in a handler after HttpServerCodec + HttpObjectAggregator, on the event loop:
 * switch (new QueryStringDecoder(request.uri()).path()) {
 *     case ServerKeyEndpoint.PATH -> ctx.writeAndFlush(keyEndpoint.respond(request));
 *     case Ts2021Upgrade.PATH -> ts2021.install(ctx, request);  // takes the connection over
 *     ...
 * }
 * }</pre>
 *
 * After the switch every HTTP/2 stream of the connection gets a handler from the
 * {@link dev.chronoscale.gateway.ts2021.Http2StreamHandlerFactory}, which is told the
 * {@link dev.chronoscale.gateway.ts2021.AuthenticatedMachine} the Noise handshake proved.
 */
package dev.chronoscale.gateway.ts2021;
