// Asks why, before a change: the answer is sent as the change's reason and lands in its event.
import { LitElement, html } from 'lit';
import { shared } from '../styles/shared';

export interface ReasonRequest {
  /** What is about to happen, e.g. "Rename laptop-one". */
  title: string;
  /** One sentence on the consequence. */
  detail?: string;
  /** The confirm button's text. */
  action?: string;
  /** Marks the confirm button as destructive. */
  danger?: boolean;
}

class ReasonDialog extends LitElement {
  static styles = [shared];
  static properties = { request: { state: true }, reason: { state: true } };

  declare request: ReasonRequest | null;
  declare reason: string;
  private resolve: ((reason: string | null) => void) | null = null;

  constructor() {
    super();
    this.request = null;
    this.reason = '';
  }

  ask(request: ReasonRequest): Promise<string | null> {
    this.resolve?.(null);
    this.request = request;
    this.reason = '';
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.updateComplete.then(() => {
        const dialog = this.renderRoot.querySelector('dialog')!;
        if (!dialog.open) dialog.showModal();
        (this.renderRoot.querySelector('textarea') as HTMLTextAreaElement).focus();
      });
    });
  }

  private finish(reason: string | null): void {
    (this.renderRoot.querySelector('dialog') as HTMLDialogElement).close();
    this.resolve?.(reason);
    this.resolve = null;
  }

  render() {
    const request = this.request;
    return html`<dialog aria-labelledby="reason-title" @cancel=${(e: Event) => { e.preventDefault(); this.finish(null); }}>
      <form method="dialog" @submit=${(e: Event) => { e.preventDefault(); if (this.reason.trim()) this.finish(this.reason.trim()); }}>
        <h2 id="reason-title">${request?.title ?? ''}</h2>
        ${request?.detail ? html`<p>${request.detail}</p>` : ''}
        <label>Reason (recorded in the audit trail)
          <textarea name="reason" rows="3" cols="40" required .value=${this.reason}
            @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
        </label>
        <div class="toolbar">
          <button type="submit" class=${request?.danger ? 'danger' : 'primary'} ?disabled=${!this.reason.trim()}>
            ${request?.action ?? 'Confirm'}</button>
          <button type="button" @click=${() => this.finish(null)}>Cancel</button>
        </div>
      </form>
    </dialog>`;
  }
}
customElements.define('cs-reason-dialog', ReasonDialog);

let instance: ReasonDialog | null = null;

/** Shows the dialog; resolves to the reason given, or null when cancelled. */
export function askReason(request: ReasonRequest): Promise<string | null> {
  if (!instance) {
    instance = document.createElement('cs-reason-dialog') as ReasonDialog;
    document.body.append(instance);
  }
  return instance.ask(request);
}
