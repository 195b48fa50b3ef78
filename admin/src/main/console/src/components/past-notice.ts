// The line a page shows while the time slider views the past: what it shows, and that nothing can be changed.
import { html, TemplateResult } from 'lit';
import { timeTravel } from '../time';
import { formatTime } from '../format';

export function pastNotice(what: string): TemplateResult | string {
  if (!timeTravel.at) return '';
  return html`<p class="notice past">Showing ${what} as of ${formatTime(timeTravel.at)}, read only. Changes are
    made in the present ("Back to now").</p>`;
}
