// A HuJSON text editor: a real <textarea> (so typing, selection, undo and screen readers work as everywhere) over a
// highlighted copy of its text, with line numbers. Tab inserts two spaces; Escape leaves the editor, so the keyboard
// is never trapped in it.
import { LitElement, html, css, nothing } from 'lit';
import { tokenize } from '../policy/hujson';
import { shared } from '../styles/shared';

const INDENT = '  ';

export class HuJsonEditor extends LitElement {
  static styles = [shared, css`
    :host {
      --hl-key: #1f5fa8; --hl-string: #1e6b34; --hl-number: #8a3b00; --hl-literal: #6f2da8;
      --hl-comment: #4a5766; --hl-invalid: #b3261e;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --hl-key: #7fb2f0; --hl-string: #8fd3a0; --hl-number: #f0b37e; --hl-literal: #d0a8ff;
        --hl-comment: #a9b4c0; --hl-invalid: #f2a19b;
      }
    }
    .frame { display: grid; grid-template-columns: auto 1fr; border: 1px solid var(--cs-border);
             border-radius: var(--cs-radius); background: var(--cs-bg); height: var(--editor-height, 26rem); overflow: hidden; }
    .frame.readonly { background: var(--cs-surface); }
    .frame:focus-within { outline: 3px solid var(--cs-focus); outline-offset: 1px; }
    .gutter, .layer, textarea { font-family: var(--cs-mono); font-size: 0.875rem; line-height: 1.5; margin: 0;
             padding: 0.5rem; tab-size: 2; }
    .gutter { overflow: hidden; text-align: right; color: var(--cs-muted); background: var(--cs-surface);
              border-right: 1px solid var(--cs-border); user-select: none; min-width: 3.2em; }
    .gutter span { display: block; }
    .gutter .error { color: var(--cs-danger); font-weight: 700; }
    .text { position: relative; overflow: hidden; }
    .layer, textarea { position: absolute; inset: 0; white-space: pre; overflow: auto; border: 0; border-radius: 0;
             width: 100%; height: 100%; }
    .layer { pointer-events: none; color: var(--cs-text); scrollbar-width: none; }
    .layer::-webkit-scrollbar { display: none; }
    textarea { resize: none; background: transparent; color: transparent; caret-color: var(--cs-text); outline: none; }
    textarea::selection { background: color-mix(in srgb, var(--cs-accent) 35%, transparent); color: transparent; }
    .key { color: var(--hl-key); }
    .string { color: var(--hl-string); }
    .number { color: var(--hl-number); }
    .literal { color: var(--hl-literal); font-weight: 600; }
    .comment { color: var(--hl-comment); font-style: italic; }
    .invalid { color: var(--hl-invalid); text-decoration: underline wavy; }
  `];
  static properties = {
    value: {}, readonly: { type: Boolean }, label: {}, errorLine: { type: Number, attribute: false },
  };

  declare value: string;
  declare readonly: boolean;
  /** The textarea's accessible name. */
  declare label: string;
  /** A line (from 1) the server's message points at, marked in the gutter. */
  declare errorLine: number | undefined;

  constructor() {
    super();
    this.value = '';
    this.readonly = false;
    this.label = 'Policy';
    this.errorLine = undefined;
  }

  private get textarea(): HTMLTextAreaElement {
    return this.renderRoot.querySelector('textarea')!;
  }

  /** Puts the caret at the start of a line (from 1) and column, and focuses the editor. */
  goTo(line: number, column = 1): void {
    const lines = this.value.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    this.textarea.focus();
    this.textarea.setSelectionRange(offset, offset);
  }

  private edited(text: string): void {
    this.value = text;
    this.dispatchEvent(new CustomEvent('value-changed', { detail: text, bubbles: true, composed: true }));
  }

  private keydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLElement>('.after')!.focus();
      return;
    }
    if (event.key !== 'Tab' || this.readonly || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    const area = this.textarea;
    const { selectionStart: start, selectionEnd: end } = area;
    if (event.shiftKey) {
      const lineStart = this.value.lastIndexOf('\n', start - 1) + 1;
      if (this.value.startsWith(INDENT, lineStart)) {
        this.edited(this.value.slice(0, lineStart) + this.value.slice(lineStart + INDENT.length));
        this.updateComplete.then(() => area.setSelectionRange(Math.max(lineStart, start - INDENT.length), Math.max(lineStart, end - INDENT.length)));
      }
      return;
    }
    // setRangeText keeps the browser's undo history, unlike assigning the value.
    area.setRangeText(INDENT, start, end, 'end');
    this.edited(area.value);
  }

  private scrolled(): void {
    const area = this.textarea;
    const layer = this.renderRoot.querySelector<HTMLElement>('.layer')!;
    const gutter = this.renderRoot.querySelector<HTMLElement>('.gutter')!;
    layer.scrollTop = area.scrollTop;
    layer.scrollLeft = area.scrollLeft;
    gutter.scrollTop = area.scrollTop;
  }

  updated(): void {
    this.scrolled();
  }

  render() {
    const lines = this.value.split('\n').length;
    // A trailing newline needs a visible last line in the layer, or the caret's line has no height there.
    const shown = this.value.endsWith('\n') ? `${this.value} ` : this.value;
    return html`<div class="frame ${this.readonly ? 'readonly' : ''}">
      <div class="gutter" aria-hidden="true">${Array.from({ length: lines }, (_, i) =>
        html`<span class=${i + 1 === this.errorLine ? 'error' : nothing}>${i + 1}</span>`)}</div>
      <div class="text">
        <pre class="layer" aria-hidden="true"><code>${tokenize(shown).map((token) =>
          token.kind === 'whitespace' || token.kind === 'punctuation' ? token.text
            : html`<span class=${token.kind}>${token.text}</span>`)}</code></pre>
        <textarea spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off" aria-label=${this.label}
          aria-describedby="keys" ?readonly=${this.readonly} .value=${this.value}
          @input=${(e: Event) => this.edited((e.target as HTMLTextAreaElement).value)}
          @keydown=${this.keydown} @scroll=${this.scrolled}></textarea>
      </div>
    </div>
    <p id="keys" class="muted small">${this.readonly ? 'Read only.' : 'Tab indents, Shift+Tab outdents, Escape leaves the editor.'}</p>
    <span class="after" tabindex="-1"></span>`;
  }
}
customElements.define('cs-hujson-editor', HuJsonEditor);
