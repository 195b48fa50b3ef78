// API keys: the list (prefix, role, created, expiration, last seen), a new key with a role (shown once), expire and
// delete. Only admins change them.
import { html, nothing } from 'lit';
import { api } from '../api';
import { timeTravel } from '../time';
import type { AuditRecord } from '../live';
import type { ApiKey } from '../model/inventory';
import { API_KEY_ROLES } from '../model/inventory';
import { formatTime, relativeTime } from '../format';
import { changeWithReason } from '../components/change-with-reason';
import { expiryField, expiryFrom } from '../components/expiry-field';
import { pastNotice } from '../components/past-notice';
import { inventory } from '../styles/inventory';
import '../components/secret-once';
import { Page } from './page';

function expired(key: ApiKey, now = Date.now()): boolean {
  return new Date(key.expiration).getTime() <= now;
}

class ApiKeysPage extends Page {
  static styles = [...Page.styles, inventory];
  static properties = { ...Page.properties, keys: { state: true }, created: { state: true } };

  declare keys: ApiKey[];
  /** The new key: only in this page's memory, until dismissed or the page is left. */
  declare created: string;

  constructor() {
    super();
    this.keys = [];
    this.created = '';
  }

  protected async load(): Promise<void> {
    const keys = (await api.get<{ apiKeys: ApiKey[] }>('/api/v1/apikey', {}, { asOf: true })).apiKeys;
    this.keys = keys.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  protected touchedBy(record: AuditRecord): boolean {
    return record.target?.type === 'apikey';
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const role = String(data.get('role') ?? '');
    const body = { role: role || undefined, expiration: expiryFrom(Number(data.get('expiry'))) };
    const answer = await changeWithReason({ title: `Create an API key${role ? ` with the ${role} role` : ' with full access'}`,
      action: 'Create key', detail: 'Whoever holds the key may call the API with its role until it expires.' },
    (reason) => api.post<{ apiKey: string }>('/api/v1/apikey', body, { reason }), 'API key created');
    if (answer) {
      this.created = answer.apiKey;
      form.reset();
      await this.reload();
    }
  }

  private async expire(key: ApiKey): Promise<void> {
    const done = await changeWithReason({ title: `Expire the API key ${key.prefix}`, action: 'Expire', danger: true,
      detail: 'Requests with it are refused from now on (a console session opened with it ends too).' },
    (reason) => api.post('/api/v1/apikey/expire', { id: key.id }, { reason }), 'API key expired');
    if (done) await this.reload();
  }

  private async deleteKey(key: ApiKey): Promise<void> {
    const done = await changeWithReason({ title: `Delete the API key ${key.prefix}`, action: 'Delete', danger: true },
      (reason) => api.delete(`/api/v1/apikey/-`, { reason }, { id: key.id }), 'API key deleted');
    if (done) await this.reload();
  }

  private createForm() {
    return html`<section aria-labelledby="create-title">
      <h2 id="create-title">Create an API key</h2>
      <form class="inline" @submit=${this.create}>
        <label>Role<select name="role">
          ${API_KEY_ROLES.map((r) => html`<option value=${r} ?selected=${r === 'auditor'}>${r}</option>`)}
          <option value="">full access (no role)</option>
        </select></label>
        ${expiryField('expiry', 24 * 90)}
        <button class="primary" type="submit">Create key</button>
      </form>
    </section>`;
  }

  render() {
    const mayWrite = this.mayChange('admin_write');
    const now = Date.now();
    return html`<h1>API keys</h1>
      ${pastNotice('the API keys')}
      ${this.failureNotice()}
      <cs-secret-once label="New API key" .value=${this.created} @dismissed=${() => (this.created = '')}></cs-secret-once>
      ${mayWrite ? this.createForm() : nothing}
      <h2>Keys</h2>
      <p class="count" role="status">${this.keys.length} keys</p>
      <div class="table-wrap"><table>
        <caption class="visually-hidden">API keys</caption>
        <thead><tr><th scope="col">Prefix</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">Expiration</th>
          <th scope="col">Last seen</th>${mayWrite ? html`<th scope="col">Change</th>` : nothing}</tr></thead>
        <tbody>${this.keys.map((k) => html`<tr>
          <td class="mono">${k.prefix}</td>
          <td>${k.role ?? html`<span class="muted">full access</span>`}</td>
          <td class="nowrap">${formatTime(k.createdAt)}</td>
          <td class="nowrap"><span class=${expired(k, now) ? 'error' : ''} title=${formatTime(k.expiration)}>${expired(k, now) ? 'expired ' : ''}${relativeTime(k.expiration)}</span></td>
          <td class="nowrap">${k.lastSeen ? relativeTime(k.lastSeen) : html`<span class="muted">${timeTravel.isPast ? 'not kept' : 'never'}</span>`}</td>
          ${mayWrite ? html`<td class="nowrap">
            ${expired(k, now) ? nothing : html`<button class="danger" aria-label="Expire ${k.prefix}" @click=${() => this.expire(k)}>Expire</button>`}
            <button class="danger" aria-label="Delete ${k.prefix}" @click=${() => this.deleteKey(k)}>Delete</button></td>` : nothing}
        </tr>`)}</tbody>
      </table></div>
      <p class="muted">Last seen is updated at most once a minute and is not kept in the history: the past shows none.</p>`;
  }
}
customElements.define('cs-api-keys-page', ApiKeysPage);
