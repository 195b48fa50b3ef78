// The one way the console talks to the server: the documented REST API (/api/v1) and the console's session
// endpoints. Every request is same-origin with the session cookie; every change carries the CSRF token and the
// reason the person gave, which lands in the event.
import { timeTravel } from './time';

export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  /** Free text, sent as X-Chronoscale-Reason and recorded with the change. */
  reason?: string;
  /** Read as of the time slider's instant (adds at=); for reads that accept it. Default false. */
  asOf?: boolean;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Set by the session module once it knows the session; cleared at logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 (the session ended or expired elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function url(path: string, query: Query = {}, asOf = false): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  if (asOf && timeTravel.at) params.set('at', timeTravel.at);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problem(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    message = body.message ?? body.detail ?? body.title ?? body.error ?? message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message);
}

async function request(method: string, path: string, body: unknown, query: Query, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.reason) headers['X-Chronoscale-Reason'] = options.reason;
  const response = await fetch(url(path, query, options.asOf ?? false), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
  if (!response.ok) throw await problem(response);
  return response;
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  async get<T>(path: string, query: Query = {}, options: RequestOptions = {}): Promise<T> {
    return json<T>(await request('GET', path, undefined, query, options));
  },
  async post<T>(path: string, body?: unknown, options: RequestOptions = {}, query: Query = {}): Promise<T> {
    return json<T>(await request('POST', path, body, query, options));
  },
  async put<T>(path: string, body?: unknown, options: RequestOptions = {}, query: Query = {}): Promise<T> {
    return json<T>(await request('PUT', path, body, query, options));
  },
  async delete<T>(path: string, options: RequestOptions = {}, query: Query = {}): Promise<T> {
    return json<T>(await request('DELETE', path, undefined, query, options));
  },
  /** The raw response, for downloads (reports) and text answers. */
  async raw(method: string, path: string, query: Query = {}, options: RequestOptions = {}): Promise<Response> {
    return request(method, path, undefined, query, options);
  },
};
