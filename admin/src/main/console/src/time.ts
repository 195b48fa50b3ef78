// The time slider's instant, shared by every page: null is "now". It lives in the address bar (?at=...) so a
// view of the past can be bookmarked, shared and reloaded.
type Listener = (at: string | null) => void;

class TimeTravel {
  private listeners = new Set<Listener>();
  private current: string | null = new URLSearchParams(location.search).get('at');

  get at(): string | null {
    return this.current;
  }

  get isPast(): boolean {
    return this.current !== null;
  }

  /** Views the console as of {@code at} (RFC 3339), or now with null. */
  set(at: string | null): void {
    if (at === this.current) return;
    this.current = at;
    const address = new URL(location.href);
    if (at) address.searchParams.set('at', at);
    else address.searchParams.delete('at');
    history.replaceState(history.state, '', address);
    this.listeners.forEach((listener) => listener(at));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const timeTravel = new TimeTravel();
