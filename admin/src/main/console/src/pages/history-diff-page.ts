// What changed between two instants (GET /api/v1/history/diff): users, nodes, keys and routes added, removed and
// changed field by field with the events that did it, the policy's diff, and the access gained and lost.
import { html, css } from 'lit';
import { api } from '../api';
import type { HistoryDiff, ObjectChange } from '../model/history';
import { actorText } from '../audit/trail';
import { router } from '../router';
import { timeTravel } from '../time';
import { formatTime, wireInstant } from '../format';
import { Page } from './page';
import '../components/unified-diff';
import '../components/access-table';

const DAY_MS = 86_400_000;
const ROUTE_FIELDS = ['approvedRoutes', 'availableRoutes', 'subnetRoutes', 'advertisedRoutes'];

function toLocal(instant: string): string {
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}

class HistoryDiffPage extends Page {
  static styles = [...Page.styles, css`
    .change { border: 1px solid var(--cs-border); border-radius: var(--cs-radius); padding: 0.5rem 0.7rem; margin: 0.4rem 0; }
    .change h4 { margin: 0 0 0.3rem; font-size: 0.95rem; }
    .added { color: var(--cs-ok); }
    .removed { color: var(--cs-danger); }
    details summary { cursor: pointer; font-size: 0.9rem; margin-top: 0.3rem; }
    ul.events { margin: 0.3rem 0 0; padding-left: 1.2rem; font-size: 0.9rem; }
  `];
  static properties = { ...Page.properties, from: { state: true }, to: { state: true }, diff: { state: true } };

  declare from: string;
  /** '' is now. */
  declare to: string;
  declare diff: HistoryDiff | null;

  constructor() {
    super();
    const params = new URLSearchParams(location.search);
    this.from = params.get('from') ?? timeTravel.at ?? wireInstant(new Date(Date.now() - DAY_MS));
    this.to = params.get('to') ?? '';
    this.diff = null;
  }

  /** A window that ends now moves with every change; one with an end of its own does not. */
  protected touchedBy(): boolean {
    return !this.to;
  }

  /** The slider sets "from" (what changed since then); live records move "now". */
  protected async load(): Promise<void> {
    if (timeTravel.at && !new URLSearchParams(location.search).has('from')) this.from = timeTravel.at;
    this.diff = await api.get<HistoryDiff>('/api/v1/history/diff', { from: this.from, to: this.to });
  }

  private compare(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const from = String(form.get('from') ?? '');
    const to = String(form.get('to') ?? '');
    if (!from) return;
    this.from = wireInstant(new Date(from));
    this.to = to ? wireInstant(new Date(to)) : '';
    const address = new URL(location.href);
    address.searchParams.set('from', this.from);
    if (this.to) address.searchParams.set('to', this.to);
    else address.searchParams.delete('to');
    history.replaceState(history.state, '', address);
    this.reload();
  }

  private renderChange(change: ObjectChange) {
    const href = change.kind === 'node' ? router.href(`/machines/${encodeURIComponent(change.id)}`)
      : change.kind === 'user' ? router.href('/users') : null;
    return html`<div class="change">
      <h4><span class=${change.change}>${change.change}</span> ${change.kind}
        ${href && change.change !== 'removed' ? html`<a href=${href}>${change.name}</a>` : html`<span>${change.name}</span>`}
        <span class="muted">(id ${change.id})</span></h4>
      ${change.fields.length ? html`<div class="table-wrap"><table>
        <caption class="visually-hidden">Fields of ${change.kind} ${change.name}</caption>
        <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
        <tbody>${change.fields.map((f) => html`<tr><td>${f.field}</td><td><code>${f.before ?? '—'}</code></td><td><code>${f.after ?? '—'}</code></td></tr>`)}</tbody>
      </table></div>` : ''}
      ${change.events.length ? html`<details><summary>${change.events.length} events</summary><ul class="events">${change.events.map((e) => html`<li>${formatTime(e.time)}
        <strong>${e.action}</strong> by <span class="mono">${actorText(e)}</span>${e.reason ? html` — “${e.reason}”` : ''}</li>`)}</ul></details>` : ''}
    </div>`;
  }

  private section(title: string, changes: ObjectChange[]) {
    return html`<section><h2>${title} (${changes.length})</h2>
      ${changes.length ? changes.map((c) => this.renderChange(c)) : html`<p class="muted">No change.</p>`}</section>`;
  }

  render() {
    const diff = this.diff;
    const changes = diff?.changes ?? [];
    const routeFields = (c: ObjectChange) => c.fields.filter((f) => ROUTE_FIELDS.includes(f.field) && (f.before || f.after));
    const routes = changes.filter((c) => c.kind === 'node' && routeFields(c).length > 0);
    const keys = changes.filter((c) => c.kind === 'preauthkey' || c.kind === 'apikey');
    return html`<h1>History diff</h1>${this.failureNotice()}
      <form class="toolbar" aria-label="Instants to compare" @submit=${this.compare}>
        <label>From <input name="from" type="datetime-local" step="1" required .value=${toLocal(this.from)}></label>
        <label>To (empty: now) <input name="to" type="datetime-local" step="1" .value=${this.to ? toLocal(this.to) : ''}></label>
        <button class="primary" type="submit">Compare</button>
      </form>
      ${diff ? html`<p role="status">From <strong>${formatTime(diff.from)}</strong> to <strong>${formatTime(diff.to)}</strong>:
          ${diff.events} events${diff.eventsTruncated ? ' (the list of events is cut short)' : ''}.</p>
        ${this.section('Nodes', changes.filter((c) => c.kind === 'node'))}
        ${this.section('Users', changes.filter((c) => c.kind === 'user'))}
        <section><h2>Routes (${routes.length})</h2>
          ${routes.length ? routes.map((c) => this.renderChange({ ...c, fields: routeFields(c) }))
            : html`<p class="muted">No route changed.</p>`}</section>
        ${this.section('Keys', keys)}
        <section><h2>Policy</h2>
          ${diff.policy.changed
            ? html`<p>Version ${diff.policy.versionBefore ?? 'none'} → ${diff.policy.versionAfter ?? 'none'}
                ${diff.policy.events.map((e) => html`<br>${formatTime(e.time)} ${e.target?.name ?? ''} by <span class="mono">${actorText(e)}</span>${e.reason ? html` — “${e.reason}”` : ''}`)}</p>
              <cs-unified-diff .diff=${diff.policy.diff} label="Policy diff"></cs-unified-diff>`
            : html`<p class="muted">The policy did not change${diff.policy.versionAfter ? ` (version ${diff.policy.versionAfter})` : ''}.</p>`}</section>
        <section><h2>Access</h2>
          <h3 class="added">Gained (${diff.access.gained.length})</h3>
          <cs-access-table .rows=${diff.access.gained} caption="Access gained" empty="No access gained."></cs-access-table>
          <h3 class="removed">Lost (${diff.access.lost.length})</h3>
          <cs-access-table .rows=${diff.access.lost} caption="Access lost" empty="No access lost."></cs-access-table></section>`
        : this.loading ? html`<p class="muted">Loading…</p>` : ''}`;
  }
}
customElements.define('cs-history-diff-page', HistoryDiffPage);
