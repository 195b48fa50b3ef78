// What may be done to one machine: rename, set tags, change owner, expire its key, delete it, and decide its device
// approval. Each asks for a reason; the page is told with a `changed` event (detail.deleted when it is gone).
import { LitElement, html, nothing } from 'lit';
import { api } from '../api';
import type { Node, User } from '../model/inventory';
import { TAGGED_DEVICES } from '../model/inventory';
import { isTagged } from '../model/node-facts';
import { shared } from '../styles/shared';
import { inventory } from '../styles/inventory';
import { changeWithReason } from './change-with-reason';

function tagsFrom(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

class MachineActions extends LitElement {
  static styles = [shared, inventory];
  static properties = { node: { attribute: false }, users: { attribute: false } };

  declare node: Node;
  declare users: User[];

  constructor() {
    super();
    this.users = [];
  }

  private changed(deleted = false): void {
    this.dispatchEvent(new CustomEvent('changed', { detail: { deleted }, bubbles: true, composed: true }));
  }

  private field(id: string): string {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement).value.trim();
  }

  private async rename(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.field('new-name');
    if (name === this.node.givenName) return;
    const done = await changeWithReason({ title: `Rename ${this.node.givenName} to ${name}`, action: 'Rename',
      detail: 'The machine\'s MagicDNS name changes for every peer.' },
    (reason) => api.post(`/api/v1/node/${this.node.id}/rename/${encodeURIComponent(name)}`, undefined, { reason }),
    `Renamed to ${name}`);
    if (done) this.changed();
  }

  private async setTags(event: Event): Promise<void> {
    event.preventDefault();
    const tags = tagsFrom(this.field('new-tags'));
    const done = await changeWithReason({ title: `Set the tags of ${this.node.givenName}`, action: 'Set tags',
      detail: `Tags: ${tags.join(', ')}. A tagged machine is owned by its tags, no longer by a user.` },
    (reason) => api.post(`/api/v1/node/${this.node.id}/tags`, { tags }, { reason }), 'Tags set');
    if (done) this.changed();
  }

  private async move(event: Event): Promise<void> {
    event.preventDefault();
    const user = this.users.find((u) => u.id === this.field('new-owner'));
    if (!user) return;
    const done = await changeWithReason({ title: `Give ${this.node.givenName} to ${user.name}`, action: 'Change owner' },
      (reason) => api.post(`/api/v1/node/${this.node.id}/user`, { user: user.id }, { reason }), `Now owned by ${user.name}`);
    if (done) this.changed();
  }

  private async expire(): Promise<void> {
    const done = await changeWithReason({ title: `Expire ${this.node.givenName}'s key`, action: 'Expire', danger: true,
      detail: 'The machine is logged out now and must log in again to rejoin.' },
    (reason) => api.post(`/api/v1/node/${this.node.id}/expire`, undefined, { reason }), 'Key expired');
    if (done) this.changed();
  }

  private async deleteMachine(): Promise<void> {
    const done = await changeWithReason({ title: `Delete ${this.node.givenName}`, action: 'Delete', danger: true,
      detail: 'The machine leaves the tailnet; its history stays in the audit trail.' },
    (reason) => api.delete(`/api/v1/node/${this.node.id}`, { reason }), `Deleted ${this.node.givenName}`);
    if (done) this.changed(true);
  }

  private async decide(approve: boolean): Promise<void> {
    const verb = approve ? 'approve' : 'refuse';
    const done = await changeWithReason({ title: `${approve ? 'Approve' : 'Refuse'} ${this.node.givenName}`,
      action: approve ? 'Approve' : 'Refuse', danger: !approve,
      detail: approve ? 'The device joins the tailnet.' : 'The device stays out for good, until it is deleted.' },
    (reason) => api.post(`/api/v1/node/${this.node.id}/${verb}`, { reason }, { reason }),
    approve ? 'Device approved' : 'Device refused');
    if (done) this.changed();
  }

  render() {
    const node = this.node;
    const owners = this.users.filter((u) => u.name !== TAGGED_DEVICES);
    return html`<div class="actions">
      ${node.approval === 'pending' ? html`<section aria-labelledby="approval-title">
        <h3 id="approval-title">Device approval</h3>
        <p>This device waits for an operator before it may join.</p>
        <div class="toolbar"><button class="primary" @click=${() => this.decide(true)}>Approve device</button>
          <button class="danger" @click=${() => this.decide(false)}>Refuse device</button></div>
      </section>` : nothing}
      <section aria-labelledby="rename-title">
        <h3 id="rename-title">Name</h3>
        <form class="inline" @submit=${this.rename}>
          <label>New name<input id="new-name" required maxlength="63"
            .value=${node.givenName} autocomplete="off" spellcheck="false"></label>
          <button type="submit">Rename</button>
        </form>
        <p class="muted">Lower-case letters, digits and hyphens, at most 63.</p>
      </section>
      <section aria-labelledby="tags-title">
        <h3 id="tags-title">Tags</h3>
        <form class="inline" @submit=${this.setTags}>
          <label>Tags (comma or space separated)<input id="new-tags" required .value=${node.tags.join(', ')}
            placeholder="tag:server" autocomplete="off" spellcheck="false"></label>
          <button type="submit">Set tags</button>
        </form>
      </section>
      ${isTagged(node) ? nothing : html`<section aria-labelledby="owner-title">
        <h3 id="owner-title">Owner</h3>
        <form class="inline" @submit=${this.move}>
          <label>New owner<select id="new-owner">
            ${owners.map((u) => html`<option value=${u.id} ?selected=${u.id === node.user?.id}>${u.name}</option>`)}
          </select></label>
          <button type="submit">Change owner</button>
        </form>
      </section>`}
      <section aria-labelledby="key-title">
        <h3 id="key-title">Key and removal</h3>
        <div class="toolbar"><button class="danger" @click=${this.expire}>Expire key</button>
          <button class="danger" @click=${this.deleteMachine}>Delete machine</button></div>
      </section>
    </div>`;
  }
}
customElements.define('cs-machine-actions', MachineActions);
