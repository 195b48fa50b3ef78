// What a listed Node means, read the same way by the machines list, a machine's page and the home page.
import type { Node } from './inventory';
import { TAGGED_DEVICES } from './inventory';

export function ipv4(node: Node): string {
  return node.ipAddresses.find((address) => !address.includes(':')) ?? '';
}

export function ipv6(node: Node): string {
  return node.ipAddresses.find((address) => address.includes(':')) ?? '';
}

export function isTagged(node: Node): boolean {
  return node.tags.length > 0 || node.user?.name === TAGGED_DEVICES;
}

/** The owning user's name, or "tagged-devices" for a tagged node. */
export function ownerName(node: Node): string {
  return node.user?.name ?? '';
}

/** Routes the node advertises that nobody approved yet. */
export function waitingRoutes(node: Node): string[] {
  return node.availableRoutes.filter((route) => !node.approvedRoutes.includes(route));
}

export function keyExpired(node: Node, now = Date.now()): boolean {
  return node.expiry !== null && new Date(node.expiry).getTime() <= now;
}

/** Whether the node's key expires within {@code withinMs} from now (and has not yet). */
export function keyExpiresSoon(node: Node, withinMs: number, now = Date.now()): boolean {
  if (node.expiry === null) return false;
  const at = new Date(node.expiry).getTime();
  return at > now && at - now <= withinMs;
}

/** Name, addresses, owner and tags, lower case: what the machines search box looks in. */
export function searchText(node: Node): string {
  return [node.givenName, node.name, ...node.ipAddresses, ownerName(node), node.user?.email ?? '', ...node.tags]
    .join(' ').toLowerCase();
}
