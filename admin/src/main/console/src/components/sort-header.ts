// Sortable table columns: a header cell whose button sorts by its column, announced with aria-sort.
import { html, TemplateResult } from 'lit';

export interface SortState<K extends string> {
  key: K;
  ascending: boolean;
}

/** The next state after a click on {@code key}'s header: the same column flips, another sorts ascending. */
export function nextSort<K extends string>(state: SortState<K>, key: K): SortState<K> {
  return state.key === key ? { key, ascending: !state.ascending } : { key, ascending: true };
}

export function sortHeader<K extends string>(label: string, key: K, state: SortState<K>,
  sortBy: (key: K) => void, className = ''): TemplateResult {
  const sorted = state.key === key;
  const direction = sorted ? (state.ascending ? 'ascending' : 'descending') : 'none';
  return html`<th scope="col" class=${className} aria-sort=${direction}>
    <button class="sort" type="button" @click=${() => sortBy(key)}>${label}<span aria-hidden="true"
      >${sorted ? (state.ascending ? ' ▲' : ' ▼') : ''}</span></button></th>`;
}

/** Compares two values for a column: text case-insensitively, numbers and booleans as such, missing last. */
export function compareValues(a: string | number | boolean | null, b: string | number | boolean | null): number {
  if (a === b) return 0;
  if (a === null || a === '') return 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
  return a < b ? -1 : 1;
}
