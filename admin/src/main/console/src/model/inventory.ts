// The REST API's inventory shapes as /api/v1 writes them (docs/api.md): ids are strings, times RFC 3339 or null.

export interface User {
  id: string;
  name: string;
  createdAt: string;
  displayName: string;
  email: string;
  /** "<issuer>/<subject>" for a user known to an identity provider, else "". */
  providerId: string;
  /** "oidc" or "". */
  provider: string;
  profilePicUrl: string;
  /** Absent on the tagged-devices owner. */
  roles?: string[];
  idpRoles?: string[];
}

export interface PreAuthKey {
  /** Null for a tag-only key. */
  user: User | null;
  id: string;
  /** The full key only in the creation answer; lists show hskey-auth-<prefix>-***. */
  key: string;
  reusable: boolean;
  ephemeral: boolean;
  used: boolean;
  expiration: string;
  createdAt: string;
  aclTags: string[];
  preApproved?: boolean;
}

export type Approval = 'approved' | 'pending' | 'refused';

export interface Node {
  id: string;
  machineKey: string;
  nodeKey: string;
  discoKey: string;
  ipAddresses: string[];
  name: string;
  /** A tagged node's owner is Headscale's tagged-devices user. */
  user: User | null;
  lastSeen: string | null;
  expiry: string | null;
  preAuthKey: PreAuthKey | null;
  createdAt: string;
  registerMethod: string;
  givenName: string;
  online: boolean;
  approvedRoutes: string[];
  availableRoutes: string[];
  subnetRoutes: string[];
  tags: string[];
  approval: Approval;
}

export interface ApiKey {
  id: string;
  /** hskey-api-<prefix>-*** */
  prefix: string;
  expiration: string;
  createdAt: string;
  lastSeen: string | null;
  /** Absent for a key with full access. */
  role?: string;
}

export interface UserGroups {
  userId: string;
  userName: string;
  idpGroups: string[];
  policyGroups: string[];
  at?: string;
}

export interface GroupSync {
  issuer: string;
  linkedUsers: number;
  changes: { userId: string; userName: string; added: string[]; removed: string[] }[];
}

export interface SshCheck {
  id: string;
  sourceNodeId: string;
  destinationNodeId: string;
  sshUser: string;
  localUser: string;
  checkPeriod: string;
  openedAt: string;
  decision: 'pending' | 'approved' | 'rejected';
  decidedAt: string | null;
  decidedBy: string | null;
}

/** The roles an operator may give (docs/identity.md#roles). */
export const ROLES = ['admin', 'network-admin', 'auditor', 'member'] as const;

/** The roles an API key may carry; none is full access. */
export const API_KEY_ROLES = ['admin', 'network-admin', 'auditor'] as const;

/** Headscale 0.28's owner of tagged nodes. */
export const TAGGED_DEVICES = 'tagged-devices';
