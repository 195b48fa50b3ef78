package dev.chronoscale.app.server;

import dev.chronoscale.gateway.http.ConnectionTakeover;
import dev.chronoscale.tailcfg.DerpMap;

import java.util.List;
import java.util.Optional;

/** The embedded relay, when {@code derp.server.enabled}, and what it adds to the public port and the DERP map. */
record DerpSetup(Optional<EmbeddedRelay> embedded) {

    List<ConnectionTakeover> takeovers() {
        return embedded.<List<ConnectionTakeover>>map(List::of).orElse(List.of());
    }

    DerpMap derpMap(DerpMap fromSources) {
        return embedded.map(relay -> relay.addTo(fromSources)).orElse(fromSources);
    }
}
