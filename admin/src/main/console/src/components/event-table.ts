// Audit records as a table: when, what, who, why, and what changed (docs/audit.md's record).
import { html, nothing, TemplateResult } from 'lit';
import type { AuditRecord } from '../live';
import { formatTime } from '../format';

interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '[]';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function actor(record: AuditRecord): string {
  const a = record.actor;
  if (!a) return '';
  return [a.type, a.name ?? a.id].filter(Boolean).join(' ');
}

export function eventTable(records: AuditRecord[], caption: string): TemplateResult {
  if (records.length === 0) return html`<p class="muted">No events.</p>`;
  return html`<div class="table-wrap"><table>
    <caption class="visually-hidden">${caption}</caption>
    <thead><tr><th scope="col">Time</th><th scope="col">Action</th><th scope="col">By</th><th scope="col">Reason</th>
      <th scope="col">Change</th></tr></thead>
    <tbody>${records.map((record) => {
      const changes = (record.changes as Change[] | undefined) ?? [];
      return html`<tr>
        <td class="nowrap">${formatTime(record.time)}</td>
        <td class="mono">${record.action}</td>
        <td>${actor(record)}</td>
        <td>${record.reason ?? ''}</td>
        <td>${changes.length ? changes.map((c) => html`<div><span class="muted">${c.field}:</span> ${shown(c.old)} → ${shown(c.new)}</div>`) : nothing}</td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}
