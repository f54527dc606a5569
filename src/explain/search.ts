// The popup's cookie search: which rows match what the visitor typed. Pure, so it is tested and
// benchmarked in Node. The text of each row is built once per report (`searchIndex`); filtering
// as the visitor types is then one substring test per row and search word.
import type { DecodeOutcome, FieldValue } from '../decode/types.ts';
import type { CookieView } from './report.ts';

/** The words a row is found by, in the visitor's language (the popup translates them). */
export interface RowLabels {
  /** The vendor as shown, e.g. "HubSpot", or the "not recognised" text. */
  readonly vendor: string;
  /** The category as shown, e.g. "Analytics" or "Analys". */
  readonly category: string;
}

export interface SearchEntry {
  readonly id: string;
  /** Everything the row can be found by, folded (see `fold`), one piece per line. */
  readonly text: string;
}

/**
 * Case- and accent-insensitive form of a text: "Användare" and "anvandare" find each other, as
 * do "GA" and "ga". NFD splits a letter from its accents, which are then dropped.
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A decoded field's value as plain text: ids and text as they are, instants as ISO dates. */
export function fieldSearchText(value: FieldValue): string {
  switch (value.kind) {
    case 'text':
    case 'id':
      return value.value;
    case 'instant':
      return Math.abs(value.epochMs) <= 8.64e15 ? new Date(value.epochMs).toISOString() : String(value.epochMs);
    case 'duration':
      return String(value.ms);
    case 'count':
      return String(value.value);
    case 'flag':
      return String(value.value);
    case 'domain':
      return value.value ?? '';
    case 'list':
      return value.value.join(' ');
  }
}

/**
 * One row's searchable text: name, vendor (shown name and id), category (shown name and id),
 * the decoded values and the raw value.
 */
export function searchEntry(view: CookieView, outcome: DecodeOutcome | null, labels: RowLabels): SearchEntry {
  const pieces = [view.cookie.name, labels.vendor, view.vendor ?? '', labels.category, view.category ?? ''];
  if (outcome?.ok) for (const field of outcome.fields) pieces.push(fieldSearchText(field.value));
  pieces.push(view.cookie.value);
  return { id: view.id, text: fold(pieces.join('\n')) };
}

/** The search words of a query: split on white space, folded; empty when there is nothing to search for. */
export function queryWords(query: string): readonly string[] {
  return fold(query).split(/\s+/).filter((word) => word !== '');
}

/**
 * The ids of the rows that match every word of the query (in any of their pieces), in index
 * order; null when the query has no words (nothing is filtered).
 */
export function filterRows(index: readonly SearchEntry[], query: string): ReadonlySet<string> | null {
  const words = queryWords(query);
  if (words.length === 0) return null;
  const matches = new Set<string>();
  for (const entry of index) {
    if (words.every((word) => entry.text.includes(word))) matches.add(entry.id);
  }
  return matches;
}
