// GET /api/v1/history/diff (docs/api.md, History).
import type { AuditRecord } from '../live';
import type { AccessChange } from './access';

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface ObjectChange {
  /** user, node, preauthkey or apikey */
  kind: string;
  id: string;
  name: string;
  /** added, removed or changed */
  change: string;
  fields: FieldChange[];
  events: AuditRecord[];
}

export interface HistoryDiff {
  from: string;
  to: string;
  changes: ObjectChange[];
  policy: {
    changed: boolean;
    versionBefore: number | null;
    versionAfter: number | null;
    diff: string;
    events: AuditRecord[];
  };
  access: AccessChange;
  events: number;
  eventsTruncated: boolean;
}
