package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code tailcfg.MapRequest}, the body of {@code POST /machine/map}. */
public record MapRequest(
        @JsonProperty("Version") int version,
        @JsonProperty("Compress") String compress,
        @JsonProperty("KeepAlive") boolean keepAlive,
        @JsonProperty("NodeKey") String nodeKey,
        @JsonProperty("DiscoKey") String discoKey,
        @JsonProperty("Stream") boolean stream,
        @JsonProperty("OmitPeers") boolean omitPeers,
        @JsonProperty("Hostinfo") Hostinfo hostinfo,
        @JsonProperty("Endpoints") List<String> endpoints) {

    public boolean wantsZstd() {
        return "zstd".equals(compress);
    }

    /** The dedicated update routine's request: new endpoints or hostinfo, no map wanted back. */
    public boolean isLiteUpdate() {
        return !stream && omitPeers;
    }

    /** A disco key other than the zero key a client sends before it has one. */
    public boolean hasDiscoKey() {
        return discoKey != null && discoKey.startsWith("discokey:") && !discoKey.matches("discokey:0{64}");
    }
}
