// The compliance reports: a form per kind that downloads the signed file (GET /api/v1/reports/{kind}), the reports
// generated so far (GET /api/v1/reports) and the scheduled ones (GET /api/v1/reports/schedules).
import { html, css } from 'lit';
import { api } from '../api';
import { REPORT_KINDS, ReportFormat, ReportKind, GeneratedReport, ReportSchedule } from '../model/reports';
import type { AuditRecord } from '../model/audit';
import { sessions } from '../session';
import { timeTravel } from '../time';
import { formatTime, wireInstant } from '../format';
import { notifyError, notifyOk } from '../components/notices';
import { Page } from './page';

const FORMATS: { id: ReportFormat; label: string }[] = [
  { id: 'pdf', label: 'PDF' }, { id: 'html', label: 'HTML' }, { id: 'csv', label: 'CSV (zip)' }, { id: 'json', label: 'JSON' },
];
const WEEK_MS = 7 * 86_400_000;

function toLocal(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}

/** The name in the server's Content-Disposition, or one made the same way. */
function fileName(response: Response, kind: string, format: ReportFormat): string {
  const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return named ? named[1] : `chronoscale-${kind}.${format === 'csv' ? 'zip' : format}`;
}

class ReportsPage extends Page {
  static styles = [...Page.styles, css`
    form.card { display: flex; flex-direction: column; gap: 0.5rem; }
    form.card h3 { margin: 0; }
    form.card .fields { display: flex; flex-direction: column; gap: 0.5rem; }
    form.card label, form.card input, form.card select { width: 100%; min-width: 0; }
    label.reason { display: flex; max-width: 32rem; margin-bottom: 0.75rem; }
    .digest { font-family: var(--cs-mono); font-size: 0.8rem; }
  `];
  static properties = {
    ...Page.properties, generated: { state: true }, schedules: { state: true }, busy: { state: true }, reason: { state: true },
  };

  declare generated: GeneratedReport[];
  declare schedules: ReportSchedule[];
  /** The kind being generated, or ''. */
  declare busy: string;
  declare reason: string;

  constructor() {
    super();
    this.generated = [];
    this.schedules = [];
    this.busy = '';
    this.reason = '';
  }

  protected touchedBy(record: AuditRecord): boolean {
    return record.action === 'report.generated';
  }

  protected async load(): Promise<void> {
    const [generated, schedules] = await Promise.all([
      api.get<{ reports: GeneratedReport[] }>('/api/v1/reports'),
      api.get<{ schedules: ReportSchedule[] }>('/api/v1/reports/schedules'),
    ]);
    this.generated = generated.reports.reverse();
    this.schedules = schedules.schedules;
  }

