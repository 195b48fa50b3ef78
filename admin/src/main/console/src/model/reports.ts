// The compliance reports (docs/compliance.md; GET /api/v1/reports, /api/v1/reports/{kind}, /api/v1/reports/schedules).
export type ReportFormat = 'html' | 'pdf' | 'csv' | 'json';

export interface ReportKind {
  id: string;
  title: string;
  /** What the report covers: an instant, a period, or an instant and the period before it (devices). */
  covers: 'instant' | 'period' | 'instant-and-period';
  answers: string;
}

/** The six reports the API offers (ReportKind in the compliance module). */
export const REPORT_KINDS: ReportKind[] = [
  { id: 'access-review', title: 'Access review', covers: 'instant',
    answers: 'Who could reach what, through which rule, granted by which policy version.' },
  { id: 'access-changes', title: 'Access changes', covers: 'period',
    answers: 'Each policy change: who, when, why, the diff, the access it opened and closed.' },
  { id: 'keys', title: 'Keys', covers: 'instant',
    answers: 'Node, pre-auth and API keys: age, expiry, threshold breaches first.' },
  { id: 'routes', title: 'Routes', covers: 'period',
    answers: 'Subnet routes and exit nodes advertised, approved and withdrawn, and by whom.' },
  { id: 'devices', title: 'Devices', covers: 'instant-and-period',
    answers: 'Each device with owner, client, last seen; those deleted or expired in the period.' },
  { id: 'admin-activity', title: 'Admin activity', covers: 'period',
    answers: 'Every change an administrator made, per actor, and what the server did on its own.' },
];

/** One line of GET /api/v1/reports */
export interface GeneratedReport {
  time: string;
  kind: string;
  from: string | null;
  to: string;
  format: string;
  digest: string;
  contentDigest: string;
  chainPosition: number;
  schedule: string | null;
  actor: string;
  auditPosition: number;
}

/** One line of GET /api/v1/reports/schedules (compliance.schedules in the configuration) */
export interface ReportSchedule {
  name: string;
  /** The report's kind, e.g. access-review (the configuration's key). */
  report: string;
  schedule: string;
  /** As the configuration writes it (7d); null for the reports of an instant. */
  period: string | null;
  formats: string[];
  /** Whether each run is posted to a webhook (its URL is not shown: it may carry a token). */
  webhook: boolean;
}
