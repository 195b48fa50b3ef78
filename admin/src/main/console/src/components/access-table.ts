// Access rows (who may reach what, by which rule) as a table: the impact preview, the access page and history diff.
import { LitElement, html } from 'lit';
import type { AccessRow } from '../model/access';
import { router } from '../router';
import { shared } from '../styles/shared';

class AccessTable extends LitElement {
  static styles = [shared];
  static properties = { rows: { attribute: false }, caption: {}, empty: {} };
  declare rows: AccessRow[];
  declare caption: string;
  /** Said instead of an empty table. */
  declare empty: string;

  constructor() {
    super();
    this.rows = [];
    this.caption = 'Access';
    this.empty = 'None.';
  }

  render() {
    if (this.rows.length === 0) return html`<p class="muted">${this.empty}</p>`;
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">${this.caption}</caption>
      <thead><tr><th scope="col">Source</th><th scope="col">Destination</th><th scope="col">Ports</th>
        <th scope="col" class="hide-narrow">Protocol</th><th scope="col">Rule</th></tr></thead>
      <tbody>${this.rows.map((row) => html`<tr>
        <td><code>${row.source}</code><div class="muted mono">${row.sourceIps.join(', ')}</div></td>
        <td><a href=${router.href(`/machines/${encodeURIComponent(row.destination.id)}`)}>${row.destination.name}</a>
          <div class="muted mono">${row.destinationIps.join(', ')}</div></td>
        <td><code>${row.ports}</code></td>
        <td class="hide-narrow">${row.protocol}</td>
        <td><span title=${row.ruleText}>${row.rule}</span></td>
      </tr>`)}</tbody>
    </table></div>`;
  }
}
customElements.define('cs-access-table', AccessTable);
