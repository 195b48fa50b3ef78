// Who may reach what, as the API writes it (docs/api.md, AccessRow).
export interface AccessRow {
  /** The rule's src as written, e.g. "alice@" or "tag:server". */
  source: string;
  sourceIps: string[];
  destination: { id: string; name: string; addresses: string[] };
  /** The node's addresses, or the subnet routes it serves. */
  destinationIps: string[];
  protocol: string;
  ports: string;
  /** acls[i] or grants[i], counted from 0. */
  rule: string;
  ruleText: string;
}

/** GET /api/v1/history/access */
export interface AccessAnswer {
  at: string;
  policyInForce: boolean;
  rows: AccessRow[];
}

/** POST /api/v1/policy/impact, and the access part of GET /api/v1/history/diff */
export interface AccessChange {
  gained: AccessRow[];
  lost: AccessRow[];
}
