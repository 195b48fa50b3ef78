// The machines list: every node with its owner, tags, addresses, presence, key expiry, routes and device approval;
// searched by name, address, owner or tag, filtered and sorted in the page.
import { html, nothing } from 'lit';
import { api } from '../api';
import { router } from '../router';
import type { AuditRecord } from '../live';
import type { Node } from '../model/inventory';
import { ipv4, ipv6, keyExpired, ownerName, searchText, waitingRoutes } from '../model/node-facts';
import { formatTime, relativeTime } from '../format';
import { compareValues, nextSort, sortHeader, SortState } from '../components/sort-header';
import { pastNotice } from '../components/past-notice';
import { inventory } from '../styles/inventory';
import { Page } from './page';

type Column = 'name' | 'owner' | 'address' | 'status' | 'expiry' | 'routes' | 'approval';
type Presence = '' | 'online' | 'offline';
type Waiting = '' | 'device' | 'routes';

const SORT_VALUE: Record<Column, (node: Node) => string | number | boolean | null> = {
  name: (n) => n.givenName,
  owner: (n) => ownerName(n),
  address: (n) => ipv4(n).split('.').map((part) => part.padStart(3, '0')).join('.'),
  status: (n) => (n.online ? 0 : 1),
  expiry: (n) => (n.expiry ? new Date(n.expiry).getTime() : null),
  routes: (n) => -waitingRoutes(n).length * 1000 - n.availableRoutes.length,
  approval: (n) => n.approval,
};

class MachinesPage extends Page {
  static styles = [...Page.styles, inventory];
  static properties = {
    ...Page.properties,
    nodes: { state: true }, search: { state: true }, owner: { state: true }, tag: { state: true },
    presence: { state: true }, waiting: { state: true }, sort: { state: true },
  };

  declare nodes: Node[];
  declare search: string;
  declare owner: string;
  declare tag: string;
  declare presence: Presence;
  declare waiting: Waiting;
  declare sort: SortState<Column>;

  constructor() {
    super();
    this.nodes = [];
    this.search = '';
    this.owner = '';
    this.tag = '';
    this.presence = '';
    this.waiting = '';
    this.sort = { key: 'name', ascending: true };
  }

  protected async load(): Promise<void> {
    const answer = await api.get<{ nodes: Node[] }>('/api/v1/node', {}, { asOf: true });
    this.nodes = answer.nodes;
  }

  protected touchedBy(record: AuditRecord): boolean {
    return record.target?.type === 'node' || record.target?.type === 'user';
  }

  private shown(): Node[] {
    const words = this.search.toLowerCase().split(/\s+/).filter(Boolean);
    const value = SORT_VALUE[this.sort.key];
    return this.nodes
      .filter((n) => words.every((word) => searchText(n).includes(word)))
      .filter((n) => !this.owner || ownerName(n) === this.owner)
      .filter((n) => !this.tag || n.tags.includes(this.tag))
      .filter((n) => !this.presence || n.online === (this.presence === 'online'))
      .filter((n) => this.waiting !== 'device' || n.approval === 'pending')
      .filter((n) => this.waiting !== 'routes' || waitingRoutes(n).length > 0)
      .sort((a, b) => {
        const order = compareValues(value(a), value(b)) || compareValues(a.givenName, b.givenName);
        return this.sort.ascending ? order : -order;
      });
  }

