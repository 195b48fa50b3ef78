// A secret the server shows only once (a new pre-auth key or API key): in the page, with a copy button, until the
// person dismisses it. It is never written to storage or the address.
import { LitElement, html, css } from 'lit';
import { shared } from '../styles/shared';
import { notifyError, notifyOk } from './notices';

class SecretOnce extends LitElement {
  static styles = [shared, css`
    .secret { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    output { font-family: var(--cs-mono); word-break: break-all; padding: 0.3rem 0.5rem; background: var(--cs-bg);
             border: 1px solid var(--cs-border); border-radius: var(--cs-radius); flex: 1 1 20rem; }
  `];
  static properties = { label: {}, value: { attribute: false } };

  declare label: string;
  declare value: string;

  constructor() {
    super();
    this.label = 'New key';
    this.value = '';
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value);
      notifyOk('Copied to the clipboard');
    } catch {
      // Without clipboard permission (plain http, or a headless browser) the person can still select the text.
      const range = document.createRange();
      range.selectNodeContents(this.renderRoot.querySelector('output')!);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      notifyError(new Error('The browser refused the clipboard: the key is selected, copy it with Ctrl+C'));
    }
  }

  private dismiss(): void {
    this.value = '';
    this.dispatchEvent(new CustomEvent('dismissed', { bubbles: true, composed: true }));
  }

  render() {
    if (!this.value) return '';
    return html`<section class="notice warn" aria-labelledby="secret-title">
      <h2 id="secret-title">${this.label}</h2>
      <p>Copy it now: it is shown only this once, and the server keeps only its hash.</p>
      <div class="secret">
        <output aria-label="The key">${this.value}</output>
        <button type="button" class="primary" @click=${this.copy}>Copy</button>
        <button type="button" @click=${this.dismiss}>Done, hide it</button>
      </div>
    </section>`;
  }
}
customElements.define('cs-secret-once', SecretOnce);
