// A unified diff (diff -u layout, as policy.updated records and history diff carry it), coloured by line. The
// +/- signs stay in the text, so the colours are never the only sign of what was added or removed.
import { LitElement, html, css } from 'lit';
import { shared } from '../styles/shared';

type LineKind = 'added' | 'removed' | 'hunk' | 'file' | 'context';

function kindOf(line: string): LineKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  return 'context';
}

class UnifiedDiff extends LitElement {
  static styles = [shared, css`
    :host { --diff-added: #dcf2e1; --diff-removed: #fbe0de; --diff-hunk: #e3ecf8; }
    @media (prefers-color-scheme: dark) {
      :host { --diff-added: #1d3a26; --diff-removed: #4a1f1d; --diff-hunk: #1e2e45; }
    }
    pre { margin: 0; overflow-x: auto; border: 1px solid var(--cs-border); border-radius: var(--cs-radius);
          background: var(--cs-bg); padding: 0.4rem 0; font-size: 0.85rem; line-height: 1.45; }
    .line { display: block; padding: 0 0.6rem; white-space: pre; min-width: max-content; }
    .added { background: var(--diff-added); }
    .removed { background: var(--diff-removed); }
    .hunk { background: var(--diff-hunk); color: var(--cs-muted); }
    .file { font-weight: 600; }
  `];
  static properties = { diff: {}, label: {} };
  declare diff: string;
  declare label: string;

  constructor() {
    super();
    this.diff = '';
    this.label = 'Diff';
  }

  render() {
    if (!this.diff) return html`<p class="muted">No difference.</p>`;
    const lines = this.diff.replace(/\n$/, '').split('\n');
    return html`<pre role="region" aria-label=${this.label} tabindex="0"><code>${lines.map((line) =>
      html`<span class="line ${kindOf(line)}">${line || ' '}</span>`)}</code></pre>`;
  }
}
customElements.define('cs-unified-diff', UnifiedDiff);
