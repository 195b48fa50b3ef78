package dev.chronoscale.history;

import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.policy.PolicyParser;
import org.axonframework.eventhandling.EventHandler;

import java.util.Optional;

/**
 * The text of the policy the netmap has in force: as {@code NetmapProjection} decides it, the last one set that
 * still parses (a text this build's parser refuses leaves the previous policy in force).
 */
final class PolicyInForce {

    private final PolicyParser parser = new PolicyParser();
    private Optional<String> text;

    PolicyInForce(Optional<String> text) {
        this.text = text;
    }

    @EventHandler
    void on(PolicyEvent event) {
        switch (event) {
            case PolicyUpdated e -> {
                try {
                    parser.parse(e.text());
                    text = Optional.of(e.text());
                } catch (InvalidPolicyException invalid) {
                    // the previous policy stays in force, as in the netmap
                }
            }
        }
    }

    Optional<String> text() {
        return text;
    }
}
