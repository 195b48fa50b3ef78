// The users: who they are, where they come from (identity provider or local), their roles; create one, and sync
// everyone's groups from the identity provider.
import { html, nothing } from 'lit';
import { api } from '../api';
import { router } from '../router';
import type { AuditRecord } from '../live';
import type { GroupSync, User } from '../model/inventory';
import { formatTime } from '../format';
import { changeWithReason } from '../components/change-with-reason';
import { compareValues, nextSort, sortHeader, SortState } from '../components/sort-header';
import { pastNotice } from '../components/past-notice';
import { inventory } from '../styles/inventory';
import { Page } from './page';

type Column = 'name' | 'provider' | 'email' | 'roles' | 'created';

const SORT_VALUE: Record<Column, (user: User) => string> = {
  name: (u) => u.name,
  provider: (u) => u.provider || 'local',
  email: (u) => u.email,
  roles: (u) => (u.roles ?? []).join(','),
  created: (u) => u.createdAt,
};

class UsersPage extends Page {
  static styles = [...Page.styles, inventory];
  static properties = { ...Page.properties, users: { state: true }, search: { state: true }, sort: { state: true },
    sync: { state: true } };

  declare users: User[];
  declare search: string;
  declare sort: SortState<Column>;
  declare sync: GroupSync | null;

  constructor() {
    super();
    this.users = [];
    this.search = '';
    this.sort = { key: 'name', ascending: true };
    this.sync = null;
  }

  protected async load(): Promise<void> {
    this.users = (await api.get<{ users: User[] }>('/api/v1/user', {}, { asOf: true })).users;
  }

  protected touchedBy(record: AuditRecord): boolean {
    return record.target?.type === 'user';
  }

  private shown(): User[] {
    const words = this.search.toLowerCase().split(/\s+/).filter(Boolean);
    const value = SORT_VALUE[this.sort.key];
    return this.users
      .filter((u) => words.every((w) => [u.name, u.displayName, u.email, ...(u.roles ?? [])].join(' ').toLowerCase().includes(w)))
      .sort((a, b) => (this.sort.ascending ? 1 : -1) * (compareValues(value(a), value(b)) || compareValues(a.name, b.name)));
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const body = { name, displayName: String(data.get('displayName') ?? '').trim(), email: String(data.get('email') ?? '').trim() };
    const created = await changeWithReason({ title: `Create the user ${name}`, action: 'Create user' },
      (reason) => api.post<{ user: User }>('/api/v1/user', body, { reason }), `Created ${name}`);
    if (created) {
      form.reset();
      await this.reload();
    }
  }

  private async syncGroups(): Promise<void> {
    const answer = await changeWithReason({ title: 'Sync groups from the identity provider', action: 'Sync groups',
      detail: 'Reads every linked user\'s groups from the provider now and records what changed.' },
    (reason) => api.post<GroupSync>('/api/v1/user/sync-groups', undefined, { reason }), 'Groups synced');
    if (answer) this.sync = answer;
  }

  private createForm() {
    return html`<section aria-labelledby="create-title">
      <h2 id="create-title">Create a user</h2>
      <form class="inline" @submit=${this.create}>
        <label>Name<input name="name" required maxlength="255" autocomplete="off" spellcheck="false"></label>
        <label>Display name<input name="displayName" autocomplete="off"></label>
        <label>E-mail<input name="email" type="email" autocomplete="off"></label>
        <button class="primary" type="submit">Create user</button>
      </form>
      <p class="muted">People who log in through the identity provider are created at their first login.</p>
    </section>`;
  }

  private syncResult() {
    const sync = this.sync;
    if (!sync) return nothing;
    return html`<div class="notice" role="status">
      <p>${sync.linkedUsers} linked users read from <code>${sync.issuer}</code>; ${sync.changes.length
        ? `${sync.changes.length} changed:` : 'nothing changed.'}</p>
      <ul>${sync.changes.map((c) => html`<li>${c.userName}: ${c.added.length ? `added ${c.added.join(', ')}` : ''}
        ${c.removed.length ? `removed ${c.removed.join(', ')}` : ''}</li>`)}</ul>
    </div>`;
  }

  render() {
    const shown = this.shown();
    const sortBy = (key: Column) => (this.sort = nextSort(this.sort, key));
    const mayWrite = this.mayChange('admin_write');
    return html`<h1>Users</h1>
      ${pastNotice('the users')}
      ${this.failureNotice()}
      <div class="toolbar">
        <label class="grow">Search (name, e-mail, role)
          <input type="search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}>
        </label>
        ${mayWrite ? html`<button @click=${this.syncGroups}>Sync groups from the identity provider</button>` : nothing}
      </div>
      ${this.syncResult()}
      <p class="count" role="status">${shown.length} of ${this.users.length} users</p>
      <div class="table-wrap"><table>
        <caption class="visually-hidden">Users</caption>
        <thead><tr>
          ${sortHeader('User', 'name', this.sort, sortBy)}
          ${sortHeader('Provider', 'provider', this.sort, sortBy)}
          ${sortHeader('E-mail', 'email', this.sort, sortBy)}
          ${sortHeader('Roles', 'roles', this.sort, sortBy)}
          ${sortHeader('Created', 'created', this.sort, sortBy)}
        </tr></thead>
        <tbody>${shown.map((u) => html`<tr>
          <td><a href=${router.href(`/users/${u.id}`)}>${u.name}</a>
            ${u.displayName ? html`<div class="muted">${u.displayName}</div>` : nothing}</td>
          <td>${u.provider || 'local'}</td>
          <td>${u.email}</td>
          <td>${(u.roles ?? []).map((r) => html`<span class="tag">${r}</span>`)}</td>
          <td class="nowrap">${formatTime(u.createdAt)}</td>
        </tr>`)}</tbody>
      </table></div>
      ${mayWrite ? this.createForm() : nothing}`;
  }
}
customElements.define('cs-users-page', UsersPage);
