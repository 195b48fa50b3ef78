package dev.chronoscale.derp.mesh;

import dev.chronoscale.derp.crypto.MeshKey;
import dev.chronoscale.derp.server.DerpServer;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * All mesh links of one relay: one {@link MeshLink} to every other relay of its region (derper's
 * {@code --mesh-with}). Every relay of the region runs the same configuration with its own URL left out
 * (or in: a link to oneself is recognised by the key and ignored).
 */
public final class RegionMesh implements AutoCloseable {
    private final List<MeshLink> links;

    private RegionMesh(List<MeshLink> links) {
        this.links = links;
    }

    public static RegionMesh start(DerpServer local, List<URI> peers, EventLoopGroup group, boolean insecureTls) {
        MeshKey key = local.config().meshKey()
                .orElseThrow(() -> new IllegalStateException("meshing needs a mesh key in the relay's config"));
        List<MeshLink> links = new ArrayList<>();
        for (URI peer : peers) {
            MeshLink link = new MeshLink(local, peer, key, group, insecureTls);
            link.start();
            links.add(link);
        }
        return new RegionMesh(List.copyOf(links));
    }

    public List<MeshLink> links() {
        return links;
    }

    @Override
    public void close() {
        links.forEach(MeshLink::close);
    }
}
