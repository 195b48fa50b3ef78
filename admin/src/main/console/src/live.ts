// Changes as they happen: the server's event stream (Server-Sent Events of audit records). Pages subscribe and
// reload what a record touches; nothing is polled.
/** An audit record as GET /api/v1/audit/log lists it (docs/audit.md). */
export interface AuditRecord {
  time: string;
  action: string;
  actor?: { type: string; id?: string; name?: string };
  target?: { type: string; id?: string; name?: string };
  reason?: string;
  chain: { position: number; previousHash: string; hash: string };
  [field: string]: unknown;
}

type Listener = (record: AuditRecord) => void;

class LiveEvents {
  private source: EventSource | null = null;
  private listeners = new Set<Listener>();
  private connectedListeners = new Set<(connected: boolean) => void>();
  connected = false;

  start(): void {
    if (this.source) return;
    const source = new EventSource('/api/v1/events/stream', { withCredentials: true });
    source.addEventListener('audit', (message) => {
      const record = JSON.parse((message as MessageEvent<string>).data) as AuditRecord;
      this.listeners.forEach((listener) => listener(record));
    });
    source.addEventListener('open', () => this.setConnected(true));
    // EventSource reconnects by itself (with Last-Event-ID); an error only means it is retrying.
    source.addEventListener('error', () => this.setConnected(false));
    this.source = source;
  }

  stop(): void {
    this.source?.close();
    this.source = null;
    this.setConnected(false);
  }

  /** Every record appended from now on; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    this.connectedListeners.forEach((listener) => listener(connected));
  }
}

export const live = new LiveEvents();
