package dev.chronoscale.netmap.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** The policy-dependent part of a tailcfg.Node in a MapResponse's Peers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PeerView(@JsonProperty("ID") long id,
                       @JsonProperty("Name") String name,
                       @JsonProperty("AllowedIPs") List<String> allowedIps,
                       @JsonProperty("PrimaryRoutes") List<String> primaryRoutes) {

    public PeerView {
        allowedIps = List.copyOf(allowedIps);
        primaryRoutes = List.copyOf(primaryRoutes);
    }

    /** As a record's, but a view compared with itself (the compiler shares one per peer) is not taken apart. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof PeerView view && id == view.id && name.equals(view.name)
                && allowedIps.equals(view.allowedIps) && primaryRoutes.equals(view.primaryRoutes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, allowedIps, primaryRoutes);
    }
}
