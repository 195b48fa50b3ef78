// The audit trail as GET /api/v1/audit/log lists it (docs/audit.md, "The audit record").
import type { AuditRecord } from '../live';

export type { AuditRecord };

export interface AuditPage {
  records: AuditRecord[];
  /** The position to pass as after= for the next page; null on the last. */
  next: number | null;
}

/** The filters GET /api/v1/audit/log takes, as the console's audit page keeps them. */
export interface AuditFilters {
  actor: string;
  action: string;
  node: string;
  user: string;
  since: string;
  until: string;
}
