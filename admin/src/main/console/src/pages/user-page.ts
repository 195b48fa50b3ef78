// One user: who they are, their roles and groups (the identity provider's and the policy's), their machines and
// events; rename, change roles, delete.
import { html, nothing } from 'lit';
import { api } from '../api';
import { router } from '../router';
import { timeTravel } from '../time';
import type { AuditRecord } from '../live';
import type { Node, User, UserGroups } from '../model/inventory';
import { ROLES } from '../model/inventory';
import { ipv4 } from '../model/node-facts';
import { formatTime } from '../format';
import { recentEvents } from '../recent-events';
import { changeWithReason } from '../components/change-with-reason';
import { eventTable } from '../components/event-table';
import { pastNotice } from '../components/past-notice';
import { inventory } from '../styles/inventory';
import { Page } from './page';

class UserPage extends Page {
  static styles = [...Page.styles, inventory];
  static properties = { ...Page.properties, user: { state: true }, groups: { state: true }, nodes: { state: true },
    events: { state: true } };

  declare user: User | null;
  declare groups: UserGroups | null;
  declare nodes: Node[];
  declare events: AuditRecord[];

  constructor() {
    super();
    this.user = null;
    this.groups = null;
    this.nodes = [];
    this.events = [];
  }

  protected async load(): Promise<void> {
    const id = this.params.id;
    const users = (await api.get<{ users: User[] }>('/api/v1/user', { id }, { asOf: true })).users;
    const user = users.find((u) => u.id === id);
    if (!user) throw new Error(timeTravel.isPast ? `No user ${id} at that instant.` : `No user ${id}.`);
    const [groups, nodes, events] = await Promise.all([
      api.get<UserGroups>(`/api/v1/user/${encodeURIComponent(id)}/groups`, {}, { asOf: true }),
      api.get<{ nodes: Node[] }>('/api/v1/node', { user: user.name }, { asOf: true }).then((a) => a.nodes),
      recentEvents({ user: id }, 50),
    ]);
    this.user = user;
    this.groups = groups;
    this.nodes = nodes;
    this.events = events;
  }

  protected touchedBy(record: AuditRecord): boolean {
    return record.target?.type === 'user' || record.target?.type === 'node';
  }

  private async rename(event: Event): Promise<void> {
    event.preventDefault();
    const user = this.user!;
    const name = (this.renderRoot.querySelector('#new-user-name') as HTMLInputElement).value.trim();
    if (!name || name === user.name) return;
    const done = await changeWithReason({ title: `Rename the user ${user.name} to ${name}`, action: 'Rename',
      detail: 'Policy rules that name the user (name@) must be changed too.' },
    (reason) => api.post(`/api/v1/user/${user.id}/rename/${encodeURIComponent(name)}`, undefined, { reason }), `Renamed to ${name}`);
    if (done) await this.reload();
  }

