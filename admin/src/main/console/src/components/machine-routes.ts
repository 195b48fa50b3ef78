// A machine's subnet and exit routes: what it advertises, what is approved, and "approve" for each one waiting.
// Approving sends the whole approved list (POST /api/v1/node/{id}/approve_routes replaces it).
import { LitElement, html, nothing } from 'lit';
import { api } from '../api';
import type { Node } from '../model/inventory';
import { shared } from '../styles/shared';
import { inventory } from '../styles/inventory';
import { changeWithReason } from './change-with-reason';

class MachineRoutes extends LitElement {
  static styles = [shared, inventory];
  static properties = { node: { attribute: false }, editable: { type: Boolean } };

  declare node: Node;
  declare editable: boolean;

  constructor() {
    super();
    this.editable = false;
  }

  private async approve(routes: string[], title: string, done: string): Promise<void> {
    const answer = await changeWithReason({ title, action: 'Approve routes', detail: `Approved afterwards: ${routes.join(', ') || 'none'}.` },
      (reason) => api.post(`/api/v1/node/${this.node.id}/approve_routes`, { routes }, { reason }), done);
    if (answer) this.dispatchEvent(new CustomEvent('changed', { detail: { deleted: false }, bubbles: true, composed: true }));
  }

  private state(route: string): string {
    const advertised = this.node.availableRoutes.includes(route);
    const approved = this.node.approvedRoutes.includes(route);
    if (advertised && approved) return 'approved, served';
    if (advertised) return 'waiting for approval';
    return 'approved, not advertised';
  }

  render() {
    const node = this.node;
    const routes = [...new Set([...node.availableRoutes, ...node.approvedRoutes])];
    if (routes.length === 0) return html`<p class="muted">This machine advertises no routes.</p>`;
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Routes of ${node.givenName}</caption>
      <thead><tr><th scope="col">Route</th><th scope="col">State</th>${this.editable ? html`<th scope="col">Change</th>` : nothing}</tr></thead>
      <tbody>${routes.map((route) => {
        const approved = node.approvedRoutes.includes(route);
        const state = this.state(route);
        return html`<tr>
          <td class="mono">${route}</td>
          <td><span class=${approved ? 'online' : 'warn-text'}>${state}</span></td>
          ${this.editable ? html`<td>${approved
            ? html`<button class="danger" aria-label="Remove the approval of ${route}"
                @click=${() => this.approve(node.approvedRoutes.filter((r) => r !== route), `Stop approving ${route} on ${node.givenName}`, `${route} no longer approved`)}>Remove approval</button>`
            : html`<button class="primary" aria-label="Approve ${route}"
                @click=${() => this.approve([...node.approvedRoutes, route], `Approve ${route} on ${node.givenName}`, `${route} approved`)}>Approve</button>`}</td>`
          : nothing}
        </tr>`;
      })}</tbody>
    </table></div>`;
  }
}
customElements.define('cs-machine-routes', MachineRoutes);
