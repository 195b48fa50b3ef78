// The policy's versions, newest first: when, who, why, the commit when one is known, and each one's diff, from the
// policy.updated audit records (docs/audit.md). As of the time slider's instant when it is set.
import { LitElement, html, css } from 'lit';
import type { AuditRecord } from '../model/audit';
import { actorText, commitOf } from '../audit/trail';
import { formatTime } from '../format';
import { shared } from '../styles/shared';
import './unified-diff';

class PolicyVersions extends LitElement {
  static styles = [shared, css`
    ol { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
    details { border: 1px solid var(--cs-border); border-radius: var(--cs-radius); background: var(--cs-surface); }
    summary { cursor: pointer; padding: 0.5rem 0.7rem; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
    summary strong { min-width: 2.5rem; }
    .body { padding: 0 0.7rem 0.7rem; }
  `];
  static properties = { records: { attribute: false } };
  /** policy.updated records, oldest first. */
  declare records: AuditRecord[];

  constructor() {
    super();
    this.records = [];
  }

  render() {
    if (this.records.length === 0) return html`<p class="muted">No policy has been set yet.</p>`;
    return html`<ol aria-label="Policy versions">${[...this.records].reverse().map((record) => {
      const version = record.target?.name ?? '';
      const commit = commitOf(record);
      return html`<li><details>
        <summary><strong>${version}</strong><span>${formatTime(record.time)}</span>
          <span>by <span class="mono">${actorText(record)}</span></span>
          <span>${record.reason ? html`“${record.reason}”` : html`<span class="muted">no reason given</span>`}</span>
          ${commit ? html`<span>commit <code>${commit}</code></span>` : ''}</summary>
        <div class="body"><cs-unified-diff .diff=${String(record.diff ?? '')} label=${`Changes in policy ${version}`}></cs-unified-diff></div>
      </details></li>`;
    })}</ol>`;
  }
}
customElements.define('cs-policy-versions', PolicyVersions);
