package dev.chronoscale.history;

import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.policy.PolicyParser;
import org.axonframework.eventhandling.EventHandler;

import java.util.Optional;

/**
 * The text of the policy in force, as the netmap projection decides it: the last one set that still parses (a
 * policy that no longer parses leaves the previous one in force there too).
 */
final class PolicyText {

    private final PolicyParser parser = new PolicyParser();
    private String text;

    /** @param start the policy in force where the replay starts (a snapshot's), if any */
    PolicyText(Optional<String> start) {
        this.text = start.orElse(null);
    }

    @EventHandler
    void on(PolicyEvent event) {
        switch (event) {
            case PolicyUpdated e -> {
                try {
                    parser.parse(e.text());
                    text = e.text();
                } catch (InvalidPolicyException ignored) {
                    // the netmap keeps the previous policy; so does its text
                }
            }
        }
    }

    Optional<String> text() {
        return Optional.ofNullable(text);
    }
}
