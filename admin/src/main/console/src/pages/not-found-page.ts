import { html } from 'lit';
import { router } from '../router';
import { Page } from './page';

class NotFoundPage extends Page {
  protected async load(): Promise<void> {}

  render() {
    return html`<h1>Not found</h1><p>No console page at <code>${router.current()}</code>.</p>
      <p><a href=${router.href('/')}>Back to the tailnet</a></p>`;
  }
}
customElements.define('cs-not-found-page', NotFoundPage);
