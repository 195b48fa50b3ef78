package dev.chronoscale.history;

import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapProjection;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The live netmap projection's handlers feeding a netmap that {@linkplain Netmap#derivingOnDemand derives on demand},
 * from a snapshot's users and nodes or from the empty tailnet, with the policy in force and the sessions beside them.
 * The policy is held back while the events are replayed and put in force once at the end: it is compiled once, when a
 * node's netmap is first read, against the final nodes rather than at every change; the result is the same.
 */
final class NetmapFeed {

    private final Netmap netmap;
    private final AnnotationEventHandlerAdapter projection;
    private final Sessions sessions;
    private final AnnotationEventHandlerAdapter sessionEvents;
    private final PolicyInForce policy;
    private final AnnotationEventHandlerAdapter policyEvents;
    private final PolicyParser parser;

    NetmapFeed(NetmapCompiler compiler, PolicyParser parser, Optional<HistoryState.NetmapPart> from) {
        this.parser = parser;
        this.netmap = Netmap.derivingOnDemand(compiler);
        from.ifPresent(state -> state.netmap().restoreInto(netmap));
        this.projection = new AnnotationEventHandlerAdapter(new NetmapProjection(netmap));
        this.sessions = new Sessions(from.map(HistoryState.NetmapPart::sessions).orElse(SessionState.NONE));
        this.sessionEvents = new AnnotationEventHandlerAdapter(sessions);
        this.policy = new PolicyInForce(from.flatMap(HistoryState.NetmapPart::policy));
        this.policyEvents = new AnnotationEventHandlerAdapter(policy);
    }

    void handle(EventMessage<?> event) throws Exception {
        if (event.getPayload() instanceof PolicyEvent) {
            policyEvents.handle(event);
        } else {
            projection.handle(event);
            sessionEvents.handle(event);
        }
    }

    /** The netmap's users and nodes and the policy text in force, as they stand: what a snapshot keeps of this feed. */
    NetmapContents contents() {
        return NetmapContents.of(netmap);
    }

    Optional<String> policyText() {
        return policy.text();
    }

    NetmapAt at(Instant instant, long events, long replayed) {
        policy.text().ifPresent(text -> {
            try {
                netmap.policyReplaced(parser.parse(text));
            } catch (InvalidPolicyException e) {
                // PolicyInForce and the snapshot check only let texts through that parse.
                throw new IllegalStateException("a policy that parsed no longer does", e);
            }
        });
        SessionState state = sessions.state();
        return new NetmapAt(instant, events, replayed, netmap, state.connected(), state.lastSeen(), policy.text());
    }
}
