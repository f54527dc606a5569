// Building blocks shared by the HubSpot and Cloudflare families: family construction with the
// guards every decoder needs, field constructors, and the lifetimes from the doc's table.
import { DAY_MS, MINUTE_MS } from '../types.ts';
import type { Category, CookieFamily, DecodeContext, DecodeOutcome, DocumentedLifetime, Field, FieldValue, Problem } from '../types.ts';
import { MAX_COOKIE_VALUE_LENGTH, rejected } from '../parse.ts';

type Decoder = (value: string, ctx: DecodeContext) => DecodeOutcome;

export interface ExactFamilySpec {
  readonly id: string;
  readonly vendor: string;
  readonly category: Category;
  readonly lifetime: DocumentedLifetime;
  readonly names: readonly string[];
  /** Called only with a non-empty value of at most MAX_COOKIE_VALUE_LENGTH characters. */
  readonly decode: Decoder;
}

/**
 * Refuses the two cases no family can decode before its own decoder runs: an empty value (what
 * HubSpot leaves behind when it deletes a cookie) and a value longer than a browser would store.
 */
export function guarded(decode: Decoder): Decoder {
  return (value, ctx) => {
    if (value.length === 0) return rejected('empty');
    if (value.length > MAX_COOKIE_VALUE_LENGTH) return rejected('too-long', undefined, `${value.length} characters`);
    return decode(value, ctx);
  };
}

export function exactFamily(spec: ExactFamilySpec): CookieFamily {
  const { names } = spec;
  return { ...spec, matches: (name) => names.includes(name), decode: guarded(spec.decode) };
}

export function patternFamily(spec: Omit<ExactFamilySpec, 'names'> & { readonly pattern: RegExp }): CookieFamily {
  const { pattern, ...rest } = spec;
  return { ...rest, matches: (name) => pattern.test(name), decode: guarded(spec.decode) };
}

function field(key: string, value: FieldValue, uncertain: boolean): Field {
  return uncertain ? { key, value, uncertain } : { key, value };
}

export const textField = (key: string, value: string, uncertain = false): Field => field(key, { kind: 'text', value }, uncertain);
export const idField = (key: string, value: string, uncertain = false): Field => field(key, { kind: 'id', value }, uncertain);
export const instantField = (key: string, epochMs: number): Field => ({ key, value: { kind: 'instant', epochMs } });
export const countField = (key: string, value: number): Field => ({ key, value: { kind: 'count', value } });
export const flagField = (key: string, value: boolean): Field => ({ key, value: { kind: 'flag', value } });
export const domainField = (key: string, value: string | null): Field => ({ key, value: { kind: 'domain', value } });

export function warning(code: Problem['code'], field: string, detail?: string): Problem {
  return detail === undefined ? { code, field } : { code, field, detail };
}

/** The failure of a sub-parse, passed on as the family's outcome. */
export function failed(problem: Problem): DecodeOutcome {
  return { ok: false, problem };
}

/**
 * HubSpot writes its timestamps with the page's clock, the same clock `now` comes from; a few
 * minutes of slack absorb clock corrections between the write and the read.
 */
export const FUTURE_TOLERANCE_MS = 5 * MINUTE_MS;

export function isInFuture(epochMs: number, ctx: DecodeContext): boolean {
  return epochMs > ctx.now + FUTURE_TOLERANCE_MS;
}

const OLDER_SITES_390_DAYS = 'Older sites: 390 days (13 months).';

export const LIFETIME = {
  session: { kind: 'session' },
  unknown: { kind: 'unknown' },
  visitor: { kind: 'duration', ms: 180 * DAY_MS, rolling: true, note: `${OLDER_SITES_390_DAYS} In 2018: 2 years.` },
  hubspotSession: { kind: 'duration', ms: 30 * MINUTE_MS, rolling: true },
  consent: { kind: 'duration', ms: 180 * DAY_MS, note: OLDER_SITES_390_DAYS },
  chatVisitor: { kind: 'duration', ms: 180 * DAY_MS, note: 'Older sites: 13 months.' },
  bannerDismiss: { kind: 'duration', ms: 180 * DAY_MS },
  initialOptIn: { kind: 'duration', ms: 7 * DAY_MS },
  passwordKey: { kind: 'duration', ms: 14 * DAY_MS },
  thirtyMinutes: { kind: 'duration', ms: 30 * MINUTE_MS },
  oneDay: { kind: 'duration', ms: DAY_MS },
  membership: { kind: 'duration', ms: 7 * DAY_MS, note: 'Sources differ: 7 days or 1 year.' },
  twoYears: { kind: 'duration', ms: 730 * DAY_MS },
} as const satisfies Record<string, DocumentedLifetime>;
