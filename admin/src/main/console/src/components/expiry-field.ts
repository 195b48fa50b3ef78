// The expiry a new key gets: a choice of common spans, turned into the RFC 3339 instant the API takes.
import { html, TemplateResult } from 'lit';

export const EXPIRY_CHOICES: { label: string; hours: number }[] = [
  { label: '1 hour', hours: 1 },
  { label: '1 day', hours: 24 },
  { label: '7 days', hours: 24 * 7 },
  { label: '30 days', hours: 24 * 30 },
  { label: '90 days', hours: 24 * 90 },
  { label: '1 year', hours: 24 * 365 },
];

export function expiryField(name: string, selectedHours: number): TemplateResult {
  return html`<label>Expires in<select name=${name}>
    ${EXPIRY_CHOICES.map((c) => html`<option value=${c.hours} ?selected=${c.hours === selectedHours}>${c.label}</option>`)}
  </select></label>`;
}

/** The instant {@code hours} from now, as the API takes it. */
export function expiryFrom(hours: number, now = Date.now()): string {
  return new Date(now + hours * 3600_000).toISOString();
}
