// The audit timeline: every record of the trail that the filters match, newest first, each expandable to its JSON;
// records appended while the page is open appear at the top as they arrive on the live stream.
import { html, css } from 'lit';
import type { AuditFilters, AuditRecord } from '../model/audit';
import { allRecords, matches, actorText } from '../audit/trail';
import { live } from '../live';
import { router } from '../router';
import { timeTravel } from '../time';
import { formatTime, wireInstant } from '../format';
import { Page } from './page';

const SHOWN_AT_ONCE = 100;
const NO_FILTERS: AuditFilters = { actor: '', action: '', node: '', user: '', since: '', until: '' };
const ACTION_PREFIXES = ['node.', 'route.', 'user.', 'policy.', 'preauthkey.', 'apikey.', 'ssh.', 'report.', 'login.', 'tailnet.'];

function filtersInAddress(): AuditFilters {
  const params = new URLSearchParams(location.search);
  const filters = { ...NO_FILTERS };
  for (const name of Object.keys(NO_FILTERS) as (keyof AuditFilters)[]) filters[name] = params.get(name) ?? '';
  return filters;
}

/** datetime-local's value (local time, no zone) as an RFC 3339 instant, and back. */
function fromLocal(value: string): string {
  return value ? wireInstant(new Date(value)) : '';
}
function toLocal(instant: string): string {
  if (!instant) return '';
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}

class AuditPage extends Page {
  static styles = [...Page.styles, css`
    form.toolbar input { width: 10rem; }
    ol { list-style: none; margin: 0; padding: 0; border: 1px solid var(--cs-border); border-radius: var(--cs-radius); }
    li { border-bottom: 1px solid var(--cs-border); }
    li:last-child { border-bottom: 0; }
    li.fresh { background: var(--cs-warn-bg); color: var(--cs-warn-text); }
    li.fresh a { color: inherit; }
    .row { padding: 0.45rem 0.6rem 0.1rem; display: grid; gap: 0.2rem 1rem;
           grid-template-columns: 11rem 12rem minmax(8rem, 1fr) minmax(8rem, 1fr); align-items: baseline; }
    @media (max-width: 760px) { .row { grid-template-columns: 1fr; } }
    details > summary { cursor: pointer; padding: 0 0.6rem 0.4rem; font-size: 0.8rem; color: var(--cs-muted); }
    pre { margin: 0 0.6rem 0.6rem; padding: 0.5rem; overflow-x: auto; background: var(--cs-surface);
          border: 1px solid var(--cs-border); border-radius: var(--cs-radius); }
    .reason { grid-column: 1 / -1; }
  `];
  static properties = {
    ...Page.properties, records: { state: true }, filters: { state: true }, shown: { state: true }, fresh: { state: true },
  };

  /** Newest first. */
  declare records: AuditRecord[];
  declare filters: AuditFilters;
  declare shown: number;
  /** Positions of the records that arrived live since the page loaded. */
  declare fresh: Set<number>;
  private unsubscribe = () => {};
  private loads: AbortController | null = null;

  constructor() {
    super();
    this.records = [];
    this.filters = filtersInAddress();
    this.shown = SHOWN_AT_ONCE;
    this.fresh = new Set();
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = live.subscribe((record) => this.arrived(record));
  }

  disconnectedCallback(): void {
    this.unsubscribe();
    this.loads?.abort();
    super.disconnectedCallback();
  }

  /** Live records are added in place, not by reading the trail again. */
  protected touchedBy(): boolean {
    return false;
  }

  private arrived(record: AuditRecord): void {
    if (timeTravel.isPast || !matches(record, this.filters)) return;
    if (this.records.some((r) => r.chain.position === record.chain.position)) return;
    this.records = [record, ...this.records];
    this.fresh = new Set([...this.fresh, record.chain.position]);
    this.shown++;
  }

