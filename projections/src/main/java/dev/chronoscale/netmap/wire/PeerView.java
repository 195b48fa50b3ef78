package dev.chronoscale.netmap.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
}
