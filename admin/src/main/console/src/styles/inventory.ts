// Styles the inventory pages (machines, users, keys) share on top of the console's shared ones.
import { css } from 'lit';

export const inventory = css`
  .notice.past { background: var(--cs-past-bg); color: var(--cs-past-text); border-color: transparent; }
  th button.sort { all: unset; cursor: pointer; font-weight: 600; white-space: nowrap; }
  th button.sort:focus-visible { outline: 3px solid var(--cs-focus); outline-offset: 2px; }
  td.nowrap, .nowrap { white-space: nowrap; }
  .count { color: var(--cs-muted); font-size: 0.9rem; margin: 0.25rem 0; }
  .stack { display: flex; flex-direction: column; gap: 0.1rem; }
  .warn-text { color: var(--cs-warn-text); background: var(--cs-warn-bg); padding: 0 0.35rem; border-radius: var(--cs-radius); }
  form.inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin: 0.4rem 0; }
  fieldset { border: 1px solid var(--cs-border); border-radius: var(--cs-radius); margin: 0.5rem 0; padding: 0.5rem 0.75rem; }
  legend { font-weight: 600; padding: 0 0.3rem; }
  label.check { flex-direction: row; align-items: center; gap: 0.35rem; color: var(--cs-text); font-size: 0.95rem; }
  .actions { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 0.75rem; }
  .actions > section { border: 1px solid var(--cs-border); border-radius: var(--cs-radius); padding: 0.5rem 0.75rem; }
  .actions h3 { margin-top: 0.2rem; }
  ul.plain { list-style: none; padding: 0; margin: 0.25rem 0; }
  ul.plain li { margin: 0.15rem 0; }
  .card strong { font-size: 1.4rem; display: block; }
  a.card { text-decoration: none; color: var(--cs-text); }
  a.card:hover { border-color: var(--cs-accent); }
  .card .muted { display: block; font-size: 0.85rem; }
  pre.json { max-height: 28rem; overflow: auto; background: var(--cs-surface); padding: 0.5rem;
             border: 1px solid var(--cs-border); border-radius: var(--cs-radius); white-space: pre; }
  @media (max-width: 640px) {
    .actions { grid-template-columns: 1fr; }
  }
`;
