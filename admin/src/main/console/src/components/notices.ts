// Short messages after an action ("Renamed", or the server's error), announced to screen readers.
import { LitElement, html, css } from 'lit';
import { shared } from '../styles/shared';

interface Notice {
  id: number;
  text: string;
  kind: 'ok' | 'error';
}

class Notices extends LitElement {
  static styles = [shared, css`
    :host { position: fixed; right: 1rem; bottom: 1rem; z-index: 20; max-width: min(28rem, 90vw); }
    .notice { box-shadow: 0 2px 8px rgb(0 0 0 / 0.2); display: flex; gap: 0.5rem; align-items: start; }
    .notice span { flex: 1; }
  `];
  static properties = { notices: { state: true } };
  declare notices: Notice[];
  private next = 1;

  constructor() {
    super();
    this.notices = [];
  }

  show(text: string, kind: 'ok' | 'error'): void {
    const notice = { id: this.next++, text, kind };
    this.notices = [...this.notices, notice];
    if (kind === 'ok') setTimeout(() => this.dismiss(notice.id), 6000);
  }

  private dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  render() {
    return html`<div role="status" aria-live="polite">
      ${this.notices.map((n) => html`<div class="notice ${n.kind === 'error' ? 'error' : ''}">
        <span>${n.text}</span><button aria-label="Dismiss" @click=${() => this.dismiss(n.id)}>×</button></div>`)}
    </div>`;
  }
}
customElements.define('cs-notices', Notices);

let instance: Notices | null = null;

function notices(): Notices {
  if (!instance) {
    instance = document.createElement('cs-notices') as Notices;
    document.body.append(instance);
  }
  return instance;
}

export function notifyOk(text: string): void {
  notices().show(text, 'ok');
}

export function notifyError(error: unknown): void {
  notices().show(error instanceof Error ? error.message : String(error), 'error');
}
