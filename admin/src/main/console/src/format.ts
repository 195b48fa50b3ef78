// How times, durations and addresses read in the console.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A wire time (RFC 3339, or Headscale's {seconds,nanos}) as the reader's local date and time. */
export function formatTime(value: unknown): string {
  const date = toDate(value);
  return date ? dateTime.format(date) : '—';
}

export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object' && value !== null && 'seconds' in value) {
    const seconds = Number((value as { seconds: unknown }).seconds);
    return seconds > 0 ? new Date(seconds * 1000) : null;
  }
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() <= 1 ? null : date;
}

/** "3 minutes ago", "in 2 days". */
export function relativeTime(value: unknown, now = Date.now()): string {
  const date = toDate(value);
  if (!date) return '—';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.trunc(seconds / size), unit);
  }
  return '—';
}

/** An instant as the API takes it (RFC 3339, UTC, seconds). */
export function wireInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
