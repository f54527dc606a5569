// Building blocks every cookie family module uses: the length guard, field constructors,
// problems, and lifetimes. One copy, shared by src/decode/hubspot and src/decode/vendors.
import { DAY_MS, MINUTE_MS } from './types.ts';
import type { DecodeContext, DecodeOutcome, DocumentedLifetime, Field, FieldValue, Problem, ProblemCode } from './types.ts';
import { MAX_COOKIE_VALUE_LENGTH, rejected } from './parse.ts';

export type Decoder = (value: string, ctx: DecodeContext) => DecodeOutcome;

/**
 * Refuses the two cases no family can decode before its own decoder runs: an empty value (what
 * trackers leave behind when they delete a cookie) and a value longer than a browser stores.
 */
export function lengthGuarded(decode: Decoder): Decoder {
  return (value, ctx) => {
    if (value.length === 0) return rejected('empty');
    if (value.length > MAX_COOKIE_VALUE_LENGTH) return rejected('too-long', undefined, `${value.length} characters`);
    return decode(value, ctx);
  };
}

function field(key: string, value: FieldValue, uncertain: boolean): Field {
  return uncertain ? { key, value, uncertain } : { key, value };
}

export const textField = (key: string, value: string, uncertain = false): Field => field(key, { kind: 'text', value }, uncertain);
export const idField = (key: string, value: string, uncertain = false): Field => field(key, { kind: 'id', value }, uncertain);
export const instantField = (key: string, epochMs: number, uncertain = false): Field => field(key, { kind: 'instant', epochMs }, uncertain);
export const countField = (key: string, value: number, uncertain = false): Field => field(key, { kind: 'count', value }, uncertain);
export const flagField = (key: string, value: boolean, uncertain = false): Field => field(key, { kind: 'flag', value }, uncertain);
export const domainField = (key: string, value: string | null, uncertain = false): Field => field(key, { kind: 'domain', value }, uncertain);
export const listField = (key: string, value: readonly string[], uncertain = false): Field => field(key, { kind: 'list', value }, uncertain);

export function warning(code: ProblemCode, fieldKey?: string, detail?: string): Problem {
  return { code, ...(fieldKey === undefined ? {} : { field: fieldKey }), ...(detail === undefined ? {} : { detail }) };
}

/** The failure of a sub-parse, passed on as the family's outcome. */
export function failed(problem: Problem): DecodeOutcome {
  return { ok: false, problem };
}

/**
 * Trackers write timestamps with the page's clock (or a server's); a few minutes of slack absorb
 * clock corrections between the write and the read, so only a clearly later time is odd.
 */
export const FUTURE_TOLERANCE_MS = 5 * MINUTE_MS;

export function isInFuture(epochMs: number, ctx: DecodeContext): boolean {
  return epochMs > ctx.now + FUTURE_TOLERANCE_MS;
}

// Months and years are calendar averages: a lifetime is a documented default that sites can
// change, so day precision is all it needs.
export const YEAR_MS = 365 * DAY_MS;
export const MONTH_MS = YEAR_MS / 12;

export const lifetime = {
  session: { kind: 'session' },
  unknown: { kind: 'unknown' },
  of: (ms: number, rolling = false): DocumentedLifetime => (rolling ? { kind: 'duration', ms, rolling } : { kind: 'duration', ms }),
} as const;
