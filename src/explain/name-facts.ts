// Facts about cookie names Cookie Lens has no decoder for: platform, category and typical
// retention, from the Open Cookie Database (Apache-2.0; see THIRD_PARTY_NOTICES.md and the
// header of ocd-facts.generated.ts). Our own decoders know better: callers ask
// `findFamily(name)` first and come here only when it has no answer.
//
// Lookup order: a generic name (`sessionid`, `token`, `lang`, ...: see OCD_GENERIC) only by the
// cookie's domain; otherwise an exact name (a search of the generated text), then the longest matching
// prefix. Prefixes are bucketed by their first OCD_MIN_PREFIX_LENGTH characters (the generator
// drops shorter ones), each bucket found by a search of the text the first time a name asks for it.
import type { Category } from '../decode/types.ts';
import { OCD_FACTS, OCD_GENERIC, OCD_MIN_PREFIX_LENGTH, OCD_RETENTIONS } from './ocd-facts.generated.ts';

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

const CATEGORY_BY_LETTER: ReadonlyMap<string, Category> = new Map([
  ['a', 'analytics'],
  ['d', 'advertising'],
  ['f', 'functional'],
  ['n', 'necessary'],
]);

/** The facts a group header (`<kind><category>[<retention>]`, see ocd-facts.generated.ts) states. */
function factsOf(platform: string, header: string): NameFacts | undefined {
  const category = CATEGORY_BY_LETTER.get(header.charAt(1));
  if (header.length < 2 || category === undefined) return undefined;
  const retention = header.length > 2 ? OCD_RETENTIONS[parseInt(header.slice(2), 36)] : undefined;
  return { platform, category, match: header.charAt(0) === 'p' ? 'prefix' : 'exact', source: 'open-cookie-database', ...(retention === undefined ? {} : { retention }) };
}

/**
 * An exact name, found by searching the generated text itself: a native string search per name
 * costs microseconds, where building a map of all two thousand names cost about 5 ms in every
 * popup that showed an unknown cookie (docs/BENCHMARKS.md, "Findings"). The first whole-name
 * occurrence in an exact group wins, as the generator writes each name once.
 */
function findExact(name: string): NameFacts | undefined {
  // Names may hold `:` (`a0_users:sess`), never the separators `,`, `|` and `;`.
  if (name === '' || /[,|;]/.test(name)) return undefined;
  for (let from = 0; ;) {
    const at = OCD_FACTS.indexOf(name, from);
    if (at === -1) return undefined;
    from = at + 1;
    const after = OCD_FACTS.charAt(at + name.length);
    if (after !== ',' && after !== '|' && after !== ';' && after !== '') continue;
    const facts = factsOfEntryAt(at, 'e');
    if (facts !== undefined) return facts;
  }
}

/**
 * The facts of the group whose entry starts at `at` in the text, when that group is of `kind`
 * (`e` exact names, `p` prefixes); undefined where no entry of such a group starts there. An
 * entry starts right after its group's header (`…:entry`) or after a comma, inside one record.
 */
function factsOfEntryAt(at: number, kind: 'e' | 'p'): NameFacts | undefined {
  const groupStart = OCD_FACTS.lastIndexOf('|', at) + 1;
  const recordStart = OCD_FACTS.lastIndexOf(';', at) + 1;
  const headerEnd = OCD_FACTS.indexOf(':', groupStart);
  if (groupStart <= recordStart || headerEnd === -1 || headerEnd >= at || OCD_FACTS.charAt(groupStart) !== kind) return undefined;
  if (at - 1 !== headerEnd && OCD_FACTS.charAt(at - 1) !== ',') return undefined;
  return factsOf(OCD_FACTS.slice(recordStart, OCD_FACTS.indexOf('|', recordStart)), OCD_FACTS.slice(groupStart, headerEnd));
}

/**
 * The prefixes starting with `head` (a name's first OCD_MIN_PREFIX_LENGTH characters), longest
 * first, found by searching the text for `head` where a prefix group's entry starts. One search
 * per distinct head, kept for the page: a popup asks for a few dozen heads, where indexing all
 * few hundred prefixes up front cost about a millisecond and a half in every opening that showed
 * an unknown name (docs/BENCHMARKS.md, "Round 5").
 */
function prefixBucket(head: string): readonly PrefixEntry[] {
  const kept = prefixBuckets.get(head);
  if (kept !== undefined) return kept;
  const bucket: PrefixEntry[] = [];
  // Names and prefixes never hold the separators, so a head holding one matches nothing.
  if (!/[,|;:]/.test(head)) {
    for (let at = OCD_FACTS.indexOf(head); at !== -1; at = OCD_FACTS.indexOf(head, at + 1)) {
      const facts = factsOfEntryAt(at, 'p');
      if (facts === undefined) continue;
      const prefix = OCD_FACTS.slice(at, entryEnd(at));
      if (prefix.length >= OCD_MIN_PREFIX_LENGTH) bucket.push({ prefix, facts });
    }
  }
  // Stable: of two prefixes of one length, the first in the table wins.
  bucket.sort((a, b) => b.prefix.length - a.prefix.length);
  prefixBuckets.set(head, bucket);
  return bucket;
}

/** Where the entry starting at `at` ends: at the next separator, or the end of the text. */
function entryEnd(at: number): number {
  let end = OCD_FACTS.length;
  for (const separator of [',', '|', ';']) {
    const found = OCD_FACTS.indexOf(separator, at);
    if (found !== -1 && found < end) end = found;
  }
  return end;
}

// Prefix buckets by head, filled on first use, once per page of the extension.
const prefixBuckets = new Map<string, readonly PrefixEntry[]>();

// Generic names by name, built on first use (about a hundred rows).
let genericIndex: ReadonlyMap<string, readonly (typeof OCD_GENERIC)[number][]> | undefined;

function genericRows(name: string): readonly (typeof OCD_GENERIC)[number][] | undefined {
  if (genericIndex === undefined) {
    const index = new Map<string, (typeof OCD_GENERIC)[number][]>();
    for (const row of OCD_GENERIC) index.set(row[0], [...(index.get(row[0]) ?? []), row]);
    genericIndex = index;
  }
  return genericIndex.get(name);
}

/** True when the cookie's domain (`.instagram.com`, `www.instagram.com`) is `domain` or under it. */
function onDomain(cookieDomain: string, domain: string): boolean {
  const host = cookieDomain.replace(/^\./, '').toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * Facts about a cookie name. A generic name (one the database lists for several vendors, of one
 * or two characters, or an ordinary word such as `sessionid`) is attributed only when
 * `cookieDomain`, the cookie's own domain, is one of that vendor's domains: a `sessionid` on a
 * shop is the shop's login, not Instagram's. Without a domain, or on another one, it is not
 * recognised (undefined), and no prefix is tried for it either.
 */
export function lookupNameFacts(name: string, cookieDomain?: string): NameFacts | undefined {
  const generic = genericRows(name);
  if (generic !== undefined) {
    if (cookieDomain === undefined) return undefined;
    const row = generic.find(([, , , domains]) => domains.some((domain) => onDomain(cookieDomain, domain)));
    return row === undefined ? undefined : factsOf(row[1], row[2]);
  }
  const exact = findExact(name);
  if (exact !== undefined) return exact;
  if (name.length < OCD_MIN_PREFIX_LENGTH) return undefined;
  for (const entry of prefixBucket(name.slice(0, OCD_MIN_PREFIX_LENGTH))) if (name.startsWith(entry.prefix)) return entry.facts;
  return undefined;
}

export { parseRetention, type ParsedRetention, type RetentionUnit } from './retention.ts';
