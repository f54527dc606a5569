// The contract every cookie family module fulfils. Pure: no browser, no DOM, no clock.

/** HubSpot's own categories; other vendors are mapped onto the same four. */
export type Category = 'necessary' | 'analytics' | 'functional' | 'advertising';

/** Who writes the cookie. Kebab-case ids; display names live in the locale files (`vendor_<id>`). */
export type VendorId = string;

/** `<vendor>.<cookie>`, e.g. `hubspot.hstc`. Also the stem of the locale keys for the family. */
export type FamilyId = string;

/** Why a value could not be decoded, or what is odd about a decoded one. The popup maps codes to text. */
export type ProblemCode =
  | 'empty'
  | 'too-long'
  | 'bad-encoding'
  | 'segment-count'
  | 'not-integer'
  | 'not-timestamp'
  | 'not-hex-id'
  | 'not-boolean'
  | 'unexpected-value'
  | 'order'
  | 'future-timestamp'
  /** A time in seconds where milliseconds belong: read as written, it falls in January 1970. */
  | 'seconds-not-ms'
  | 'domain-mismatch'
  | 'not-honoured'
  | 'banner-2021-declines'
  | 'unknown-format'
  | 'library-error'
  | 'decoder-not-loaded';

// Every problem code once; the Record type makes a code missing here a compile error, so tests
// and the locale checks can walk all of them.
const PROBLEM_CODE_TABLE: Readonly<Record<ProblemCode, true>> = {
  empty: true,
  'too-long': true,
  'bad-encoding': true,
  'segment-count': true,
  'not-integer': true,
  'not-timestamp': true,
  'not-hex-id': true,
  'not-boolean': true,
  'unexpected-value': true,
  order: true,
  'future-timestamp': true,
  'seconds-not-ms': true,
  'domain-mismatch': true,
  'not-honoured': true,
  'banner-2021-declines': true,
  'unknown-format': true,
  'library-error': true,
  'decoder-not-loaded': true,
};

export const PROBLEM_CODES: readonly ProblemCode[] = Object.keys(PROBLEM_CODE_TABLE).filter((code): code is ProblemCode => Object.hasOwn(PROBLEM_CODE_TABLE, code));

export interface Problem {
  readonly code: ProblemCode;
  /** The field key the problem is about, when there is one. */
  readonly field?: string;
  /** A short, technical, untranslated detail (e.g. the offending segment), shown as text. */
  readonly detail?: string;
}

export type FieldValue =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'id'; readonly value: string }
  | { readonly kind: 'instant'; readonly epochMs: number }
  | { readonly kind: 'duration'; readonly ms: number }
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'flag'; readonly value: boolean }
  /** A cookie domain such as `.example.com`, or null for "set for another domain". */
  | { readonly kind: 'domain'; readonly value: string | null }
  | { readonly kind: 'list'; readonly value: readonly string[] };

export interface Field {
  /** Stable camelCase key, used in JSON output and as the locale key `field_<key>`. */
  readonly key: string;
  readonly value: FieldValue;
  /** The format behind this field is not settled by a strong source: shown with a caveat. */
  readonly uncertain?: boolean;
  /**
   * The value is right only if the site kept a vendor's default naming, which sites can change
   * (shown with the condition, in the field and in every sentence built on it).
   */
  readonly assumption?: FieldAssumption;
}

/** `onetrust-default-groups`: OneTrust's default group ids, C0002 performance, C0003 functional, C0004 targeting. */
export type FieldAssumption = 'onetrust-default-groups';

export interface Decoded {
  readonly fields: readonly Field[];
  /** Decoded, but something is off (future timestamp, not honoured, stale...). */
  readonly warnings: readonly Problem[];
}

export type DecodeOutcome = ({ readonly ok: true } & Decoded) | { readonly ok: false; readonly problem: Problem };

export interface DecodeContext {
  /** Milliseconds since the epoch; passed in so decoding stays pure and testable. */
  readonly now: number;
  /** The cookie's name, for families whose names carry data (Matomo's site id, GA4's measurement id). */
  readonly name?: string;
  /** Host name of the page the cookie belongs to (lower case, no port), e.g. `www.example.com`. */
  readonly host: string;
  /** The cookie's own domain as stored (`.example.com` or a host), when known. */
  readonly cookieDomain?: string;
  /** Other cookies of the same site and store, by name, for cross-checks (e.g. hubspotutk vs __hstc). */
  readonly siblings?: ReadonlyMap<string, string>;
}

/** A documented lifetime, as the vendor states it. */
export type DocumentedLifetime =
  | { readonly kind: 'session' }
  | {
      readonly kind: 'duration';
      readonly ms: number;
      readonly rolling?: boolean;
      readonly note?: string;
      /** Other lifetimes the vendor's writers use (HubSpot: 180 days now, 390 in older builds). */
      readonly alsoMs?: readonly number[];
      /** Some sites count the lifetime from the first visit, not from the last write (HubSpot on opt-in sites). */
      readonly mayBeAnchored?: boolean;
    }
  | { readonly kind: 'unknown' };

export interface CookieFamily {
  readonly id: FamilyId;
  readonly vendor: VendorId;
  readonly category: Category;
  readonly lifetime: DocumentedLifetime;
  /** Exact cookie names this family owns, when it has a fixed list (indexed for a one-probe lookup). */
  readonly names?: readonly string[];
  /** True when this family owns the cookie name. At most one family may match a name. */
  readonly matches: (name: string) => boolean;
  /**
   * Decodes a raw cookie value. Never throws: malformed input becomes `{ok: false, problem}`.
   * Families whose decoder needs a large library set `load` instead and decode only after it resolves.
   */
  readonly decode: (value: string, ctx: DecodeContext) => DecodeOutcome;
  /** For families backed by a heavy library (IAB TCF/GPP): resolves to the real decoder. */
  readonly load?: () => Promise<(value: string, ctx: DecodeContext) => DecodeOutcome>;
}

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export function ok(fields: readonly Field[], warnings: readonly Problem[] = []): DecodeOutcome {
  return { ok: true, fields, warnings };
}

export function fail(code: ProblemCode, field?: string, detail?: string): DecodeOutcome {
  const problem: Problem = { code, ...(field === undefined ? {} : { field }), ...(detail === undefined ? {} : { detail }) };
  return { ok: false, problem };
}
