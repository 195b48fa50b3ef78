// The parts of a Tailscale MapResponse (GET /api/v1/history/netmap) the machine page shows; tailcfg's JSON names.

export interface Hostinfo {
  Hostname?: string;
  OS?: string;
  OSVersion?: string;
  IPNVersion?: string;
  DeviceModel?: string;
}

export interface NetmapNode {
  ID: number;
  StableID: string;
  Name: string;
  User: number;
  Addresses?: string[];
  AllowedIPs?: string[];
  PrimaryRoutes?: string[];
  Tags?: string[];
  Hostinfo?: Hostinfo;
  Online?: boolean;
  LastSeen?: string;
  KeyExpiry?: string;
}

export interface FilterRule {
  SrcIPs?: string[];
  DstPorts?: { IP: string; Ports: { First: number; Last: number } }[];
  IPProto?: number[];
}

export interface MapResponse {
  Node: NetmapNode;
  Peers?: NetmapNode[];
  PacketFilters?: Record<string, FilterRule[] | null>;
  PacketFilter?: FilterRule[];
  UserProfiles?: { ID: number; LoginName: string; DisplayName: string }[];
  Domain?: string;
}
