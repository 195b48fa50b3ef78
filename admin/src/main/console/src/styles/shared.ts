// Styles every component shares inside its shadow root: typography, tables, forms, buttons, notices.
// Inline style attributes are refused by the console's Content-Security-Policy: use classes (or Lit's styleMap).
import { css } from 'lit';

export const shared = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; }
  h1 { font-size: 1.45rem; margin: 0 0 0.75rem; }
  h2 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
  p { margin: 0.4rem 0; }
  a { color: var(--cs-accent); }
  code, pre, .mono { font-family: var(--cs-mono); font-size: 0.9em; }
  .muted { color: var(--cs-muted); }
  :focus-visible { outline: 3px solid var(--cs-focus); outline-offset: 2px; }

  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin: 0.5rem 0 1rem; }
  .toolbar .grow { flex: 1 1 14rem; }

  label { display: inline-flex; flex-direction: column; gap: 0.2rem; font-size: 0.85rem; color: var(--cs-muted); }
  input, select, textarea {
    font: inherit; color: var(--cs-text); background: var(--cs-bg);
    border: 1px solid var(--cs-border); border-radius: var(--cs-radius); padding: 0.4rem 0.55rem;
  }
  textarea { font-family: var(--cs-mono); }

  button, .button {
    font: inherit; cursor: pointer; border-radius: var(--cs-radius); padding: 0.4rem 0.8rem;
    border: 1px solid var(--cs-border); background: var(--cs-surface); color: var(--cs-text);
    text-decoration: none; display: inline-flex; align-items: center; gap: 0.3rem;
  }
  button.primary, .button.primary { background: var(--cs-accent); color: var(--cs-accent-text); border-color: var(--cs-accent); }
  button.danger { color: var(--cs-danger); border-color: var(--cs-danger); background: transparent; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }

  .table-wrap { overflow-x: auto; border: 1px solid var(--cs-border); border-radius: var(--cs-radius); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--cs-border); vertical-align: top; }
  th { background: var(--cs-surface); font-weight: 600; font-size: 0.85rem; white-space: nowrap; }
  tbody tr:last-child td { border-bottom: 0; }

  .tag { display: inline-block; padding: 0 0.45rem; border-radius: 999px; border: 1px solid var(--cs-border);
         font-size: 0.8rem; margin: 0 0.2rem 0.2rem 0; }
  .online { color: var(--cs-ok); font-weight: 600; }
  .offline { color: var(--cs-muted); }
  .error { color: var(--cs-danger); }
  .notice { padding: 0.6rem 0.8rem; border-radius: var(--cs-radius); background: var(--cs-surface);
            border: 1px solid var(--cs-border); margin: 0.5rem 0; }
  .notice.warn { background: var(--cs-warn-bg); color: var(--cs-warn-text); border-color: transparent; }
  .notice.error { border-color: var(--cs-danger); }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.75rem; }
  .card { border: 1px solid var(--cs-border); border-radius: var(--cs-radius); padding: 0.75rem; background: var(--cs-surface); }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0.5rem 0; }
  dl.facts dt { color: var(--cs-muted); }
  dl.facts dd { margin: 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

  @media (max-width: 640px) {
    th, td { padding: 0.35rem 0.4rem; }
    .hide-narrow { display: none; }
  }
`;
