// Small parsers shared by every cookie decoder. Cookie values are written by websites, so each
// parser takes hostile text and returns a `Parsed` result: it never throws, and a failure names
// the problem code, the field it concerns, and a short escaped excerpt of the offending text.
import type { Problem, ProblemCode } from './types.ts';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** A failed parse. `field` and `detail` are left out when not given (exactOptionalPropertyTypes). */
export function rejected(code: ProblemCode, field?: string, detail?: string): { readonly ok: false; readonly problem: Problem } {
  const problem: Problem = field === undefined ? (detail === undefined ? { code } : { code, detail }) : detail === undefined ? { code, field } : { code, field, detail };
  return { ok: false, problem };
}

/** Browsers cap a cookie's name plus value at 4096 bytes, so a longer value cannot be a real cookie. */
export const MAX_COOKIE_VALUE_LENGTH = 4096;

const EXCERPT_LENGTH = 32;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A short, printable excerpt of hostile text for `Problem.detail`: control characters become
 * `\uXXXX` so they cannot mangle a terminal or a log, and long text is cut with an ellipsis.
 */
export function excerpt(text: string, maxLength: number = EXCERPT_LENGTH): string {
  let cut = text.length > maxLength ? text.slice(0, maxLength) : text;
  // Do not end on the first half of a surrogate pair.
  const last = cut.charCodeAt(cut.length - 1);
  if (cut.length < text.length && last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  const printable = cut.replace(CONTROL_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return cut.length < text.length ? `${printable}…` : printable;
}

export interface IntegerOptions {
  /** Field key to attach to a problem. */
  readonly field?: string;
  /** Accept a leading `-` (most cookie numbers are unsigned, so the default is no). */
  readonly allowNegative?: boolean;
  /** The code to report on failure; `not-integer` unless the caller means something more specific. */
  readonly code?: ProblemCode;
}

/**
 * The value of the ASCII digits in `text` from `start` up to `end`, or -1 when that span is
 * empty, holds anything but `0`-`9`, or is past 2^53 - 1. It allocates nothing, for decoders on
 * hot paths that parse numbers inside a value without cutting it into substrings first.
 */
export function digitsValue(text: string, start: number = 0, end: number = text.length): number {
  if (start >= end) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return Number.isSafeInteger(value) ? value : -1;
}

const SIGNED_DIGITS = /^-?\d+$/;

/**
 * A base-10 integer written with ASCII digits only: no `+`, no spaces, no exponent, no fraction.
 * Values past 2^53 - 1 are refused because they cannot be held exactly in a JavaScript number.
 */
export function parseInteger(text: string, options: IntegerOptions = {}): Parsed<number> {
  const code = options.code ?? 'not-integer';
  if (text.length === 0) return rejected('empty', options.field);
  const negative = options.allowNegative === true && text.charCodeAt(0) === 0x2d;
  const value = digitsValue(text, negative ? 1 : 0);
  if (value !== -1) return parsed(negative ? -value : value);
  const allDigits = SIGNED_DIGITS.test(text) && (negative || text.charCodeAt(0) !== 0x2d);
  return rejected(code, options.field, allDigits ? `${excerpt(text)} is past 2^53` : excerpt(text));
}

/** The largest distance from the epoch a JavaScript Date can hold, in milliseconds (ECMA-262 21.4.1.1). */
export const MAX_EPOCH_MS = 8_640_000_000_000_000;

/** Units vendors use for timestamps in cookies; see the table in docs/other-trackers.md. */
export type EpochUnit = 'ms' | 'seconds' | 'deciseconds' | 'days';

const MS_PER_UNIT: Readonly<Record<EpochUnit, number>> = {
  ms: 1,
  seconds: 1000,
  deciseconds: 100,
  days: 86_400_000,
};

/**
 * A non-negative integer count of `unit` since 1970-01-01 UTC, returned as epoch milliseconds.
 * Anything that is not such an integer, or lies beyond what a Date can represent, is `not-timestamp`.
 * Plausibility (far past, future) is left to the decoder, which knows `now` and the vendor.
 */
export function parseEpoch(text: string, unit: EpochUnit, field?: string): Parsed<number> {
  const integer = parseInteger(text, field === undefined ? { code: 'not-timestamp' } : { field, code: 'not-timestamp' });
  if (!integer.ok) return integer;
  const ms = integer.value * MS_PER_UNIT[unit];
  if (ms > MAX_EPOCH_MS) return rejected('not-timestamp', field, `${excerpt(text)} is past the year 275760`);
  return parsed(ms);
}

export function parseEpochMs(text: string, field?: string): Parsed<number> {
  return parseEpoch(text, 'ms', field);
}

export function parseEpochSeconds(text: string, field?: string): Parsed<number> {
  return parseEpoch(text, 'seconds', field);
}

export interface HexIdOptions {
  readonly field?: string;
  /** Exact number of hex digits, when the format fixes it. */
  readonly length?: number;
  /** Refuse `A`-`F` (for formats documented as lower-case, such as HubSpot's visitor ids). */
  readonly lowerCaseOnly?: boolean;
}

/** A hexadecimal identifier, returned unchanged. */
export function parseHexId(text: string, options: HexIdOptions = {}): Parsed<string> {
  if (text.length === 0) return rejected('empty', options.field);
  if (options.length !== undefined && text.length !== options.length) {
    return rejected('not-hex-id', options.field, `${text.length} characters, expected ${options.length}`);
  }
  return isHex(text, options.lowerCaseOnly === true) ? parsed(text) : rejected('not-hex-id', options.field, excerpt(text));
}

/** True for a non-empty string of hex digits (`A`-`F` refused when `lowerCaseOnly`). */
export function isHex(text: string, lowerCaseOnly: boolean = false): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (!lowerCaseOnly && c >= 0x41 && c <= 0x46);
    if (!hex) return false;
  }
  return true;
}

