// The time slider: views the whole console as of an instant between the first event and now.
import { LitElement, html, css } from 'lit';
import { api } from '../api';
import { timeTravel } from '../time';
import { formatTime, wireInstant } from '../format';
import { shared } from '../styles/shared';

interface AuditPage {
  records?: { time?: string }[];
}

const STEPS = 1000;

class TimeSlider extends LitElement {
  static styles = [shared, css`
    :host { display: block; }
    .slider { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    input[type=range] { flex: 1 1 12rem; min-width: 8rem; }
    .past { background: var(--cs-past-bg); color: var(--cs-past-text); padding: 0.35rem 0.6rem;
            border-radius: var(--cs-radius); font-weight: 600; }
  `];
  static properties = { first: { state: true }, at: { state: true } };

  declare first: number | null;
  declare at: string | null;
  private unsubscribe = () => {};

  constructor() {
    super();
    this.first = null;
    this.at = timeTravel.at;
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = timeTravel.subscribe((at) => (this.at = at));
    this.loadFirst();
  }

  disconnectedCallback(): void {
    this.unsubscribe();
    super.disconnectedCallback();
  }

  private async loadFirst(): Promise<void> {
    try {
      const page = await api.get<AuditPage>('/api/v1/audit/log', { after: 0, limit: 1 });
      const record = page.records?.[0];
      const time = record?.time;
      this.first = time ? new Date(time).getTime() : Date.now() - 86400000;
    } catch {
      this.first = Date.now() - 86400000;
    }
  }

  private position(): number {
    if (!this.at || this.first === null) return STEPS;
    const span = Date.now() - this.first;
    return Math.round(((new Date(this.at).getTime() - this.first) / span) * STEPS);
  }

  private slide(value: number): void {
    if (this.first === null) return;
    if (value >= STEPS) {
      timeTravel.set(null);
      return;
    }
    const instant = this.first + ((Date.now() - this.first) * value) / STEPS;
    timeTravel.set(wireInstant(new Date(instant)));
  }

  private pick(local: string): void {
    if (!local) return;
    const date = new Date(local);
    if (!Number.isNaN(date.getTime())) timeTravel.set(date.getTime() >= Date.now() ? null : wireInstant(date));
  }

  private localValue(): string {
    const date = this.at ? new Date(this.at) : new Date();
    const offset = date.getTimezoneOffset() * 60000;
    return new Date(date.getTime() - offset).toISOString().slice(0, 19);
  }

  render() {
    return html`<div class="slider">
      <label class="visually-hidden" for="range">Time</label>
      <input id="range" type="range" min="0" max=${STEPS} step="1" .value=${String(this.position())}
        aria-valuetext=${this.at ? formatTime(this.at) : 'now'}
        @change=${(e: Event) => this.slide(Number((e.target as HTMLInputElement).value))}>
      <label>As of
        <input type="datetime-local" step="1" aria-label="View the tailnet as of" .value=${this.localValue()}
          @change=${(e: Event) => this.pick((e.target as HTMLInputElement).value)}>
      </label>
      ${this.at
        ? html`<span class="past" role="status">Viewing ${formatTime(this.at)} — read only</span>
               <button @click=${() => timeTravel.set(null)}>Back to now</button>`
        : html`<span class="muted">Live</span>`}
    </div>`;
  }
}
customElements.define('cs-time-slider', TimeSlider);
