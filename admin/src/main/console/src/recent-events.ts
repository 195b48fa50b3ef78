// The newest audit records matching a filter, as of the time slider's instant. GET /api/v1/audit/log lists oldest
// first in pages (`next` is the position to continue after), so the newest are the last pages' tails.
import { api } from './api';
import type { AuditRecord } from './live';
import { timeTravel } from './time';
import { toDate } from './format';

interface AuditPage {
  records: AuditRecord[];
  next: number | null;
}

const PAGE = 1000;
const MAX_PAGES = 20;

/** Newest first, at most {@code keep}, among the records {@code filter} selects (e.g. {node: '3'}). */
export async function recentEvents(filter: Record<string, string>, keep: number,
  wanted: (record: AuditRecord) => boolean = () => true): Promise<AuditRecord[]> {
  const until = timeTravel.at ? toDate(timeTravel.at) : null;
  let kept: AuditRecord[] = [];
  let after = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.get<AuditPage>('/api/v1/audit/log', {
      ...filter, after, limit: PAGE, // the trail's until is exclusive: the records at the instant itself are part of it
      until: until ? new Date(until.getTime() + 1).toISOString() : undefined,
    });
    kept = [...kept, ...answer.records.filter(wanted)].slice(-keep);
    if (answer.next === null) break;
    after = answer.next;
  }
  return kept.reverse();
}
