// Access questions (GET /api/v1/history/access): what a source can reach, or who can reach a destination, on a
// port, now or at the slider's instant; the answer as a table, and as a sources × destinations matrix when small.
import { html, css } from 'lit';
import { api } from '../api';
import type { AccessAnswer, AccessRow } from '../model/access';
import { timeTravel } from '../time';
import { formatTime, wireInstant } from '../format';
import { Page } from './page';
import '../components/access-table';

const MATRIX_MAX = 12;

type Direction = 'from' | 'to';

interface Question {
  direction: Direction;
  subject: string;
  port: string;
}

interface NodeList {
  nodes: { givenName: string }[];
}

class AccessPage extends Page {
  static styles = [...Page.styles, css`
    .matrix td, .matrix th { text-align: center; }
    .matrix th[scope=row] { text-align: left; }
    .matrix td.none { color: var(--cs-muted); }
  `];
  static properties = { ...Page.properties, question: { state: true }, answer: { state: true }, names: { state: true } };

  /** What the form asks. */
  declare question: Question;
  /** The last answer, with the question it answers (the form may already ask another). */
  declare answer: (AccessAnswer & { question: Question }) | null;
  declare names: string[];

  constructor() {
    super();
    const params = new URLSearchParams(location.search);
    const dst = params.get('dst');
    this.question = { direction: dst ? 'to' : 'from', subject: dst ?? params.get('src') ?? '', port: params.get('port') ?? '' };
    this.answer = null;
    this.names = [];
  }

  protected touchedBy(record: { action: string }): boolean {
    return /^(policy|node|user|route)\./.test(record.action) && !/^node\.(connected|disconnected|reachability_changed|client_reported)$/.test(record.action);
  }

  protected async load(): Promise<void> {
    const q = this.question;
    const [answer, nodes] = await Promise.all([
      api.get<AccessAnswer>('/api/v1/history/access', {
        at: timeTravel.at ?? wireInstant(new Date()),
        src: q.direction === 'from' ? q.subject : undefined,
        dst: q.direction === 'to' ? q.subject : undefined,
        port: q.port || undefined,
      }),
      api.get<NodeList>('/api/v1/node', {}, { asOf: true }),
    ]);
    this.answer = { ...answer, question: q };
    this.names = nodes.nodes.map((n) => n.givenName).sort();
  }

  private ask(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.question = {
      direction: form.get('direction') === 'to' ? 'to' : 'from',
      subject: String(form.get('subject') ?? '').trim(),
      port: String(form.get('port') ?? '').trim(),
    };
    const address = new URL(location.href);
    ['src', 'dst', 'port'].forEach((name) => address.searchParams.delete(name));
    if (this.question.subject) address.searchParams.set(this.question.direction === 'from' ? 'src' : 'dst', this.question.subject);
    if (this.question.port) address.searchParams.set('port', this.question.port);
    history.replaceState(history.state, '', address);
    this.reload();
  }

  private renderMatrix(rows: AccessRow[]) {
    const sources = [...new Set(rows.map((r) => r.source))];
    const destinations = [...new Set(rows.map((r) => r.destination.name))];
    if (rows.length === 0 || sources.length > MATRIX_MAX || destinations.length > MATRIX_MAX) return '';
    const cell = (source: string, destination: string) => {
      const ports = rows.filter((r) => r.source === source && r.destination.name === destination).map((r) => r.ports);
      return ports.length ? html`<td><code>${[...new Set(ports)].join(', ')}</code></td>` : html`<td class="none">—</td>`;
    };
    return html`<h2>Matrix</h2><div class="table-wrap"><table class="matrix">
      <caption class="visually-hidden">Ports each source may reach on each destination</caption>
      <thead><tr><th scope="col">Source → destination</th>${destinations.map((d) => html`<th scope="col">${d}</th>`)}</tr></thead>
      <tbody>${sources.map((s) => html`<tr><th scope="row"><code>${s}</code></th>${destinations.map((d) => cell(s, d))}</tr>`)}</tbody>
    </table></div>`;
  }

  render() {
    const q = this.question;
    const answer = this.answer;
    const a = answer?.question ?? q;
    const asked = a.subject ? (a.direction === 'from' ? `What ${a.subject} can reach` : `Who can reach ${a.subject}`) : 'All access';
    return html`<h1>Access</h1>${this.failureNotice()}
      <form class="toolbar" aria-label="Access question" @submit=${this.ask}>
        <label>Question
          <select name="direction" .value=${q.direction}>
            <option value="from" ?selected=${q.direction === 'from'}>What can … reach</option>
            <option value="to" ?selected=${q.direction === 'to'}>Who can reach …</option>
          </select></label>
        <label class="grow">Node, user, group, tag or address
          <input name="subject" list="names" .value=${q.subject} placeholder="bob-server, alice@, group:ops, tag:db, 100.64.0.1"></label>
        <datalist id="names">${this.names.map((n) => html`<option value=${n}></option>`)}</datalist>
        <label>Port <input name="port" inputmode="numeric" pattern="[0-9]*" size="6" .value=${q.port}></label>
        <button class="primary" type="submit">Ask</button>
      </form>
      ${answer ? html`<h2>${asked}${a.port ? ` on port ${a.port}` : ''}</h2>
        <p role="status">${answer.rows.length} rows at ${formatTime(answer.at)}${answer.policyInForce ? '' : ' (no policy set: every node may reach every other)'}.</p>
        <cs-access-table .rows=${answer.rows} caption=${asked} empty="Nothing: no rule grants this access."></cs-access-table>
        ${this.renderMatrix(answer.rows)}`
        : this.loading ? html`<p class="muted">Loading…</p>` : ''}`;
  }
}
customElements.define('cs-access-page', AccessPage);