  private async generate(event: Event, kind: ReportKind): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const instant = (name: string) => {
      const value = String(form.get(name) ?? '');
      return value ? wireInstant(new Date(value)) : undefined;
    };
    const format = String(form.get('format')) as ReportFormat;
    const query = kind.covers === 'instant' ? { at: instant('at') }
      : kind.covers === 'period' ? { from: instant('from'), to: instant('to') }
      : { from: instant('from'), to: instant('at') };
    this.busy = kind.id;
    try {
      const response = await api.raw('GET', `/api/v1/reports/${kind.id}`, { ...query, format },
        { reason: this.reason.trim() || undefined });
      const name = fileName(response, kind.id, format);
      const address = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = address;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(address), 60_000);
      notifyOk(`Downloaded ${name}`);
    } catch (error) {
      notifyError(error);
    } finally {
      this.busy = '';
    }
  }

  private renderForm(kind: ReportKind) {
    const end = timeTravel.at ? new Date(timeTravel.at) : null;
    const start = new Date((end ?? new Date()).getTime() - WEEK_MS);
    const id = (field: string) => `${kind.id}-${field}`;
    return html`<form class="card" aria-labelledby=${id('title')} @submit=${(e: Event) => this.generate(e, kind)}>
      <h3 id=${id('title')}>${kind.title}</h3>
      <p class="muted">${kind.answers}</p>
      <div class="fields">
        ${kind.covers !== 'instant' ? html`<label>From <input name="from" type="datetime-local" step="1"
          ?required=${kind.covers === 'period'} .value=${kind.covers === 'period' ? toLocal(start) : ''}></label>` : ''}
        ${kind.covers === 'period'
          ? html`<label>To (empty: now) <input name="to" type="datetime-local" step="1" .value=${end ? toLocal(end) : ''}></label>`
          : html`<label>At (empty: now) <input name="at" type="datetime-local" step="1" .value=${end ? toLocal(end) : ''}></label>`}
        <label>Format <select name="format">${FORMATS.map((f) => html`<option value=${f.id}>${f.label}</option>`)}</select></label>
      </div>
      <div><button class="primary" type="submit" ?disabled=${this.busy !== ''}
        aria-label=${`Download the ${kind.title.toLowerCase()} report`}>${this.busy === kind.id ? 'Generating…' : 'Download'}</button></div>
    </form>`;
  }

  private renderGenerated() {
    if (this.generated.length === 0) return html`<p class="muted">No report has been generated yet.</p>`;
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Reports generated</caption>
      <thead><tr><th scope="col">Generated</th><th scope="col">Report</th><th scope="col">Covers</th><th scope="col">Format</th>
        <th scope="col">By</th><th scope="col" class="hide-narrow">Digest (SHA-256)</th></tr></thead>
      <tbody>${this.generated.map((r) => html`<tr>
        <td>${formatTime(r.time)}</td><td>${r.kind}</td>
        <td>${r.from ? html`${formatTime(r.from)} – ` : ''}${formatTime(r.to)}</td><td>${r.format}</td>
        <td>${r.schedule ? html`schedule <strong>${r.schedule}</strong>` : html`<span class="mono">${r.actor}</span>`}</td>
        <td class="hide-narrow"><span class="digest" title=${r.digest}>${r.digest.slice(0, 16)}…</span></td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  private renderSchedules() {
    if (this.schedules.length === 0) {
      return html`<p class="muted">No report is scheduled. Schedules are set in the server's configuration
        (<code>compliance.schedules</code>).</p>`;
    }
    const lastRun = (name: string) => this.generated.find((r) => r.schedule === name);
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Scheduled reports</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Report</th><th scope="col">When (cron, UTC)</th><th scope="col">Period</th>
        <th scope="col">Formats</th><th scope="col">Webhook</th><th scope="col">Last run</th></tr></thead>
      <tbody>${this.schedules.map((s) => html`<tr>
        <td>${s.name}</td><td>${s.report}</td><td><code>${s.schedule}</code></td><td>${s.period ?? '—'}</td>
        <td>${s.formats.join(', ')}</td><td>${s.webhook ? 'yes' : 'no'}</td>
        <td>${lastRun(s.name) ? formatTime(lastRun(s.name)!.to) : html`<span class="muted">not yet</span>`}</td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  render() {
    return html`<h1>Reports</h1>${this.failureNotice()}
      <p class="muted">Signed evidence from the event log (see the compliance documentation). Each generation is recorded in the
        audit trail.${timeTravel.isPast ? html` The forms cover the slider's instant, ${formatTime(timeTravel.at)}.` : ''}</p>
      ${sessions.may('report') ? html`<h2>Generate</h2>
        <label class="reason">Reason (optional, recorded with the generation)
          <input name="reason" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)}></label>
        <div class="cards">${REPORT_KINDS.map((kind) => this.renderForm(kind))}</div>`
        : html`<p class="notice">Your role may not generate reports.</p>`}
      <h2>Generated</h2>${this.renderGenerated()}
      <h2>Scheduled</h2>${this.renderSchedules()}`;
  }
}
customElements.define('cs-reports-page', ReportsPage);
