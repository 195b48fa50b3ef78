package dev.chronoscale.gateway.http;

import dev.chronoscale.gateway.ts2021.ServerKeyEndpoint;
import dev.chronoscale.gateway.ts2021.Ts2021Upgrade;

/**
 * The two paths where Tailscale clients enter, served before the JSON API: {@code GET /key} and
 * the {@code /ts2021} protocol switch.
 */
public record TailscaleEndpoints(ServerKeyEndpoint key, Ts2021Upgrade ts2021) {
}
