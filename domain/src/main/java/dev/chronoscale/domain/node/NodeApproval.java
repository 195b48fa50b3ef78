package dev.chronoscale.domain.node;

/**
 * Whether a node takes part in the tailnet. With {@code node.approval: manual} a new node is {@link #PENDING}
 * until an administrator approves or refuses it; every other node, and every node registered before approval
 * existed, is {@link #APPROVED}. A pending or refused node is recorded but gets no peers and is nobody's peer.
 */
public enum NodeApproval {
    APPROVED, PENDING, REFUSED;

    public boolean isApproved() {
        return this == APPROVED;
    }
}
