// Pre-auth keys: the list (whose, reusable, ephemeral, tags, used, expiry), a new key (shown once), expire one.
import { html, nothing } from 'lit';
import { api } from '../api';
import type { AuditRecord } from '../live';
import type { PreAuthKey, User } from '../model/inventory';
import { TAGGED_DEVICES } from '../model/inventory';
import { formatTime, relativeTime } from '../format';
import { changeWithReason } from '../components/change-with-reason';
import { expiryField, expiryFrom } from '../components/expiry-field';
import { pastNotice } from '../components/past-notice';
import { inventory } from '../styles/inventory';
import '../components/secret-once';
import { Page } from './page';

function expired(key: PreAuthKey, now = Date.now()): boolean {
  return new Date(key.expiration).getTime() <= now;
}

class PreAuthKeysPage extends Page {
  static styles = [...Page.styles, inventory];
  static properties = { ...Page.properties, keys: { state: true }, users: { state: true }, created: { state: true },
    showExpired: { state: true } };

  declare keys: PreAuthKey[];
  declare users: User[];
  /** The new key's full text: only in this page's memory, until dismissed or the page is left. */
  declare created: string;
  declare showExpired: boolean;

  constructor() {
    super();
    this.keys = [];
    this.users = [];
    this.created = '';
    this.showExpired = false;
  }

  protected async load(): Promise<void> {
    const [keys, users] = await Promise.all([
      api.get<{ preAuthKeys: PreAuthKey[] }>('/api/v1/preauthkey', {}, { asOf: true }).then((a) => a.preAuthKeys),
      api.get<{ users: User[] }>('/api/v1/user', {}, { asOf: true }).then((a) => a.users),
    ]);
    this.keys = keys.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    this.users = users.filter((u) => u.name !== TAGGED_DEVICES);
  }

  protected touchedBy(record: AuditRecord): boolean {
    return record.target?.type === 'preauthkey' || record.target?.type === 'user';
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const user = String(data.get('user') ?? '');
    const aclTags = String(data.get('tags') ?? '').split(/[\s,]+/).filter(Boolean);
    const body = {
      user: user || undefined, aclTags, reusable: data.has('reusable'), ephemeral: data.has('ephemeral'),
      preApproved: data.has('preApproved'), expiration: expiryFrom(Number(data.get('expiry'))),
    };
    const owner = this.users.find((u) => u.id === user)?.name;
    const answer = await changeWithReason({ title: `Create a pre-auth key${owner ? ` for ${owner}` : ' for tagged devices'}`,
      action: 'Create key', detail: 'Anyone holding the key can add a machine to the tailnet until it expires.' },
    (reason) => api.post<{ preAuthKey: PreAuthKey }>('/api/v1/preauthkey', body, { reason }), 'Pre-auth key created');
    if (answer) {
      this.created = answer.preAuthKey.key;
      form.reset();
      await this.reload();
    }
  }

  private async expire(key: PreAuthKey): Promise<void> {
    const done = await changeWithReason({ title: `Expire the pre-auth key ${key.key}`, action: 'Expire', danger: true,
      detail: 'No new machine can join with it; machines that joined with it stay.' },
    (reason) => api.post('/api/v1/preauthkey/expire', { id: key.id }, { reason }), 'Pre-auth key expired');
    if (done) await this.reload();
  }

  private createForm() {
    return html`<section aria-labelledby="create-title">
      <h2 id="create-title">Create a pre-auth key</h2>
      <form @submit=${this.create}>
        <div class="toolbar">
          <label>User<select name="user">
            ${this.users.map((u) => html`<option value=${u.id}>${u.name}</option>`)}
            <option value="">none: tagged devices (needs tags)</option>
          </select></label>
          <label class="grow">Tags (comma or space separated)<input name="tags" placeholder="tag:server" autocomplete="off" spellcheck="false"></label>
          ${expiryField('expiry', 24)}
        </div>
        <div class="toolbar">
          <label class="check"><input type="checkbox" name="reusable"> Reusable</label>
          <label class="check"><input type="checkbox" name="ephemeral"> Ephemeral (machines removed when they go offline)</label>
          <label class="check"><input type="checkbox" name="preApproved"> Pre-approved (no device approval)</label>
          <button class="primary" type="submit">Create key</button>
        </div>
      </form>
    </section>`;
  }

  render() {
    const mayWrite = this.mayChange('network_write');
    const now = Date.now();
    const shown = this.keys.filter((k) => this.showExpired || !expired(k, now));
    return html`<h1>Pre-auth keys</h1>
      ${pastNotice('the pre-auth keys')}
      ${this.failureNotice()}
      <cs-secret-once label="New pre-auth key" .value=${this.created} @dismissed=${() => (this.created = '')}></cs-secret-once>
      ${mayWrite ? this.createForm() : nothing}
      <h2>Keys</h2>
      <label class="check"><input type="checkbox" .checked=${this.showExpired}
        @change=${(e: Event) => (this.showExpired = (e.target as HTMLInputElement).checked)}> Show expired keys</label>
      <p class="count" role="status">${shown.length} of ${this.keys.length} keys</p>
      <div class="table-wrap"><table>
        <caption class="visually-hidden">Pre-auth keys</caption>
        <thead><tr><th scope="col">Key</th><th scope="col">User</th><th scope="col">Reusable</th><th scope="col">Ephemeral</th>
          <th scope="col">Tags</th><th scope="col">Used</th><th scope="col">Expiration</th><th scope="col">Created</th>
          ${mayWrite ? html`<th scope="col">Change</th>` : nothing}</tr></thead>
        <tbody>${shown.map((k) => html`<tr>
          <td class="mono">${k.key}</td>
          <td>${k.user?.name ?? html`<span class="muted">tagged devices</span>`}</td>
          <td>${k.reusable ? 'yes' : 'no'}</td>
          <td>${k.ephemeral ? 'yes' : 'no'}</td>
          <td>${k.aclTags.map((t) => html`<span class="tag">${t}</span>`)}</td>
          <td>${k.used ? 'yes' : 'no'}</td>
          <td class="nowrap"><span class=${expired(k, now) ? 'error' : ''} title=${formatTime(k.expiration)}>${expired(k, now) ? 'expired ' : ''}${relativeTime(k.expiration)}</span></td>
          <td class="nowrap">${formatTime(k.createdAt)}</td>
          ${mayWrite ? html`<td>${expired(k, now) ? nothing
            : html`<button class="danger" aria-label="Expire ${k.key}" @click=${() => this.expire(k)}>Expire</button>`}</td>` : nothing}
        </tr>`)}</tbody>
      </table></div>`;
  }
}
customElements.define('cs-preauth-keys-page', PreAuthKeysPage);