/** True for a non-empty string of `A-Z a-z 0-9 - _` (base64url without padding). */
export function isBase64Url(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;
    if (!ok) return false;
  }
  return true;
}

/**
 * Sites and browsers sometimes encode a value twice, so this decodes `%XX` escapes again and
 * again until the text stops changing. Each decoding round that changes the text makes it
 * shorter, yet a hostile value could still nest escapes deeply; after `maxRounds` the value is
 * refused rather than shown half-decoded. Malformed escapes and escapes of invalid UTF-8 are
 * `bad-encoding`. Note that `+` is left alone: it means a space only in form encoding.
 */
export function percentDecodeUntilStable(text: string, field?: string, maxRounds: number = 8): Parsed<string> {
  let current = text;
  for (let round = 0; round < maxRounds; round++) {
    // Most values contain no escape at all: no allocation, no exception machinery.
    if (!current.includes('%')) return parsed(current);
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return rejected('bad-encoding', field, excerpt(current));
    }
    if (next === current) return parsed(current);
    current = next;
  }
  return current.includes('%') ? rejected('bad-encoding', field, `still encoded after ${maxRounds} rounds`) : parsed(current);
}

/**
 * RFC 6265 lets a cookie value be wrapped in double quotes, and browsers keep the quotes in the
 * value. Removes one surrounding pair; inner quotes are part of the value and stay.
 */
export function stripSurroundingQuotes(text: string): string {
  return text.length >= 2 && text.charCodeAt(0) === 0x22 && text.charCodeAt(text.length - 1) === 0x22 ? text.slice(1, -1) : text;
}

/** The usual clean-up before a structured value is split: surrounding quotes, then `%` escapes. */
export function unwrapValue(text: string, field?: string): Parsed<string> {
  return percentDecodeUntilStable(stripSurroundingQuotes(text), field);
}

/**
 * A word from a small vocabulary of true and false spellings, compared exactly (case matters,
 * because trackers compare exactly too). Anything else is `not-boolean`.
 */
export function parseBooleanWord(text: string, trueWords: readonly string[], falseWords: readonly string[], field?: string): Parsed<boolean> {
  if (trueWords.includes(text)) return parsed(true);
  if (falseWords.includes(text)) return parsed(false);
  return text.length === 0 ? rejected('empty', field) : rejected('not-boolean', field, excerpt(text));
}
