package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainEvent;

/**
 * The events of nodes. The records live in {@link NodeEvents}, whose nested binary names are
 * the stored payload types: never move or rename them; change one only with a new revision and an upcaster.
 */
public sealed interface NodeEvent extends DomainEvent permits
        NodeEvents.NodeRegistered,
        NodeEvents.NodeRenamed,
        NodeEvents.NodeTagged,
        NodeEvents.NodeMoved,
        NodeEvents.NodeAddressesChanged,
        NodeEvents.NodeExpired,
        NodeEvents.NodeDeleted,
        NodeEvents.NodeKeyRotated,
        NodeEvents.NodeRoutesAdvertised,
        NodeEvents.NodeRoutesApproved,
        NodeEvents.NodeReachabilityChanged,
        NodeEvents.NodeClientReported,
        NodeEvents.NodeConnected,
        NodeEvents.NodeDisconnected,
        NodeEvents.NodeApproved,
        NodeEvents.NodeApprovalRefused,
        NodeEvents.SshCheckApproved,
        NodeEvents.SshCheckRejected {
}
