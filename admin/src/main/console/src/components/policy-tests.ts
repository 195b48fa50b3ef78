// The policy's own tests, one line per assertion, with each one's result from the server's check.
import { LitElement, html } from 'lit';
import type { PolicyVerdict } from '../model/policy';
import { testCases, resultOf } from '../policy/tests';
import { shared } from '../styles/shared';

class PolicyTests extends LitElement {
  static styles = [shared];
  static properties = { text: {}, verdict: { attribute: false } };
  declare text: string;
  /** null: not checked (the past). */
  declare verdict: PolicyVerdict | null;

  constructor() {
    super();
    this.text = '';
    this.verdict = null;
  }

  render() {
    const cases = testCases(this.text);
    if (cases.length === 0) {
      return html`<p class="muted">This policy has no <code>tests</code> or <code>sshTests</code>.</p>`;
    }
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">The policy's tests</caption>
      <thead><tr><th scope="col">Source</th><th scope="col">Destination</th><th scope="col">Expects</th><th scope="col">Result</th></tr></thead>
      <tbody>${cases.map((test) => {
        const outcome = this.verdict === null ? null : resultOf(test, this.verdict);
        return html`<tr>
          <td><code>${test.source}</code></td><td><code>${test.destination}</code></td><td>${test.expect}</td>
          <td>${outcome === null ? html`<span class="muted">not run</span>`
            : outcome.result === 'passed' ? html`<span class="online">passed</span>`
            : outcome.result === 'failed' ? html`<span class="error">failed</span><div class="small">${outcome.why}</div>`
            : html`<span class="muted" title=${outcome.why}>not run</span>`}</td>
        </tr>`;
      })}</tbody>
    </table></div>`;
  }
}
customElements.define('cs-policy-tests', PolicyTests);
