// One machine: its facts, routes (approve each), peers and netmap as the slider's instant saw them, its events, and
// what may be done to it.
import { html, nothing } from 'lit';
import { api } from '../api';
import { router } from '../router';
import { timeTravel } from '../time';
import type { AuditRecord } from '../live';
import type { Node, User } from '../model/inventory';
import type { MapResponse, NetmapNode } from '../model/netmap';
import { ipv4, ipv6, isTagged, keyExpired, ownerName } from '../model/node-facts';
import { formatTime, relativeTime, wireInstant } from '../format';
import { recentEvents } from '../recent-events';
import { eventTable } from '../components/event-table';
import { pastNotice } from '../components/past-notice';
import { inventory } from '../styles/inventory';
import '../components/machine-actions';
import '../components/machine-routes';
import { Page } from './page';

/** Sent by a client on every map request or reconnect: kept out of the events list unless asked for. */
const CONNECTION_ACTIONS = new Set(['node.connected', 'node.disconnected', 'node.reachability_changed', 'node.client_reported']);
const EVENTS_SHOWN = 100;

function shortName(peer: NetmapNode): string {
  return peer.Name.split('.')[0] || peer.Name;
}

function software(peer: NetmapNode | undefined): string {
  const info = peer?.Hostinfo;
  if (!info?.OS) return '';
  return [info.OS, info.OSVersion].filter(Boolean).join(' ');
}

class MachinePage extends Page {
  static styles = [...Page.styles, inventory];
  static properties = {
    ...Page.properties, node: { state: true }, netmap: { state: true }, netmapFailure: { state: true },
    events: { state: true }, users: { state: true }, connectionEvents: { state: true },
  };

  declare node: Node | null;
  declare netmap: MapResponse | null;
  declare netmapFailure: string;
  declare events: AuditRecord[];
  declare users: User[];
  declare connectionEvents: boolean;
  /** The instant the netmap was asked for: the slider's, or the moment the page loaded. */
  private netmapAt = '';

  constructor() {
    super();
    this.node = null;
    this.netmap = null;
    this.netmapFailure = '';
    this.events = [];
    this.users = [];
    this.connectionEvents = false;
  }

  protected async load(): Promise<void> {
    const id = this.params.id;
    const at = timeTravel.at ?? wireInstant(new Date());
    this.netmapAt = at;
    const [node, netmap, events, users] = await Promise.all([
      api.get<{ node: Node }>(`/api/v1/node/${encodeURIComponent(id)}`, {}, { asOf: true }).then((a) => a.node),
      api.get<MapResponse>('/api/v1/history/netmap', { node: id, at }).then(
        (map) => ({ map, failure: '' }), (error: Error) => ({ map: null, failure: error.message })),
      this.loadEvents(),
      this.mayChange('network_write') ? api.get<{ users: User[] }>('/api/v1/user').then((a) => a.users) : Promise.resolve([]),
    ]);
    this.node = node;
    this.netmap = netmap.map;
    this.netmapFailure = netmap.failure;
    this.events = events;
    this.users = users;
  }

  private loadEvents(): Promise<AuditRecord[]> {
    const all = this.connectionEvents;
    return recentEvents({ node: this.params.id }, EVENTS_SHOWN, (r) => all || !CONNECTION_ACTIONS.has(r.action));
  }

  protected touchedBy(record: AuditRecord): boolean {
    // Its own changes, and any change elsewhere that can change its peers (another node, a user, the policy).
    return record.target?.type === 'node' || record.target?.type === 'user' || record.target?.type === 'policy';
  }

  private async toggleConnectionEvents(event: Event): Promise<void> {
    this.connectionEvents = (event.target as HTMLInputElement).checked;
    this.events = await this.loadEvents();
  }

  private afterChange(event: CustomEvent<{ deleted: boolean }>): void {
    if (event.detail.deleted) router.go('/machines');
    else this.reload();
  }

