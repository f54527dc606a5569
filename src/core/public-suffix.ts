// Public suffix lookup over the compiled Public Suffix List (build/public-suffix-list.mjs writes
// it; its header describes the form). Pure: a hostname and the list in, the suffix out.
//
// It answers exactly as tldts's own lookup does (test/build/psl.test.ts checks the built psl.js
// against tldts for a host under every rule): the hostname's labels are walked from the right,
// a label follows its own node before the node's `*`, an empty label never matches `*`, the
// deepest rule of an allowed section wins, an exception rule wins over every other rule and
// gives up its left-most label, and with no rule the right-most label is the suffix.

/** The compiled list, split into its records once. */
export interface SuffixList {
  readonly records: readonly string[];
}

/** What tldts-core's parse passes in and reads back (its ISuffixLookupOptions and IPublicSuffix). */
export interface SuffixLookupOptions {
  readonly allowIcannDomains: boolean;
  readonly allowPrivateDomains: boolean;
}
export interface PublicSuffixAnswer {
  isIcann: boolean | null;
  isPrivate: boolean | null;
  publicSuffix: string | null;
}

const RULES_ROOT = 0;
const EXCEPTIONS_ROOT = 1;
const ICANN = 1;
const PRIVATE = 2;
/** The character after a label in a record: no rule, an ICANN rule, a private rule ends here. */
const MARKS = ':=+';

export function suffixList(compiled: string): SuffixList {
  return { records: compiled.split(' ') };
}

/**
 * The child of a record's node named `label`: its rule (0, ICANN or PRIVATE) in the low two bits
 * and its own record's number plus one above them (0: no children); -1 when there is none.
 */
function child(list: SuffixList, record: number, label: string): number {
  const text = list.records[record];
  if (text === undefined) return -1;
  const needle = `,${label}`;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const markAt = at + needle.length;
    const mark = text.charAt(markAt);
    // A longer label that starts with this one (",foo" in ",foobar=") is not it.
    const rule = mark === '' ? -1 : MARKS.indexOf(mark);
    if (rule === -1) continue;
    const end = text.indexOf(',', markAt);
    const digits = text.slice(markAt + 1, end === -1 ? text.length : end);
    const children = digits === '' ? 0 : Number.parseInt(digits, 36) + 1;
    return children * 4 + rule;
  }
  return -1;
}

/** Labels the list cannot hold: looking them up finds nothing (no record separator or mark inside). */
const UNLISTABLE = /[\s,:=+]/;

interface Match {
  readonly rule: number;
  /** Where the left-most label of the matched rule starts and ends in the hostname. */
  readonly start: number;
  readonly end: number;
}

/** The deepest node of an allowed section on the hostname's way down from `root`, or null. */
function walk(list: SuffixList, hostname: string, root: number, allowed: number): Match | null {
  let record = root;
  let end = hostname.length;
  let match: Match | null = null;
  for (let i = hostname.length - 1; i >= -1; i -= 1) {
    if (i !== -1 && hostname.charCodeAt(i) !== 46 /* '.' */) continue;
    const start = i + 1;
    const label = hostname.slice(start, end);
    let found = label === '' || UNLISTABLE.test(label) ? -1 : child(list, record, label);
    if (found === -1 && label !== '') found = child(list, record, '*');
    if (found === -1) return match;
    const rule = found & 3;
    if ((rule & allowed) !== 0) match = { rule, start, end };
    const children = found >> 2;
    if (children === 0) return match;
    record = children - 1;
    end = i;
  }
  return match;
}

/**
 * Fills `out` with the hostname's public suffix and the section of the rule that decided it, as
 * tldts's lookup does; true when an exception rule decided it (tldts-core's extra suffixes
 * read that).
 */
export function lookupPublicSuffix(list: SuffixList, hostname: string, options: SuffixLookupOptions, out: PublicSuffixAnswer): boolean {
  const allowed = (options.allowPrivateDomains ? PRIVATE : 0) | (options.allowIcannDomains ? ICANN : 0);
  const exception = walk(list, hostname, EXCEPTIONS_ROOT, allowed);
  if (exception !== null) {
    out.isIcann = (exception.rule & ICANN) !== 0;
    out.isPrivate = (exception.rule & PRIVATE) !== 0;
    out.publicSuffix = hostname.slice(exception.end + 1);
    return true;
  }
  const rule = walk(list, hostname, RULES_ROOT, allowed);
  if (rule !== null) {
    out.isIcann = (rule.rule & ICANN) !== 0;
    out.isPrivate = (rule.rule & PRIVATE) !== 0;
    out.publicSuffix = hostname.slice(rule.start);
    return false;
  }
  // No rule: the list's default rule `*` makes the right-most label the suffix.
  out.isIcann = false;
  out.isPrivate = false;
  const lastDot = hostname.lastIndexOf('.');
  out.publicSuffix = lastDot === -1 ? hostname : hostname.slice(lastDot + 1);
  return false;
}
