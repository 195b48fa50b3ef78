// The console's first page: the tailnet at a glance (machines online, what waits for an operator, keys about to
// expire), each with a link to where it is dealt with.
import { html, nothing } from 'lit';
import { api } from '../api';
import { router } from '../router';
import type { AuditRecord } from '../live';
import type { Node, PreAuthKey, User } from '../model/inventory';
import { keyExpired, keyExpiresSoon, waitingRoutes } from '../model/node-facts';
import { relativeTime } from '../format';
import { pastNotice } from '../components/past-notice';
import { inventory } from '../styles/inventory';
import { Page } from './page';

const SOON_MS = 7 * 86400_000;

class HomePage extends Page {
  static styles = [...Page.styles, inventory];
  static properties = { ...Page.properties, nodes: { state: true }, users: { state: true }, keys: { state: true } };

  declare nodes: Node[];
  declare users: User[];
  declare keys: PreAuthKey[];

  constructor() {
    super();
    this.nodes = [];
    this.users = [];
    this.keys = [];
  }

  protected async load(): Promise<void> {
    const [nodes, users, keys] = await Promise.all([
      api.get<{ nodes: Node[] }>('/api/v1/node', {}, { asOf: true }).then((a) => a.nodes),
      api.get<{ users: User[] }>('/api/v1/user', {}, { asOf: true }).then((a) => a.users),
      api.get<{ preAuthKeys: PreAuthKey[] }>('/api/v1/preauthkey', {}, { asOf: true }).then((a) => a.preAuthKeys),
    ]);
    this.nodes = nodes;
    this.users = users;
    this.keys = keys;
  }

  protected touchedBy(record: AuditRecord): boolean {
    return ['node', 'user', 'preauthkey'].includes(record.target?.type ?? '');
  }

  private list(title: string, nodes: Node[], detail: (node: Node) => string) {
    if (nodes.length === 0) return nothing;
    return html`<section aria-label=${title}><h2>${title}</h2><ul class="plain">
      ${nodes.map((n) => html`<li><a href=${router.href(`/machines/${n.id}`)}>${n.givenName}</a> <span class="muted">${detail(n)}</span></li>`)}
    </ul></section>`;
  }

  render() {
    const online = this.nodes.filter((n) => n.online).length;
    const pendingDevices = this.nodes.filter((n) => n.approval === 'pending');
    const routesWaiting = this.nodes.filter((n) => waitingRoutes(n).length > 0);
    const expiring = this.nodes.filter((n) => keyExpiresSoon(n, SOON_MS) || keyExpired(n));
    const now = Date.now();
    const liveKeys = this.keys.filter((k) => new Date(k.expiration).getTime() > now);
    const keysSoon = liveKeys.filter((k) => new Date(k.expiration).getTime() - now <= SOON_MS);
    return html`<h1>Tailnet</h1>
      ${pastNotice('the tailnet')}
      ${this.failureNotice()}
      <div class="cards">
        <a class="card" href=${router.href('/machines')}><strong>${online} of ${this.nodes.length}</strong> machines online</a>
        <a class="card" href=${router.href('/machines')}><strong>${pendingDevices.length}</strong> devices waiting for approval</a>
        <a class="card" href=${router.href('/machines')}><strong>${routesWaiting.length}</strong> machines with routes waiting
          <span class="muted">${routesWaiting.reduce((sum, n) => sum + waitingRoutes(n).length, 0)} routes</span></a>
        <a class="card" href=${router.href('/machines')}><strong>${expiring.length}</strong> machine keys expired or expiring within 7 days</a>
        <a class="card" href=${router.href('/users')}><strong>${this.users.length}</strong> users</a>
        <a class="card" href=${router.href('/keys')}><strong>${liveKeys.length}</strong> pre-auth keys in force
          <span class="muted">${keysSoon.length} expire within 7 days</span></a>
      </div>
      ${this.list('Devices waiting for approval', pendingDevices, (n) => `${n.user?.name ?? ''}, registered ${relativeTime(n.createdAt)}`)}
      ${this.list('Routes waiting for approval', routesWaiting, (n) => waitingRoutes(n).join(', '))}
      ${this.list('Machine keys expired or expiring soon', expiring, (n) => `${keyExpired(n) ? 'expired' : 'expires'} ${relativeTime(n.expiry)}`)}`;
  }
}
customElements.define('cs-home-page', HomePage);
