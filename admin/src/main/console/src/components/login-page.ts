// The console's login: an API key for set-ups without an identity provider, or the OIDC provider.
import { LitElement, html, css } from 'lit';
import { sessions, LoginMethods } from '../session';
import { router } from '../router';
import { shared } from '../styles/shared';

class LoginPage extends LitElement {
  static styles = [shared, css`
    :host { display: grid; place-items: center; min-height: 80vh; padding: 1rem; }
    .box { width: min(26rem, 100%); border: 1px solid var(--cs-border); border-radius: var(--cs-radius);
           padding: 1.5rem; background: var(--cs-surface); }
    form { display: flex; flex-direction: column; gap: 0.75rem; }
    label { color: var(--cs-text); }
    .or { text-align: center; color: var(--cs-muted); margin: 1rem 0; }
  `];
  static properties = { methods: { state: true }, error: { state: true }, busy: { state: true } };

  declare methods: LoginMethods | null;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.methods = null;
    this.error = new URLSearchParams(location.search).get('login_error') ?? '';
    this.busy = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    sessions.methods().then((m) => (this.methods = m), () => (this.methods = { apiKey: true, oidc: false }));
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#api-key')!;
    this.busy = true;
    this.error = '';
    try {
      await sessions.loginWithApiKey(input.value.trim());
      input.value = '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const next = router.current() === '/login' ? '/' : router.current();
    return html`<main class="box" aria-labelledby="login-title">
      <h1 id="login-title">Chronoscale</h1>
      <p class="muted">Log in to the console.</p>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : ''}
      ${this.methods?.oidc
        ? html`<a class="button primary" href=${sessions.oidcLoginUrl(`/console${next}`)}>Log in with your identity provider</a>
               <p class="or">or</p>`
        : ''}
      <form @submit=${this.submit}>
        <label for="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autocomplete="off" required spellcheck="false"
          placeholder="hskey-api-…">
        <button class="primary" type="submit" ?disabled=${this.busy}>Log in with an API key</button>
        <p class="muted">Create one on the server with <code>chronoscale apikeys create</code>. The key is not kept by
          the browser: the server gives it a session cookie instead.</p>
      </form>
    </main>`;
  }
}
customElements.define('cs-login-page', LoginPage);
