// Client-side routes under /console/. Each page is a custom element; the router gives it the path's parameters
// as its `params` property. Pages register themselves in src/pages/index.ts.
export const BASE = '/console';

export interface PageRoute {
  /** Path under /console, e.g. '/machines/:id'. */
  path: string;
  /** The custom element's tag name. */
  tag: string;
  /** The document title and, for pages in the navigation, the link text. */
  title: string;
  /** Shown in the main navigation when set, in ascending order. */
  nav?: number;
}

export interface Match {
  route: PageRoute;
  params: Record<string, string>;
}

type Listener = (match: Match | null) => void;

function compile(path: string): RegExp {
  const pattern = path.replace(/\/:([A-Za-z_]+)/g, '/(?<$1>[^/]+)');
  return new RegExp(`^${pattern}/?$`);
}

class Router {
  private routes: { route: PageRoute; pattern: RegExp }[] = [];
  private listeners = new Set<Listener>();

  constructor() {
    window.addEventListener('popstate', () => this.notify());
  }

  register(routes: PageRoute[]): void {
    for (const route of routes) this.routes.push({ route, pattern: compile(route.path) });
  }

  navigation(): PageRoute[] {
    return this.routes.map((r) => r.route).filter((r) => r.nav !== undefined).sort((a, b) => a.nav! - b.nav!);
  }

  /** The path under /console of the current address ('/' for the console's home). */
  current(): string {
    const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
    return path === '' ? '/' : path;
  }

  match(path = this.current()): Match | null {
    for (const { route, pattern } of this.routes) {
      const found = pattern.exec(path);
      if (found) {
        const params: Record<string, string> = {};
        for (const [name, value] of Object.entries(found.groups ?? {})) params[name] = decodeURIComponent(value);
        return { route, params };
      }
    }
    return null;
  }

  /** An address for a console path, keeping the time slider's instant. */
  href(path: string): string {
    const at = new URLSearchParams(location.search).get('at');
    return `${BASE}${path}${at ? `?at=${encodeURIComponent(at)}` : ''}`;
  }

  go(path: string): void {
    history.pushState(null, '', this.href(path));
    this.notify();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follows same-console links without a reload (kept as real links for the keyboard, middle click and copy). */
  interceptLinks(root: EventTarget): void {
    root.addEventListener('click', (event) => {
      const click = event as MouseEvent;
      if (click.defaultPrevented || click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return;
      const anchor = click.composedPath().find((element) => element instanceof HTMLAnchorElement) as HTMLAnchorElement | undefined;
      if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
      if (!anchor.pathname.startsWith(`${BASE}/`)) return;
      event.preventDefault();
      history.pushState(null, '', anchor.pathname + anchor.search);
      this.notify();
    });
  }

  private notify(): void {
    const match = this.match();
    this.listeners.forEach((listener) => listener(match));
  }
}

export const router = new Router();