  private async setRoles(event: Event): Promise<void> {
    event.preventDefault();
    const user = this.user!;
    const roles = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name=role]:checked')].map((i) => i.value);
    const done = await changeWithReason({ title: `Set the roles of ${user.name}`, action: 'Set roles',
      detail: `Given by an operator: ${roles.join(', ') || 'none'}. Roles from the identity provider stay.` },
    (reason) => api.post(`/api/v1/user/${user.id}/roles`, { roles }, { reason }), 'Roles set');
    if (done) await this.reload();
  }

  private async deleteUser(): Promise<void> {
    const user = this.user!;
    const withNodes = (this.renderRoot.querySelector('#delete-nodes') as HTMLInputElement | null)?.checked ?? false;
    const done = await changeWithReason({ title: `Delete the user ${user.name}`, action: 'Delete', danger: true,
      detail: withNodes ? `Their ${this.nodes.length} machines are deleted first.` : 'Refused while the user owns machines.' },
    (reason) => api.delete(`/api/v1/user/${user.id}`, { reason }, { delete_nodes: withNodes || undefined }), `Deleted ${user.name}`);
    if (done) router.go('/users');
  }

  private changes(user: User) {
    const operatorRoles = (user.roles ?? []).filter((r) => !(user.idpRoles ?? []).includes(r));
    return html`<h2>Change</h2><div class="actions">
      <section aria-labelledby="rename-title"><h3 id="rename-title">Name</h3>
        <form class="inline" @submit=${this.rename}>
          <label>New name<input id="new-user-name" required maxlength="255" .value=${user.name} autocomplete="off" spellcheck="false"></label>
          <button type="submit">Rename</button>
        </form></section>
      <section aria-labelledby="roles-title"><h3 id="roles-title">Roles</h3>
        <form @submit=${this.setRoles}>
          <fieldset><legend>Roles an operator gives</legend>
            ${ROLES.map((role) => html`<label class="check"><input type="checkbox" name="role" value=${role}
              .checked=${operatorRoles.includes(role)}> ${role}</label>`)}
          </fieldset>
          <button type="submit">Set roles</button>
        </form></section>
      <section aria-labelledby="delete-title"><h3 id="delete-title">Delete</h3>
        ${this.nodes.length ? html`<label class="check"><input type="checkbox" id="delete-nodes">
          Also delete their ${this.nodes.length} machines</label>` : nothing}
        <div class="toolbar"><button class="danger" @click=${this.deleteUser}>Delete user</button></div></section>
    </div>`;
  }

  render() {
    const user = this.user;
    if (!user) {
      return html`<p><a href=${router.href('/users')}>← All users</a></p><h1>User</h1>${pastNotice('this user')}
        ${this.failureNotice()}${this.loading ? html`<p class="muted">Loading…</p>` : nothing}`;
    }
    const groups = this.groups;
    return html`<p><a href=${router.href('/users')}>← All users</a></p>
      <h1>${user.name}</h1>
      ${pastNotice('this user')}
      ${this.failureNotice()}
      <dl class="facts">
        <dt>Display name</dt><dd>${user.displayName || '—'}</dd>
        <dt>E-mail</dt><dd>${user.email || '—'}</dd>
        <dt>Provider</dt><dd>${user.provider ? html`${user.provider} <span class="mono muted">${user.providerId}</span>` : 'local'}</dd>
        <dt>Roles</dt><dd>${(user.roles ?? []).length ? (user.roles ?? []).map((r) => html`<span class="tag">${r}</span>`) : 'none'}
          ${(user.idpRoles ?? []).length ? html`<span class="muted">(from the identity provider: ${user.idpRoles!.join(', ')})</span>` : nothing}</dd>
        <dt>Created</dt><dd>${formatTime(user.createdAt)}</dd>
      </dl>
      <h2>Groups</h2>
      <dl class="facts">
        <dt>Identity provider groups</dt><dd>${groups?.idpGroups.length ? groups.idpGroups.map((g) => html`<span class="tag">${g}</span>`) : 'none'}</dd>
        <dt>Policy groups</dt><dd>${groups?.policyGroups.length ? groups.policyGroups.map((g) => html`<span class="tag">${g}</span>`) : 'none'}</dd>
      </dl>
      <h2>Machines</h2>
      ${this.nodes.length ? html`<ul class="plain">${this.nodes.map((n) => html`<li><a href=${router.href(`/machines/${n.id}`)}>${n.givenName}</a>
        <span class="mono muted">${ipv4(n)}</span> ${n.online ? html`<span class="online">online</span>` : html`<span class="offline">offline</span>`}</li>`)}</ul>`
        : html`<p class="muted">None.</p>`}
      ${this.mayChange('admin_write') ? this.changes(user) : nothing}
      <h2>Events</h2>
      ${eventTable(this.events, `Events of ${user.name}, newest first`)}`;
  }
}
customElements.define('cs-user-page', UserPage);