  protected async load(): Promise<void> {
    this.loads?.abort();
    const controller = new AbortController();
    this.loads = controller;
    const filters = { ...this.filters };
    // As of the slider's instant: nothing after it.
    if (timeTravel.at && (!filters.until || Date.parse(filters.until) > Date.parse(timeTravel.at))) filters.until = timeTravel.at;
    const records = await allRecords(filters, controller.signal);
    if (controller.signal.aborted) return;
    this.records = records.reverse();
    this.fresh = new Set();
    this.shown = SHOWN_AT_ONCE;
  }

  private apply(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    this.filters = { actor: text('actor'), action: text('action'), node: text('node'), user: text('user'),
      since: fromLocal(text('since')), until: fromLocal(text('until')) };
    const address = new URL(location.href);
    for (const [name, value] of Object.entries(this.filters)) {
      if (value) address.searchParams.set(name, value);
      else address.searchParams.delete(name);
    }
    history.replaceState(history.state, '', address);
    this.reload();
  }

  private clear(): void {
    (this.renderRoot.querySelector('form') as HTMLFormElement).reset();
    this.filters = { ...NO_FILTERS };
    const address = new URL(location.href);
    Object.keys(NO_FILTERS).forEach((name) => address.searchParams.delete(name));
    history.replaceState(history.state, '', address);
    this.reload();
  }

  private target(record: AuditRecord) {
    const target = record.target;
    if (!target) return '—';
    const label = `${target.type} ${target.name ?? target.id ?? ''}`.trim();
    if (target.type === 'node' && target.id) return html`<a href=${router.href(`/machines/${encodeURIComponent(target.id)}`)}>${label}</a>`;
    if (target.type === 'user') return html`<a href=${router.href('/users')}>${label}</a>`;
    if (target.type === 'policy') return html`<a href=${router.href('/policy')}>${label}</a>`;
    return label;
  }

  private renderFilters() {
    const f = this.filters;
    return html`<form class="toolbar" role="search" aria-label="Filter the audit trail" @submit=${this.apply}>
      <label>Actor <input name="actor" .value=${f.actor} placeholder="API_KEY or a key prefix"></label>
      <label>Action <input name="action" list="actions" .value=${f.action} placeholder="node. or policy.updated"></label>
      <datalist id="actions">${ACTION_PREFIXES.map((p) => html`<option value=${p}></option>`)}</datalist>
      <label>Node <input name="node" .value=${f.node} placeholder="id or name"></label>
      <label>User <input name="user" .value=${f.user} placeholder="id or name"></label>
      <label>Since <input name="since" type="datetime-local" step="1" .value=${toLocal(f.since)}></label>
      <label>Until <input name="until" type="datetime-local" step="1" .value=${toLocal(f.until)}></label>
      <button class="primary" type="submit">Filter</button>
      <button type="button" @click=${this.clear}>Clear</button>
    </form>`;
  }

  render() {
    const shown = this.records.slice(0, this.shown);
    return html`<h1>Audit timeline</h1>${this.failureNotice()}
      ${this.renderFilters()}
      <p class="muted" role="status">${this.loading ? 'Loading…' : html`${this.records.length} records, newest first${
        timeTravel.isPast ? html`, up to ${formatTime(timeTravel.at)}` : ''}.`}
        ${this.fresh.size ? html`${this.fresh.size} new since the page opened.` : ''}</p>
      <ol aria-label="Audit records">${shown.map((record) => html`<li class=${this.fresh.has(record.chain.position) ? 'fresh' : ''}>
        <div class="row">
          <time datetime=${record.time}>${formatTime(record.time)}</time>
          <strong>${record.action}</strong>
          <span class="mono">${actorText(record)}</span>
          <span>${this.target(record)}</span>
          ${record.reason ? html`<span class="reason muted">“${record.reason}”</span>` : ''}
        </div>
        <details><summary>Record ${record.chain.position} as JSON</summary>
          <pre tabindex="0">${JSON.stringify(record, null, 2)}</pre></details>
      </li>`)}</ol>
      ${this.records.length > this.shown
        ? html`<div class="toolbar"><button type="button" @click=${() => (this.shown += SHOWN_AT_ONCE)}>Show ${Math.min(SHOWN_AT_ONCE, this.records.length - this.shown)} older</button></div>`
        : ''}`;
  }
}
customElements.define('cs-audit-page', AuditPage);
