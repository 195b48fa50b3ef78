package dev.chronoscale.gateway.register;

import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyRefusedException;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;

import java.time.Clock;

/** The check a registering node's pre-auth key must pass. */
public final class PreAuthKeyCheck {

    private final InventoryQueries inventory;
    private final Clock clock;

    public PreAuthKeyCheck(InventoryQueries inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * Finds the key a node presents and checks it may be used now. Consuming it is part of the
     * registration command, so a single-use key cannot be used twice even by racing nodes.
     */
    public PreAuthKeyView authenticate(String presented) {
        SecretKey key = SecretKey.parsePresented(SecretKey.PREAUTH_MARKER, presented)
                .orElseThrow(() -> new PreAuthKeyRefusedException("invalid pre-auth key"));
        PreAuthKeyView stored = inventory.preAuthKeyByPrefix(key.prefix())
                .filter(k -> key.matches(k.secretHash()))
                .orElseThrow(() -> new PreAuthKeyRefusedException("invalid pre-auth key"));
        if (stored.isExpired(clock.instant())) {
            throw new PreAuthKeyRefusedException("pre-auth key " + stored.prefix() + " has expired");
        }
        if (stored.used() && !stored.reusable()) {
            throw new PreAuthKeyRefusedException("pre-auth key " + stored.prefix() + " has already been used");
        }
        return stored;
    }
}