  private facts(node: Node) {
    const self = this.netmap?.Node;
    return html`<dl class="facts">
      <dt>Name</dt><dd>${node.givenName}</dd>
      <dt>Host name</dt><dd>${node.name}</dd>
      <dt>Owner</dt><dd>${isTagged(node) ? html`${ownerName(node)} <span class="muted">(owned by its tags)</span>`
        : node.user ? html`<a href=${router.href(`/users/${node.user.id}`)}>${node.user.name}</a>` : '—'}</dd>
      <dt>Tags</dt><dd>${node.tags.length ? node.tags.map((t) => html`<span class="tag">${t}</span>`) : html`<span class="muted">none</span>`}</dd>
      <dt>IPv4</dt><dd class="mono">${ipv4(node) || '—'}</dd>
      <dt>IPv6</dt><dd class="mono">${ipv6(node) || '—'}</dd>
      <dt>Operating system</dt><dd>${software(self) || html`<span class="muted">not reported</span>`}</dd>
      <dt>Client version</dt><dd>${self?.Hostinfo?.IPNVersion || html`<span class="muted">not reported</span>`}</dd>
      <dt>Status</dt><dd>${node.online ? html`<span class="online">● online</span>`
        : html`<span class="offline">○ offline</span>, last seen ${relativeTime(node.lastSeen)} (${formatTime(node.lastSeen)})`}</dd>
      <dt>Key expiry</dt><dd>${node.expiry ? html`<span class=${keyExpired(node) ? 'error' : ''}>${formatTime(node.expiry)}
        (${keyExpired(node) ? 'expired ' : ''}${relativeTime(node.expiry)})</span>` : 'never'}</dd>
      <dt>Device approval</dt><dd>${node.approval}</dd>
      <dt>Registered</dt><dd>${formatTime(node.createdAt)}, ${node.registerMethod.replace('REGISTER_METHOD_', '').toLowerCase().replace('_', ' ')}
        ${node.preAuthKey ? html`with key <code>${node.preAuthKey.key}</code>` : nothing}</dd>
      <dt>Node key</dt><dd class="mono">${node.nodeKey}</dd>
      <dt>Machine key</dt><dd class="mono">${node.machineKey}</dd>
    </dl>`;
  }

  private peers() {
    if (this.netmapFailure) return html`<p class="notice error">The netmap could not be read: ${this.netmapFailure}</p>`;
    const peers = [...(this.netmap?.Peers ?? [])].sort((a, b) => a.Name.localeCompare(b.Name));
    if (peers.length === 0) return html`<p class="muted">No peers: the policy lets this machine reach no one, and no one reach it.</p>`;
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Peers of ${this.node?.givenName}</caption>
      <thead><tr><th scope="col">Peer</th><th scope="col">Addresses it may reach</th><th scope="col">Status</th>
        <th scope="col">Operating system</th></tr></thead>
      <tbody>${peers.map((peer) => html`<tr>
        <td><a href=${router.href(`/machines/${peer.ID}`)}>${shortName(peer)}</a></td>
        <td class="mono">${(peer.AllowedIPs ?? []).join(', ')}</td>
        <td>${peer.Online ? html`<span class="online">● online</span>` : html`<span class="offline">○ offline</span>`}</td>
        <td>${software(peer)}</td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  render() {
    const node = this.node;
    if (!node) {
      return html`<h1>Machine</h1>${pastNotice('this machine')}${this.failureNotice()}
        ${this.loading ? html`<p class="muted">Loading…</p>` : nothing}
        <p><a href=${router.href('/machines')}>All machines</a></p>`;
    }
    const editable = this.mayChange('network_write');
    return html`<p><a href=${router.href('/machines')}>← All machines</a></p>
      <h1>${node.givenName}</h1>
      ${pastNotice('this machine')}
      ${this.failureNotice()}
      ${this.facts(node)}
      <h2>Routes</h2>
      <cs-machine-routes .node=${node} ?editable=${editable} @changed=${this.afterChange}></cs-machine-routes>
      ${editable ? html`<h2>Change</h2>
        <cs-machine-actions .node=${node} .users=${this.users} @changed=${this.afterChange}></cs-machine-actions>` : nothing}
      <h2>Peers</h2>
      <p class="muted">From the netmap the machine was served ${timeTravel.at ? `at ${formatTime(timeTravel.at)}` : 'now'}
        (<code>GET /api/v1/history/netmap?node=${node.id}&amp;at=${this.netmapAt}</code>).</p>
      ${this.peers()}
      ${this.netmap ? html`<details><summary>The whole netmap (JSON)</summary>
        <pre class="json" tabindex="0" aria-label="The netmap as JSON">${JSON.stringify(this.netmap, null, 2)}</pre></details>` : nothing}
      <h2>Events</h2>
      <label class="check"><input type="checkbox" .checked=${this.connectionEvents} @change=${this.toggleConnectionEvents}>
        Show connection events (connects, endpoints, client reports)</label>
      ${eventTable(this.events, `Events of ${node.givenName}, newest first`)}
      <p class="muted">The newest ${EVENTS_SHOWN} at most; the whole trail is on the audit pages.</p>`;
  }
}
customElements.define('cs-machine-page', MachinePage);
