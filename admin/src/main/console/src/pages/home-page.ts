// The console's first page: the tailnet in numbers, with links to each part.
import { html } from 'lit';
import { api } from '../api';
import { router } from '../router';
import { Page } from './page';

interface Listed { nodes?: unknown[]; users?: unknown[] }

class HomePage extends Page {
  static properties = { ...Page.properties, nodes: { state: true }, users: { state: true }, online: { state: true } };
  declare nodes: number;
  declare users: number;
  declare online: number;

  constructor() {
    super();
    this.nodes = 0;
    this.users = 0;
    this.online = 0;
  }

  protected async load(): Promise<void> {
    const [nodes, users] = await Promise.all([
      api.get<Listed>('/api/v1/node', {}, { asOf: true }),
      api.get<Listed>('/api/v1/user', {}, { asOf: true }),
    ]);
    this.nodes = nodes.nodes?.length ?? 0;
    this.online = (nodes.nodes ?? []).filter((n) => (n as { online?: boolean }).online).length;
    this.users = users.users?.length ?? 0;
  }

  render() {
    return html`<h1>Tailnet</h1>${this.failureNotice()}
      <div class="cards">
        <a class="card" href=${router.href('/machines')}><strong>${this.nodes}</strong> machines, ${this.online} online</a>
        <a class="card" href=${router.href('/users')}><strong>${this.users}</strong> users</a>
      </div>`;
  }
}
customElements.define('cs-home-page', HomePage);