  private filters() {
    const owners = [...new Set(this.nodes.map(ownerName))].filter(Boolean).sort();
    const tags = [...new Set(this.nodes.flatMap((n) => n.tags))].sort();
    const pick = (event: Event) => (event.target as HTMLSelectElement).value;
    return html`<form class="toolbar" role="search" @submit=${(e: Event) => e.preventDefault()}>
      <label class="grow">Search (name, address, owner, tag)
        <input type="search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}>
      </label>
      <label>Owner
        <select .value=${this.owner} @change=${(e: Event) => (this.owner = pick(e))}>
          <option value="">all</option>${owners.map((o) => html`<option value=${o} ?selected=${o === this.owner}>${o}</option>`)}
        </select>
      </label>
      <label>Tag
        <select .value=${this.tag} @change=${(e: Event) => (this.tag = pick(e))}>
          <option value="">all</option>${tags.map((t) => html`<option value=${t} ?selected=${t === this.tag}>${t}</option>`)}
        </select>
      </label>
      <label>Status
        <select .value=${this.presence} @change=${(e: Event) => (this.presence = pick(e) as Presence)}>
          <option value="">all</option><option value="online">online</option><option value="offline">offline</option>
        </select>
      </label>
      <label>Waiting for
        <select .value=${this.waiting} @change=${(e: Event) => (this.waiting = pick(e) as Waiting)}>
          <option value="">anything or nothing</option>
          <option value="device">device approval</option>
          <option value="routes">route approval</option>
        </select>
      </label>
    </form>`;
  }

  private row(node: Node) {
    const waiting = waitingRoutes(node);
    return html`<tr>
      <td><a href=${router.href(`/machines/${node.id}`)}>${node.givenName}</a>
        ${node.name !== node.givenName ? html`<div class="muted">${node.name}</div>` : nothing}</td>
      <td>${ownerName(node)}</td>
      <td>${node.tags.map((t) => html`<span class="tag">${t}</span>`)}</td>
      <td class="mono"><div class="stack"><span>${ipv4(node)}</span><span class="muted hide-narrow">${ipv6(node)}</span></div></td>
      <td class="nowrap">${node.online
        ? html`<span class="online">● online</span>`
        : html`<span class="offline">○ offline</span><div class="muted" title=${formatTime(node.lastSeen)}>seen ${relativeTime(node.lastSeen)}</div>`}</td>
      <td class="nowrap">${node.expiry
        ? html`<span class=${keyExpired(node) ? 'error' : ''} title=${formatTime(node.expiry)}>${keyExpired(node) ? 'expired ' : ''}${relativeTime(node.expiry)}</span>`
        : html`<span class="muted">never</span>`}</td>
      <td>${node.availableRoutes.length === 0 ? html`<span class="muted">none</span>` : html`
        ${node.approvedRoutes.filter((r) => node.availableRoutes.includes(r)).length}/${node.availableRoutes.length} approved
        ${waiting.length ? html`<div class="warn-text">${waiting.length} waiting</div>` : nothing}`}</td>
      <td>${node.approval === 'approved' ? html`<span class="muted">approved</span>`
        : html`<span class=${node.approval === 'pending' ? 'warn-text' : 'error'}>${node.approval}</span>`}</td>
    </tr>`;
  }

  render() {
    const shown = this.shown();
    const sortBy = (key: Column) => (this.sort = nextSort(this.sort, key));
    return html`<h1>Machines</h1>
      ${pastNotice('the machines')}
      ${this.failureNotice()}
      ${this.filters()}
      <p class="count" role="status">${this.loading && this.nodes.length === 0 ? 'Loading…'
        : `${shown.length} of ${this.nodes.length} machines, ${this.nodes.filter((n) => n.online).length} online`}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Machines</caption>
          <thead><tr>
            ${sortHeader('Machine', 'name', this.sort, sortBy)}
            ${sortHeader('Owner', 'owner', this.sort, sortBy)}
            <th scope="col">Tags</th>
            ${sortHeader('Addresses', 'address', this.sort, sortBy)}
            ${sortHeader('Status', 'status', this.sort, sortBy)}
            ${sortHeader('Key expiry', 'expiry', this.sort, sortBy)}
            ${sortHeader('Routes', 'routes', this.sort, sortBy)}
            ${sortHeader('Approval', 'approval', this.sort, sortBy)}
          </tr></thead>
          <tbody>${shown.map((node) => this.row(node))}</tbody>
        </table>
      </div>
      ${shown.length === 0 && !this.loading ? html`<p class="muted">No machine matches.</p>` : nothing}
      <p class="muted">A machine's operating system and client version are on its page (from the netmap).</p>`;
  }
}
customElements.define('cs-machines-page', MachinesPage);
