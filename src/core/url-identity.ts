// HubSpot identity carried in a page address, and the address without it. Pure.
//
// HubSpot's tracker reads its parameters from the query, or from the fragment when the query is
// empty (it parses `#a=1&b=2` exactly like `?a=1&b=2`): `__hstc`, `__hssc` and `__hsfp` are the
// cross-domain linker's visitor, session and fingerprint, adopted as this visitor's identity;
// `__hs_email`, `_hsenc` and `_hsmi` identify an e-mail recipient; `hsCtaTracking` ties the visit
// to a call-to-action click. A reset must take every one of them out of both places, or the
// reloaded page is the old visitor again (docs/CONTROLS.md).
import { IDENTITY_URL_PARAMS } from './hubspot-sets.ts';

export type AddressPart = 'query' | 'fragment';

export interface AddressIdentity {
  /** The address without the identity parameters (every other byte as it was). */
  readonly stripped: string;
  /** Each identity parameter taken out, in address order, with where it was. */
  readonly removed: readonly { readonly name: string; readonly part: AddressPart }[];
}

/**
 * The identity parameters in `url` and the address without them, or null when there are none.
 * Done on the text, so the other parameters, the path and the rest of the fragment stay byte for
 * byte as they were (URLSearchParams would re-encode them); only empty `&&` pieces are tidied
 * away, and a query or fragment left empty is dropped with its `?` or `#`.
 */
export function identityInAddress(url: string): AddressIdentity | null {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? null : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? null : beforeHash.slice(queryAt + 1);

  const removed: { name: string; part: AddressPart }[] = [];
  const keptQuery = query === null ? null : withoutIdentity(query, 'query', removed);
  const keptFragment = fragment === null ? null : withoutIdentity(fragment, 'fragment', removed);
  if (removed.length === 0) return null;
  const stripped = `${base}${keptQuery === null || keptQuery === '' ? '' : `?${keptQuery}`}${keptFragment === null ? '' : `#${keptFragment}`}`;
  return { stripped, removed };
}

/** The address without identity parameters, or null when there is nothing to strip. */
export function stripIdentityParams(url: string): string | null {
  return identityInAddress(url)?.stripped ?? null;
}

/**
 * `text` without its identity pieces; `text` itself when it has none, and null when the
 * fragment held nothing else (so the `#` goes too). A fragment that is not a list of
 * parameters (`#top`) is one piece whose name is not HubSpot's, and stays.
 */
function withoutIdentity(text: string, part: AddressPart, removed: { name: string; part: AddressPart }[]): string | null {
  const pieces = text.split('&');
  const kept: string[] = [];
  let found = false;
  for (const piece of pieces) {
    const name = paramName(piece);
    if (IDENTITY_URL_PARAMS.has(name)) {
      removed.push({ name, part });
      found = true;
    } else {
      kept.push(piece);
    }
  }
  if (!found) return text;
  const joined = kept.filter((piece) => piece !== '').join('&');
  return part === 'fragment' && joined === '' ? null : joined;
}

/** A parameter's name as the tracker decodes it (`+` is a space, then percent escapes). */
function paramName(piece: string): string {
  const equals = piece.indexOf('=');
  const raw = (equals === -1 ? piece : piece.slice(0, equals)).replaceAll('+', ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed escape is not one of HubSpot's names.
    return raw;
  }
}

/**
 * True when navigating from `from` to `to` changes only the fragment: browsers then stay on the
 * same document, so the page (and the identity it holds in memory) does not load again and the
 * caller must reload after navigating.
 */
export function onlyFragmentChanges(from: string, to: string): boolean {
  const cut = (url: string): string => {
    const hashAt = url.indexOf('#');
    return hashAt === -1 ? url : url.slice(0, hashAt);
  };
  return to.includes('#') && cut(from) === cut(to);
}

/**
 * The sites whose navigations arrive without HubSpot's identity parameters: every site opted out
 * (at either level), and every site with the "strip identity from links" choice (on by default
 * after a reset). Sorted, without repeats.
 */
export function linkStrippingSites(
  stripLinks: Readonly<Record<string, unknown>>,
  rules: Readonly<Record<string, { readonly site: string; readonly optOut: string }>>,
): string[] {
  const sites = new Set(Object.keys(stripLinks));
  for (const rule of Object.values(rules)) if (rule.optOut !== 'off') sites.add(rule.site);
  return [...sites].sort();
}

/** One site with the "strip identity from links" choice, as the options page lists it. */
export interface LinkStrippingChoice {
  readonly site: string;
  readonly since: number;
  /** The site is opted out too, so its links stay stripped after this choice is removed. */
  readonly alsoByOptOut: boolean;
}

/** The sites with the "strip identity from links" choice, sorted by name, each with whether opt-out strips its links anyway. */
export function linkStrippingChoices(
  stripLinks: Readonly<Record<string, { readonly site: string; readonly since: number }>>,
  rules: readonly { readonly site: string; readonly optOut: string }[],
): LinkStrippingChoice[] {
  const optedOut = new Set(rules.filter((rule) => rule.optOut !== 'off').map((rule) => rule.site));
  return Object.values(stripLinks)
    .map((choice) => ({ site: choice.site, since: choice.since, alsoByOptOut: optedOut.has(choice.site) }))
    .sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
}

/** A pattern (RE2, as declarativeNetRequest takes it) for an address whose query holds an identity parameter. */
export const IDENTITY_QUERY_PATTERN = `[?&](${[...IDENTITY_URL_PARAMS].join('|')})(=|&|$)`;
