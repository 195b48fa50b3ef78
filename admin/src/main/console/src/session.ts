// Who is logged in to the console, and what their roles allow. The server decides every request; the console
// uses the same table (docs/identity.md) only to hide what would be refused.
import { api, ApiError, onUnauthorized, setCsrfToken } from './api';

export interface Session {
  user: string;
  roles: string[];
  csrfToken: string;
  expiresAt: string;
  method: 'apikey' | 'oidc';
}

export interface LoginMethods {
  apiKey: boolean;
  oidc: boolean;
}

export type Permission = 'read' | 'report' | 'network_write' | 'admin_write';

const GRANTS: Record<Permission, string[]> = {
  read: ['admin', 'network-admin', 'auditor'],
  report: ['admin', 'network-admin', 'auditor'],
  network_write: ['admin', 'network-admin'],
  admin_write: ['admin'],
};

type Listener = (session: Session | null) => void;

class SessionStore {
  private current: Session | null = null;
  private listeners = new Set<Listener>();

  constructor() {
    onUnauthorized(() => this.update(null));
  }

  get session(): Session | null {
    return this.current;
  }

  may(permission: Permission): boolean {
    return this.current !== null && this.current.roles.some((role) => GRANTS[permission].includes(role));
  }

  /** The session the browser's cookie holds, if any. */
  async restore(): Promise<Session | null> {
    try {
      this.update(await api.get<Session>('/console/session'));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      this.update(null);
    }
    return this.current;
  }

  async methods(): Promise<LoginMethods> {
    return api.get<LoginMethods>('/console/login/methods');
  }

  async loginWithApiKey(apiKey: string): Promise<Session> {
    const session = await api.post<Session>('/console/session', { apiKey });
    this.update(session);
    return session;
  }

  /** OIDC: the browser goes to the provider and comes back to {@code next} with the cookie set. */
  oidcLoginUrl(next: string): string {
    return `/console/login/oidc?next=${encodeURIComponent(next)}`;
  }

  async logout(): Promise<void> {
    try {
      await api.delete('/console/session');
    } finally {
      this.update(null);
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(session: Session | null): void {
    this.current = session;
    setCsrfToken(session?.csrfToken ?? null);
    this.listeners.forEach((listener) => listener(session));
  }
}

export const sessions = new SessionStore();
