// What every page shares: it loads its data from the API, reloads when the time slider moves and when a change
// arrives on the live stream (coalesced), and knows whether it may offer changes (not in the past, and only
// with the permission).
import { LitElement, html, TemplateResult } from 'lit';
import { timeTravel } from '../time';
import { live, AuditRecord } from '../live';
import { sessions, Permission } from '../session';
import { shared } from '../styles/shared';

export abstract class Page extends LitElement {
  static styles = [shared];
  static properties = { params: { attribute: false }, loading: { state: true }, failure: { state: true } };

  /** The route's parameters (e.g. {id: '12'} for /machines/:id). */
  declare params: Record<string, string>;
  declare loading: boolean;
  declare failure: string;

  private cleanups: (() => void)[] = [];
  private reloadTimer: number | undefined;

  constructor() {
    super();
    this.params = {};
    this.loading = true;
    this.failure = '';
  }

  /** Fetches what the page shows; throw to show the error. Reads that take ?at= pass {asOf: true}. */
  protected abstract load(): Promise<void>;

  /** Whether a live record should reload this page; every record by default. */
  protected touchedBy(_record: AuditRecord): boolean {
    return true;
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.cleanups.push(timeTravel.subscribe(() => this.reload()));
    this.cleanups.push(live.subscribe((record) => {
      if (!timeTravel.isPast && this.touchedBy(record)) this.scheduleReload();
    }));
    this.reload();
  }

  disconnectedCallback(): void {
    this.cleanups.forEach((cleanup) => cleanup());
    this.cleanups = [];
    window.clearTimeout(this.reloadTimer);
    super.disconnectedCallback();
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params') && changed.get('params') !== undefined) this.reload();
  }

  /** Changes are offered only in the present and with the permission. */
  protected mayChange(permission: Permission): boolean {
    return !timeTravel.isPast && sessions.may(permission);
  }

  async reload(): Promise<void> {
    this.loading = true;
    try {
      await this.load();
      this.failure = '';
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
  }

  private scheduleReload(): void {
    window.clearTimeout(this.reloadTimer);
    this.reloadTimer = window.setTimeout(() => this.reload(), 250);
  }

  /** The failure notice, or nothing. */
  protected failureNotice(): TemplateResult | string {
    return this.failure ? html`<p class="notice error" role="alert">${this.failure}</p>` : '';
  }
}
