// Facts about cookie names Cookie Lens has no decoder for: platform, category and typical
// retention, from the Open Cookie Database (Apache-2.0; see THIRD_PARTY_NOTICES.md and the
// header of ocd-facts.generated.ts). Our own decoders know better: callers ask
// `findFamily(name)` first and come here only when it has no answer.
//
// Lookup order: an exact name first, then the longest matching prefix. Prefixes are bucketed by
// their first OCD_MIN_PREFIX_LENGTH characters (the generator drops shorter ones), so a lookup is
// one Map probe for the exact name plus one for the bucket and a walk over a few prefixes.
import type { Category } from '../decode/types.ts';
import { OCD_FACTS, OCD_MIN_PREFIX_LENGTH, OCD_RETENTIONS } from './ocd-facts.generated.ts';

export interface NameFacts {
  readonly platform: string;
  readonly category: Category;
  /**
   * Typical retention as an ISO 8601 duration (`P13M`, `P2Y`, `PT30M`) or `session`; absent when
   * the database gives none or only a vague one. `parseRetention` turns it into amount and unit.
   */
  readonly retention?: string;
  readonly match: 'exact' | 'prefix';
  readonly source: 'open-cookie-database';
}

interface PrefixEntry {
  readonly prefix: string;
  readonly facts: NameFacts;
}

interface NameFactsIndex {
  readonly exact: ReadonlyMap<string, NameFacts>;
  /** Keyed by the first OCD_MIN_PREFIX_LENGTH characters; each list longest prefix first. */
  readonly prefixesByHead: ReadonlyMap<string, readonly PrefixEntry[]>;
}

const CATEGORY_BY_LETTER: ReadonlyMap<string, Category> = new Map([
  ['a', 'analytics'],
  ['d', 'advertising'],
  ['f', 'functional'],
  ['n', 'necessary'],
]);

/** Reads the generated records; the layout is described in ocd-facts.generated.ts. */
function buildIndex(encoded: string, retentions: readonly string[], minPrefixLength: number): NameFactsIndex {
  const exact = new Map<string, NameFacts>();
  const prefixesByHead = new Map<string, PrefixEntry[]>();
  for (const record of encoded.split(';')) {
    const [platform = '', ...groups] = record.split('|');
    for (const group of groups) {
      const headerEnd = group.indexOf(':');
      const header = group.slice(0, headerEnd);
      const category = CATEGORY_BY_LETTER.get(header.charAt(1));
      if (headerEnd < 2 || category === undefined) continue;
      const retention = header.length > 2 ? retentions[parseInt(header.slice(2), 36)] : undefined;
      const match = header.charAt(0) === 'p' ? 'prefix' : 'exact';
      const facts: NameFacts = { platform, category, match, source: 'open-cookie-database', ...(retention === undefined ? {} : { retention }) };
      for (const name of group.slice(headerEnd + 1).split(',')) {
        if (match === 'exact') {
          if (!exact.has(name)) exact.set(name, facts);
          continue;
        }
        if (name.length < minPrefixLength) continue;
        const head = name.slice(0, minPrefixLength);
        const bucket = prefixesByHead.get(head) ?? [];
        bucket.push({ prefix: name, facts });
        prefixesByHead.set(head, bucket);
      }
    }
  }
  for (const bucket of prefixesByHead.values()) bucket.sort((a, b) => b.prefix.length - a.prefix.length);
  return { exact, prefixesByHead };
}

// Built on first use: about two thousand names, a millisecond or two, once per page of the extension.
let index: NameFactsIndex | undefined;

export function lookupNameFacts(name: string): NameFacts | undefined {
  index ??= buildIndex(OCD_FACTS, OCD_RETENTIONS, OCD_MIN_PREFIX_LENGTH);
  const exact = index.exact.get(name);
  if (exact !== undefined) return exact;
  const bucket = index.prefixesByHead.get(name.slice(0, OCD_MIN_PREFIX_LENGTH));
  if (bucket === undefined) return undefined;
  for (const entry of bucket) if (name.startsWith(entry.prefix)) return entry.facts;
  return undefined;
}

export type RetentionUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export type ParsedRetention = { readonly kind: 'session' } | { readonly kind: 'duration'; readonly amount: number; readonly unit: RetentionUnit };

const DATE_UNITS: ReadonlyMap<string, RetentionUnit> = new Map([
  ['Y', 'year'],
  ['M', 'month'],
  ['W', 'week'],
  ['D', 'day'],
]);
const TIME_UNITS: ReadonlyMap<string, RetentionUnit> = new Map([
  ['H', 'hour'],
  ['M', 'minute'],
  ['S', 'second'],
]);

/**
 * A `NameFacts.retention` as amount and unit, ready for `Intl.NumberFormat(locale, {style: 'unit',
 * unit})`, which words it in the visitor's language. Only the single-unit durations the
 * generator writes are understood.
 */
export function parseRetention(retention: string): ParsedRetention | undefined {
  if (retention === 'session') return { kind: 'session' };
  const match = /^P(T?)(\d+)([YMWDHS])$/.exec(retention);
  if (match === null) return undefined;
  const [, time = '', amountText = '', letter = ''] = match;
  const unit = (time === 'T' ? TIME_UNITS : DATE_UNITS).get(letter);
  const amount = Number(amountText);
  return unit === undefined || !Number.isSafeInteger(amount) ? undefined : { kind: 'duration', amount, unit };
}
