// Reading the audit trail: GET /api/v1/audit/log pages oldest first (after= a position, next= the last one of a
// full page), so "newest first" means reading every page of the filtered trail.
import { api, Query } from '../api';
import type { AuditFilters, AuditPage, AuditRecord } from '../model/audit';

const PAGE = 1000;

/** Every record the filters match, oldest first. */
export async function allRecords(filters: Partial<AuditFilters>, signal?: AbortSignal): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  let after = 0;
  for (;;) {
    const query: Query = { ...filters, after, limit: PAGE };
    const page = await api.get<AuditPage>('/api/v1/audit/log', query, { signal });
    records.push(...page.records);
    if (page.next === null || page.records.length === 0) return records;
    after = page.next;
  }
}

/** The way the server matches a filter (AuditQuery), for records that arrive live. */
export function matches(record: AuditRecord, filters: AuditFilters): boolean {
  const { actor, action, node, user, since, until } = filters;
  if (actor && record.actor?.id !== actor && record.actor?.type !== actor.toUpperCase()) return false;
  if (action) {
    const prefix = action.endsWith('.') || action.endsWith('*');
    if (prefix ? !record.action.startsWith(action.replace('*', '')) : record.action !== action) return false;
  }
  if (node && !targets(record, 'node', node)) return false;
  if (user && !targets(record, 'user', user)) return false;
  const time = Date.parse(record.time);
  if (since && time < Date.parse(since)) return false;
  if (until && time >= Date.parse(until)) return false;
  return true;
}

function targets(record: AuditRecord, type: string, idOrName: string): boolean {
  return record.target?.type === type && (record.target.id === idOrName || record.target.name === idOrName);
}

/** Who did it, as a person reads it: "API_KEY Xk3mP9aQr2Lw", "LOCAL_CLI root". */
export function actorText(record: AuditRecord): string {
  return record.actor ? `${record.actor.type} ${record.actor.id ?? ''}`.trim() : '—';
}

/**
 * The Git commit a change names: the record's own commit detail when it has one, else a hash in its reason
 * (the server knows a commit only when the person gave it there, docs/compliance.md).
 */
export function commitOf(record: AuditRecord): string | null {
  const details = record.details as Record<string, unknown> | undefined;
  if (typeof details?.commit === 'string' && details.commit) return details.commit;
  for (const word of (record.reason ?? '').split(/[\s,;:()[\]]+/)) {
    if (/^[0-9a-f]{7,40}$/i.test(word) && /\d/.test(word) && /[a-f]/i.test(word)) return word;
  }
  return null;
}
