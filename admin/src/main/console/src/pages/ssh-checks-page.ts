// Tailscale SSH checks waiting for a decision (a policy rule with action "check"): approve or reject each.
import { html, nothing } from 'lit';
import { api } from '../api';
import { router } from '../router';
import { timeTravel } from '../time';
import type { AuditRecord } from '../live';
import type { Node, SshCheck } from '../model/inventory';
import { formatTime, relativeTime } from '../format';
import { changeWithReason } from '../components/change-with-reason';
import { inventory } from '../styles/inventory';
import { Page } from './page';

class SshChecksPage extends Page {
  static styles = [...Page.styles, inventory];
  static properties = { ...Page.properties, checks: { state: true }, names: { state: true } };

  declare checks: SshCheck[];
  declare names: Map<string, string>;

  constructor() {
    super();
    this.checks = [];
    this.names = new Map();
  }

  protected async load(): Promise<void> {
    const [checks, nodes] = await Promise.all([
      api.get<{ checks: SshCheck[] }>('/api/v1/sshcheck').then((a) => a.checks),
      api.get<{ nodes: Node[] }>('/api/v1/node').then((a) => a.nodes),
    ]);
    this.checks = checks;
    this.names = new Map(nodes.map((n) => [n.id, n.givenName]));
  }

  protected touchedBy(record: AuditRecord): boolean {
    return record.action.startsWith('ssh.') || record.target?.type === 'node';
  }

  private async decide(check: SshCheck, approve: boolean): Promise<void> {
    const who = `${check.sshUser} from ${this.node(check.sourceNodeId)} to ${this.node(check.destinationNodeId)}`;
    const done = await changeWithReason({ title: `${approve ? 'Approve' : 'Reject'} the SSH session of ${who}`,
      action: approve ? 'Approve' : 'Reject', danger: !approve },
    (reason) => api.post(`/api/v1/sshcheck/${encodeURIComponent(check.id)}/${approve ? 'approve' : 'reject'}`, undefined, { reason }),
    approve ? 'SSH session approved' : 'SSH session rejected');
    if (done) await this.reload();
  }

  private node(id: string): string {
    return this.names.get(id) ?? `node ${id}`;
  }

  render() {
    const mayDecide = this.mayChange('network_write');
    return html`<h1>SSH checks</h1>
      ${timeTravel.isPast ? html`<p class="notice past">Waiting checks are not part of the history: this page shows the
        present, read only, while the slider is set. Decided checks are in the audit trail.</p>` : nothing}
      ${this.failureNotice()}
      <p class="muted">Tailscale SSH sessions held by a policy rule with <code>"action": "check"</code>, oldest first.</p>
      ${this.checks.length === 0 ? html`<p>No SSH session waits for a decision.</p>` : html`<div class="table-wrap"><table>
        <caption class="visually-hidden">SSH checks waiting</caption>
        <thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">SSH user</th><th scope="col">Local user</th>
          <th scope="col">Period</th><th scope="col">Opened</th>${mayDecide ? html`<th scope="col">Decision</th>` : nothing}</tr></thead>
        <tbody>${this.checks.map((c) => html`<tr>
          <td><a href=${router.href(`/machines/${c.sourceNodeId}`)}>${this.node(c.sourceNodeId)}</a></td>
          <td><a href=${router.href(`/machines/${c.destinationNodeId}`)}>${this.node(c.destinationNodeId)}</a></td>
          <td>${c.sshUser}</td><td>${c.localUser}</td><td>${c.checkPeriod === '0s' ? 'always' : c.checkPeriod}</td>
          <td class="nowrap" title=${formatTime(c.openedAt)}>${relativeTime(c.openedAt)}</td>
          ${mayDecide ? html`<td class="nowrap"><button class="primary" @click=${() => this.decide(c, true)}>Approve</button>
            <button class="danger" @click=${() => this.decide(c, false)}>Reject</button></td>` : nothing}
        </tr>`)}</tbody>
      </table></div>`}`;
  }
}
customElements.define('cs-ssh-checks-page', SshChecksPage);
