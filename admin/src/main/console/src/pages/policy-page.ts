// The policy: the text in force in a HuJSON editor, checked by the server as you type, its own tests, the access a
// change would add and remove (previewed before it may be saved), and every version with its author, reason and diff.
import { html, css, nothing } from 'lit';
import { api, ApiError } from '../api';
import type { AuditRecord } from '../model/audit';
import type { AccessChange } from '../model/access';
import type { PolicyDocument, PolicyVerdict } from '../model/policy';
import { rejection } from '../policy/verdict';
import { allRecords } from '../audit/trail';
import { timeTravel } from '../time';
import { formatTime } from '../format';
import { askReason } from '../components/reason-dialog';
import { notifyOk } from '../components/notices';
import type { HuJsonEditor } from '../components/hujson-editor';
import { Page } from './page';
import '../components/hujson-editor';
import '../components/policy-tests';
import '../components/access-table';
import '../components/policy-versions';

const CHECK_DELAY_MS = 400;
const NOT_SET = 'acl policy not found';
const FILE_MODE = "update is disabled for modes other than 'database'";

interface Preview extends AccessChange {
  /** The text the preview was made of: Save is offered only while the editor still holds it. */
  text: string;
}

class PolicyPage extends Page {
  static styles = [...Page.styles, css`
    .workspace { display: grid; grid-template-columns: minmax(0, 2fr) minmax(15rem, 1fr); gap: 1rem; align-items: start; }
    @media (max-width: 900px) { .workspace { grid-template-columns: minmax(0, 1fr); } }
    .verdict { margin-top: 0; white-space: pre-wrap; }
    .verdict.ok { border-color: var(--cs-ok); }
    .impact { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.5rem; }
    .gained h3 { color: var(--cs-ok); }
    .lost h3 { color: var(--cs-danger); }
    .small { font-size: 0.85rem; }
  `];
  static properties = {
    ...Page.properties, inForce: { state: true }, text: { state: true }, verdict: { state: true },
    preview: { state: true }, versions: { state: true }, busy: { state: true }, saveError: { state: true },
    fileMode: { state: true },
  };

  declare inForce: PolicyDocument | null;
  declare text: string;
  declare verdict: PolicyVerdict | null;
  declare preview: Preview | null;
  declare versions: AuditRecord[];
  declare busy: boolean;
  declare saveError: string;
  declare fileMode: boolean;
  private checkTimer: number | undefined;
  private checking: AbortController | null = null;

  constructor() {
    super();
    this.inForce = null;
    this.text = '';
    this.verdict = null;
    this.preview = null;
    this.versions = [];
    this.busy = false;
    this.saveError = '';
    this.fileMode = false;
  }

  protected touchedBy(record: AuditRecord): boolean {
    return record.action === 'policy.updated';
  }

  disconnectedCallback(): void {
    window.clearTimeout(this.checkTimer);
    this.checking?.abort();
    super.disconnectedCallback();
  }

  private get editable(): boolean {
    return this.mayChange('network_write') && !this.fileMode;
  }

  /** Whether the editor holds something other than the policy in force. */
  private get edited(): boolean {
    return this.text !== (this.inForce?.policy ?? '');
  }

  protected async load(): Promise<void> {
    const keepEdits = this.edited && !timeTravel.isPast && this.inForce !== null;
    const [inForce, versions] = await Promise.all([
      api.get<PolicyDocument>('/api/v1/policy', {}, { asOf: true }).catch((error) => {
        if (error instanceof ApiError && error.message.includes(NOT_SET)) return null;
        throw error;
      }),
      allRecords({ action: 'policy.updated', until: timeTravel.at ?? '' }),
    ]);
    this.inForce = inForce;
    this.versions = versions;
    if (!keepEdits) {
      this.text = inForce?.policy ?? '';
      this.preview = null;
      this.saveError = '';
    }
    if (timeTravel.isPast) {
      this.verdict = null;
    } else {
      this.scheduleCheck(0);
    }
  }

  private changed(text: string): void {
    this.text = text;
    this.saveError = '';
    // The last verdict was about another text: say nothing until this one is checked.
    this.verdict = { state: 'checking' };
    this.scheduleCheck(CHECK_DELAY_MS);
  }

  private scheduleCheck(delay: number): void {
    window.clearTimeout(this.checkTimer);
    this.checkTimer = window.setTimeout(() => this.check(), delay);
  }

  /** POST /api/v1/policy/check of the editor's text; a newer text cancels an older check. */
  private async check(): Promise<void> {
    this.checking?.abort();
    const controller = new AbortController();
    this.checking = controller;
    const text = this.text;
    this.verdict = { state: 'checking' };
    try {
      await api.post('/api/v1/policy/check', { policy: text }, { signal: controller.signal });
      if (this.text === text) this.verdict = { state: 'valid' };
    } catch (error) {
      if (controller.signal.aborted) return;
      this.verdict = rejection(error instanceof Error ? error.message : String(error));
    }
  }

  private async previewImpact(): Promise<void> {
    const text = this.text;
    this.busy = true;
    this.saveError = '';
    try {
      const change = await api.post<AccessChange>('/api/v1/policy/impact', { policy: text });
      if (this.text === text) this.preview = { text, ...change };
    } catch (error) {
      this.preview = null;
      this.verdict = rejection(error instanceof Error ? error.message : String(error));
    } finally {
      this.busy = false;
    }
  }

