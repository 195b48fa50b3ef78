package dev.chronoscale.domain.policy;

import java.util.List;

/** An entry of {@code nodeAttrs}: node capabilities given to every node that a target matches. */
public record NodeAttr(List<Alias> targets, List<String> attributes) {

    public NodeAttr {
        targets = List.copyOf(targets);
        attributes = List.copyOf(attributes);
    }
}
