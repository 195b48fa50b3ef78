package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.inventory.Tailnet;

/**
 * Compiles a policy against a node inventory. The expensive, node-independent work (alias resolution,
 * rule templates, the reachability index) happens once here; each node's netmap is then cut from it.
 */
public final class NetmapCompiler {

    private final String serverUrl;

    /** {@code serverUrl} is where clients call back for SSH {@code check} decisions. */
    public NetmapCompiler(String serverUrl) {
        this.serverUrl = serverUrl;
    }

    public CompiledTailnet compile(Policy policy, Tailnet tailnet) {
        return compile(policy, tailnet, new PeerViewPool());
    }

    /** Compiles reusing (and adding to) the peer views of earlier compiles. */
    public CompiledTailnet compile(Policy policy, Tailnet tailnet, PeerViewPool views) {
        return CompiledTailnet.compile(policy, tailnet, serverUrl, views);
    }
}