  private async save(): Promise<void> {
    const preview = this.preview;
    if (!preview || preview.text !== this.text) return;
    const reason = await askReason({
      title: 'Put this policy in force',
      detail: `It adds ${preview.gained.length} and removes ${preview.lost.length} access rows, as previewed.`,
      action: 'Save policy',
    });
    if (reason === null) return;
    this.busy = true;
    try {
      const saved = await api.put<PolicyDocument>('/api/v1/policy', { policy: preview.text }, { reason });
      this.inForce = saved;
      this.text = saved.policy;
      this.preview = null;
      notifyOk(`Policy version ${saved.version} is in force`);
      await this.reload();
    } catch (error) {
      this.saveError = error instanceof Error ? error.message : String(error);
      if (this.saveError.includes(FILE_MODE)) this.fileMode = true;
    } finally {
      this.busy = false;
    }
  }

  private goToError(): void {
    const verdict = this.verdict;
    if (verdict?.state !== 'invalid' || !verdict.line) return;
    this.renderRoot.querySelector<HuJsonEditor>('cs-hujson-editor')!.goTo(verdict.line, verdict.column);
  }

  private renderVerdict() {
    const verdict = this.verdict;
    if (timeTravel.isPast) return html`<p class="notice">The policy in force at ${formatTime(timeTravel.at)}. Checks run only on the present.</p>`;
    if (!verdict || verdict.state === 'checking') return html`<p class="notice verdict">Checking…</p>`;
    if (verdict.state === 'valid') return html`<p class="notice verdict ok"><strong class="online">Valid.</strong> The server accepts this policy and its tests pass.</p>`;
    return html`<div class="notice error verdict"><strong class="error">Not valid.</strong> ${verdict.message}
      ${verdict.line ? html`<div><button type="button" @click=${this.goToError}>Go to line ${verdict.line}</button></div>` : ''}</div>`;
  }

  private renderImpact() {
    const preview = this.preview;
    if (!preview) return html`<p class="muted">Preview the change to see the access it adds and removes; saving needs a preview of the text as it is.</p>`;
    if (preview.text !== this.text) return html`<p class="notice warn">The text changed since the preview: preview again.</p>`;
    return html`<div class="impact" aria-label="Impact of the change">
      <section class="gained"><h3>Access gained (${preview.gained.length})</h3>
        <cs-access-table .rows=${preview.gained} caption="Access gained" empty="No access is added."></cs-access-table></section>
      <section class="lost"><h3>Access lost (${preview.lost.length})</h3>
        <cs-access-table .rows=${preview.lost} caption="Access lost" empty="No access is removed."></cs-access-table></section>
    </div>`;
  }

  private renderChange() {
    if (timeTravel.isPast) return '';
    if (this.fileMode) {
      return html`<p class="notice warn" role="alert">The server takes its policy from a file (<code>policy.mode: file</code>):
        ${this.saveError || FILE_MODE}. Change the file instead.</p>`;
    }
    if (!this.mayChange('network_write')) {
      return html`<p class="notice">Your role may read the policy but not change it: the editor is read only.</p>`;
    }
    const previewed = this.preview !== null && this.preview.text === this.text;
    return html`<h2>Impact preview</h2>
      <div class="toolbar">
        <button type="button" ?disabled=${this.busy || !this.edited} @click=${this.previewImpact}>Preview impact</button>
        <button type="button" class="primary" ?disabled=${this.busy || !previewed} @click=${this.save}>Save…</button>
        <button type="button" ?disabled=${this.busy || !this.edited} @click=${() => this.changed(this.inForce?.policy ?? '')}>Discard changes</button>
      </div>
      ${this.saveError ? html`<p class="notice error" role="alert">${this.saveError}</p>` : ''}
      ${this.renderImpact()}`;
  }

  render() {
    const inForce = this.inForce;
    const verdict = this.verdict;
    return html`<h1>Policy</h1>${this.failureNotice()}
      <p class="muted">${inForce
        ? html`Version ${inForce.version}, in force since ${formatTime(inForce.updatedAt)}${timeTravel.isPast ? html` (as of ${formatTime(timeTravel.at)})` : ''}.`
        : 'No policy is set: every node may reach every other.'}
        ${this.edited && !timeTravel.isPast ? html`<strong>Edited, not saved.</strong>` : ''}</p>
      <div class="workspace">
        <cs-hujson-editor label="Policy (HuJSON)" .value=${this.text} ?readonly=${!this.editable}
          .errorLine=${verdict?.state === 'invalid' ? verdict.line : undefined}
          @value-changed=${(e: CustomEvent<string>) => this.changed(e.detail)}></cs-hujson-editor>
        <aside aria-label="Validation">
          <h2 class="visually-hidden">Validation</h2>
          <div aria-live="polite">${this.renderVerdict()}</div>
          <h3>Tests</h3>
          <cs-policy-tests .text=${this.text} .verdict=${timeTravel.isPast ? null : verdict}></cs-policy-tests>
        </aside>
      </div>
      ${this.renderChange()}
      <h2>Versions</h2>
      ${this.loading && this.versions.length === 0 ? html`<p class="muted">Loading…</p>` : nothing}
      <cs-policy-versions .records=${this.versions}></cs-policy-versions>`;
  }
}
customElements.define('cs-policy-page', PolicyPage);
