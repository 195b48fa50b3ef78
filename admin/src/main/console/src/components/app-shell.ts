// The console's frame: who is logged in, the navigation, the time slider, and the page the address names.
import { LitElement, html, css, nothing } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { sessions, Session } from '../session';
import { router, Match } from '../router';
import { live } from '../live';
import { timeTravel } from '../time';
import { notFound } from '../pages';
import { notifyError } from './notices';
import { shared } from '../styles/shared';
import './login-page';
import './time-slider';

export class AppShell extends LitElement {
  static styles = [shared, css`
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 0.5rem; top: 0.5rem; z-index: 30; background: var(--cs-bg); padding: 0.5rem; }
    header { border-bottom: 1px solid var(--cs-border); background: var(--cs-surface); padding: 0.5rem 1rem; }
    .top { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
    .brand { font-weight: 700; font-size: 1.1rem; color: var(--cs-text); text-decoration: none; }
    nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
    nav a { display: block; padding: 0.3rem 0.6rem; border-radius: var(--cs-radius); text-decoration: none; color: var(--cs-text); }
    nav a[aria-current=page] { background: var(--cs-accent); color: var(--cs-accent-text); }
    .who { margin-left: auto; display: flex; gap: 0.5rem; align-items: center; font-size: 0.9rem; }
    .live { font-size: 0.8rem; }
    .time { margin-top: 0.5rem; }
    main { padding: 1rem; flex: 1; width: 100%; max-width: 90rem; margin: 0 auto; }
    main.past { border-top: 4px solid var(--cs-past-text); }
  `];
  static properties = { session: { state: true }, match: { state: true }, ready: { state: true }, connected: { state: true } };

  declare session: Session | null;
  declare match: Match | null;
  declare ready: boolean;
  declare connected: boolean;

  constructor() {
    super();
    this.session = null;
    this.match = router.match();
    this.ready = false;
    this.connected = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    router.interceptLinks(this.renderRoot);
    router.subscribe((match) => (this.match = match));
    timeTravel.subscribe(() => this.requestUpdate());
    live.onConnection((connected) => (this.connected = connected));
    sessions.subscribe((session) => {
      this.session = session;
      if (session && sessions.may('read')) live.start();
      else live.stop();
    });
    sessions.restore().catch(notifyError).finally(() => (this.ready = true));
  }

  updated(): void {
    const title = this.session ? this.match?.route.title ?? notFound.title : 'Log in';
    document.title = `${title} · Chronoscale`;
  }

  private async logout(): Promise<void> {
    try {
      await sessions.logout();
    } catch (error) {
      notifyError(error);
    }
  }

  private page() {
    const route = this.match?.route ?? notFound;
    const tag = unsafeStatic(route.tag);
    return staticHtml`<${tag} .params=${this.match?.params ?? {}}></${tag}>`;
  }

  render() {
    if (!this.ready) return html`<main aria-busy="true"><p class="muted">Loading…</p></main>`;
    if (!this.session) return html`<cs-login-page></cs-login-page>`;
    if (!sessions.may('read')) {
      return html`<main><h1>No access</h1>
        <p>You are logged in as ${this.session.user}, but your roles (${this.session.roles.join(', ') || 'none'}) do not
          include one that may see the tailnet. An administrator can give you the <code>auditor</code> role.</p>
        <button @click=${this.logout}>Log out</button></main>`;
    }
    const current = this.match?.route.path;
    return html`<a class="skip" href="#content">Skip to content</a>
      <header>
        <div class="top">
          <a class="brand" href=${router.href('/')}>Chronoscale</a>
          <nav aria-label="Main"><ul>
            ${router.navigation().map((route) => html`<li><a href=${router.href(route.path)}
              aria-current=${route.path === current ? 'page' : nothing}>${route.title}</a></li>`)}
          </ul></nav>
          <div class="who">
            <span class="live ${this.connected ? 'online' : 'offline'}">${this.connected ? '● live' : '○ reconnecting'}</span>
            <span>${this.session.user} <span class="muted">(${this.session.roles.join(', ')})</span></span>
            <button @click=${this.logout}>Log out</button>
          </div>
        </div>
        <div class="time"><cs-time-slider></cs-time-slider></div>
      </header>
      <main id="content" tabindex="-1" class=${timeTravel.isPast ? 'past' : ''}>${this.page()}</main>`;
  }
}

