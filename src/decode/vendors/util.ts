// Building blocks shared by the tracker and consent-manager families: family construction with the
// guards every decoder needs, field constructors, and the few small decoders several vendors share
// (base64 text, JSON, query strings, base-36 and Crockford base-32 numbers, the Urchin domain hash,
// SHA-1 for Matomo's cookie names). Pure: ES2023 only, no clock, no platform API.
import { MINUTE_MS, fail } from '../types.ts';
import type { Category, CookieFamily, DecodeContext, DecodeOutcome, DocumentedLifetime, Field, Problem, VendorId } from '../types.ts';
import { excerpt, parseEpoch, parsed, percentDecodeUntilStable, rejected, stripSurroundingQuotes } from '../parse.ts';
import type { Parsed } from '../parse.ts';
import { hubspotDomainHash, hubspotHashCandidates } from '../domain-hash.ts';
import { FUTURE_TOLERANCE_MS, instantField, lengthGuarded, warning } from '../kit.ts';

export {
  countField, domainField, failed, flagField, FUTURE_TOLERANCE_MS, idField, instantField, lifetime, listField, MONTH_MS, textField, warning, YEAR_MS,
} from '../kit.ts';

/** The decode context; `name` carries the cookie's name for families whose names hold data. */
export type NamedDecodeContext = DecodeContext;

export type VendorDecoder = (value: string, ctx: NamedDecodeContext) => DecodeOutcome;

interface FamilySpec {
  readonly id: string;
  readonly vendor: VendorId;
  readonly category: Category;
  readonly lifetime: DocumentedLifetime;
  /**
   * Receives the value with surrounding quotes stripped and `%` escapes decoded until stable,
   * never empty and never longer than a browser stores. Formats whose separators are themselves
   * escaped inside parts (query strings) set `raw` and clean up part by part.
   */
  readonly decode: VendorDecoder;
  readonly raw?: boolean;
}

/** Strips quotes and decodes `%` escapes until the text is stable (Segment quotes inside the escapes: `%22…%22`). */
export function cleanValue(value: string): Parsed<string> {
  let current = value;
  for (let round = 0; round < 4; round++) {
    const decoded = percentDecodeUntilStable(stripSurroundingQuotes(current));
    if (!decoded.ok) return decoded;
    if (decoded.value === current) break;
    current = decoded.value;
  }
  return current.length === 0 ? rejected('empty') : parsed(current);
}

function guarded(spec: FamilySpec): VendorDecoder {
  return lengthGuarded((value, ctx) => {
    if (spec.raw === true) return spec.decode(value, ctx);
    const cleaned = cleanValue(value);
    return cleaned.ok ? spec.decode(cleaned.value, ctx) : { ok: false, problem: cleaned.problem };
  });
}

export function exactFamily(spec: FamilySpec & { readonly names: readonly string[] }): CookieFamily {
  const names = new Set(spec.names);
  return { id: spec.id, vendor: spec.vendor, category: spec.category, lifetime: spec.lifetime, names: spec.names, matches: (name) => names.has(name), decode: guarded(spec) };
}

/** `except` lists names another family owns, so that at most one family matches any name. */
export function patternFamily(spec: FamilySpec & { readonly pattern: RegExp; readonly except?: readonly string[] }): CookieFamily {
  const { pattern } = spec;
  const except = new Set(spec.except ?? []);
  return { id: spec.id, vendor: spec.vendor, category: spec.category, lifetime: spec.lifetime, matches: (name) => pattern.test(name) && !except.has(name), decode: guarded(spec) };
}

/** A family whose decoder needs a large library: `decode` refuses until `load()` hands out the real one. */
export function lazyFamily(
  spec: Omit<FamilySpec, 'decode'> & { readonly names: readonly string[]; readonly load: () => Promise<VendorDecoder> },
): CookieFamily {
  const names = new Set(spec.names);
  return {
    id: spec.id,
    vendor: spec.vendor,
    category: spec.category,
    lifetime: spec.lifetime,
    names: spec.names,
    matches: (name) => names.has(name),
    decode: () => fail('decoder-not-loaded'),
    load: async () => {
      const decode = await spec.load();
      return guarded({ ...spec, decode });
    },
  };
}

/** An instant field, plus a `future-timestamp` warning when it lies after `now`. */
export function timeField(key: string, epochMs: number, ctx: DecodeContext, warnings: Problem[], uncertain = false): Field {
  if (epochMs > ctx.now + FUTURE_TOLERANCE_MS) warnings.push(warning('future-timestamp', key));
  return instantField(key, epochMs, uncertain);
}

/**
 * An epoch timestamp with the digit count its unit implies for the years 1973 to 2286: 9-10 digits
 * for seconds, 12-13 for milliseconds (the doc's rule of thumb, section 0.3). A count in the wrong
 * unit is refused instead of being shown as a date decades away.
 */
export function parseTimestamp(text: string, unit: 'seconds' | 'ms', key: string): Parsed<number> {
  const digits = text.length;
  const plausible = unit === 'seconds' ? digits === 9 || digits === 10 : digits === 12 || digits === 13;
  if (!plausible) return rejected('not-timestamp', key, excerpt(text));
  return parseEpoch(text, unit, key);
}

/** A JSON number that is a whole count of milliseconds in the same plausible range. */
export function timestampFromNumber(value: unknown, unit: 'seconds' | 'ms'): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
  const text = String(value);
  const result = parseTimestamp(text, unit, '');
  return result.ok ? result.value : undefined;
}

// ---------------------------------------------------------------------------------------------
// ISO-8601 and browser date strings

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/** `2024-07-29T03:03:35.027Z` or with an offset. Parsed by hand: Date.parse accepts far more than ISO. */
export function parseIsoInstant(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms);
  if (!isValidCalendarDate(utc, Number(year), Number(month), Number(day)) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return utc - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * MINUTE_MS;
}

function isValidCalendarDate(utc: number, year: number, month: number, day: number): boolean {
  const date = new Date(utc);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE_TO_STRING = /^(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-]\d{4})/;

/**
 * A date in the form of JavaScript's `Date.prototype.toString()`, which OneTrust stores:
 * `Wed Feb 01 2023 12:35:32 GMT+0100 (Central European Standard Time)`. The zone name in
 * parentheses is localised and ignored; the numeric offset is what counts.
 */
export function parseDateToString(text: string): number | undefined {
  const match = DATE_TO_STRING.exec(text);
  if (match === null) return undefined;
  const [, monthName = '', day, year, hour, minute, second, offset = '+0000'] = match;
  const month = MONTHS.indexOf(monthName) + 1;
  if (month === 0) return undefined;
  const utc = Date.UTC(Number(year), month - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (!isValidCalendarDate(utc, Number(year), month, Number(day)) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return utc - zoneOffsetMs(offset);
}

// ---------------------------------------------------------------------------------------------
// Number systems

/** Lower- or upper-case base 36, as Clarity and UET write days and ids. */
export function parseBase36(text: string): number | undefined {
  if (!/^[0-9a-z]{1,10}$/i.test(text)) return undefined;
  return parseInt(text, 36);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base 32 (ULIDs): case-insensitive, no I, L, O or U. */
export function parseCrockfordBase32(text: string): number | undefined {
  let value = 0;
  for (const char of text.toUpperCase()) {
    const digit = CROCKFORD.indexOf(char);
    if (digit === -1) return undefined;
    value = value * 32 + digit;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Base64 and JSON (atob and TextDecoder are platform APIs, outside the pure ES2023 library)

// Digit value by character code for both alphabets (`+/` and `-_`); -1 for anything else.
const BASE64_VALUES = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].forEach((char, value) => {
  BASE64_VALUES[char.charCodeAt(0)] = value;
});
for (const [char, value] of [['+', 62], ['-', 62], ['/', 63], ['_', 63]] as const) BASE64_VALUES[char.charCodeAt(0)] = value;

/** Standard or URL-safe base64, padding optional, decoded as UTF-8 text. */
export function decodeBase64Text(text: string): string | undefined {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  let ascii = true;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const digit = code < 128 ? (BASE64_VALUES[code] ?? -1) : -1;
    if (digit === -1) return undefined;
    buffer = ((buffer << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (buffer >> bits) & 0xff;
      if (byte >= 0x80) ascii = false;
      bytes.push(byte);
    }
  }
  // Most values are ASCII JSON; only other text needs the UTF-8 decoding below.
  if (ascii) return String.fromCharCode(...bytes);
  try {
    return decodeURIComponent(bytes.map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return undefined; // not UTF-8
  }
}

export type JsonRecord = { readonly [key: string]: unknown };

export function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function stringAt(record: JsonRecord, key: string): string | undefined {
  const value = own(record, key);
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(record: JsonRecord, key: string): number | undefined {
  const value = own(record, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function booleanAt(record: JsonRecord, key: string): boolean | undefined {
  const value = own(record, key);
  return typeof value === 'boolean' ? value : undefined;
}

export function recordAt(record: JsonRecord, key: string): JsonRecord | undefined {
  const value = own(record, key);
  return isRecord(value) ? value : undefined;
}

/** The strings of an array property; other entries are skipped. */
export function stringsAt(record: JsonRecord, key: string): string[] | undefined {
  const value = own(record, key);
  if (!Array.isArray(value)) return undefined;
  const strings: string[] = [];
  for (const entry of value) if (typeof entry === 'string') strings.push(entry);
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Query strings (OneTrust) and `key:value` lists (CookieYes, Marketo)

/**
 * `a=1&b=x+y`: `+` is a space and each part is percent-decoded on its own, so an escaped `&` or
 * `=` inside a part cannot split it. A value that arrives escaped as a whole is decoded first.
 * Later duplicates of a key are ignored.
 */
export function parseQueryString(text: string): Map<string, string> {
  let source = text;
  if (!source.includes('=')) {
    const decoded = percentDecodeUntilStable(source);
    if (decoded.ok) source = decoded.value;
  }
  const entries = new Map<string, string>();
  for (const part of source.split('&')) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const key = decodeFormPart(part.slice(0, equals));
    if (!entries.has(key)) entries.set(key, decodeFormPart(part.slice(equals + 1)));
  }
  return entries;
}

function decodeFormPart(text: string): string {
  const decoded = percentDecodeUntilStable(text.replace(/\+/g, ' '));
  return decoded.ok ? decoded.value : text;
}

/** `k1:v1<sep>k2:v2`; the value runs to the next separator and may contain `:`. */
export function parseColonPairs(text: string, separator: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const part of text.split(separator)) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const key = part.slice(0, colon).trim();
    if (!entries.has(key)) entries.set(key, part.slice(colon + 1).trim());
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Domains a cookie may have been written for

interface Candidates {
  readonly cookieDomain: string | undefined;
  readonly domains: readonly string[];
  urchinHashes?: readonly number[];
  matomoSuffixes?: readonly string[];
}

// A page's cookies are decoded one after another, for one host but for a few cookie domains in
// turn (`.example.com`, `www.example.com`, an embedded site's): the candidates and their hashes
// are kept per host and cookie domain, so each __utm* or _pk_* decode is one comparison per
// candidate. A site has a handful of such pairs; the bound only keeps a long-lived caller (the
// command line over a HAR file) from growing it without end.
const MAX_KEPT_CANDIDATES = 32;
const keptCandidates = new Map<string, Candidates>();

/**
 * Every spelling of the host and its parent domains a script may have hashed: with and without
 * the leading dot (Urchin and Matomo hash the configured domain as given), plus the cookie's own
 * domain. Built on the HubSpot candidate list so all three hashes try the same domains.
 */
function candidatesFor(ctx: DecodeContext): Candidates {
  const key = `${ctx.host}\u0000${ctx.cookieDomain ?? ''}`;
  const kept = keptCandidates.get(key);
  if (kept !== undefined && kept.cookieDomain === ctx.cookieDomain) return kept;
  const domains: string[] = [];
  for (const dotted of hubspotHashCandidates(ctx.host, ctx.cookieDomain)) {
    const bare = dotted.slice(1);
    if (bare.length > 0 && !domains.includes(bare)) domains.push(bare);
    if (!domains.includes(dotted)) domains.push(dotted);
  }
  const made: Candidates = { cookieDomain: ctx.cookieDomain, domains };
  if (keptCandidates.size >= MAX_KEPT_CANDIDATES) keptCandidates.clear();
  keptCandidates.set(key, made);
  return made;
}

/**
 * The Urchin / ga.js domain hash (other-trackers.md section 1.3). It is HubSpot's hash except for
 * the empty string, which Urchin hashes to 1 (HubSpot: 0).
 */
export function urchinDomainHash(domain: string): number {
  return domain.length === 0 ? 1 : hubspotDomainHash(domain);
}

/** The candidate domain whose Urchin hash is `hash`, or null when none is. */
export function matchUrchinDomainHash(hash: number, ctx: DecodeContext): string | null {
  const candidates = candidatesFor(ctx);
  candidates.urchinHashes ??= candidates.domains.map(urchinDomainHash);
  const at = candidates.urchinHashes.indexOf(hash);
  return at === -1 ? null : (candidates.domains[at] ?? null);
}

/**
 * The candidate domain whose Matomo cookie-name suffix is `suffix`: the first four hex digits of
 * SHA-1 over the domain followed by the default cookie path `/` (other-trackers.md section 1.4).
 */
export function matchMatomoNameHash(suffix: string, ctx: DecodeContext): string | null {
  const candidates = candidatesFor(ctx);
  candidates.matomoSuffixes ??= candidates.domains.map(matomoSuffixOf);
  const at = candidates.matomoSuffixes.indexOf(suffix.toLowerCase());
  return at === -1 ? null : (candidates.domains[at] ?? null);
}

// The candidate lists of one site's cookie domains share most of their domains: each is hashed once.
const matomoSuffixes = new Map<string, string>();

function matomoSuffixOf(domain: string): string {
  let suffix = matomoSuffixes.get(domain);
  if (suffix === undefined) {
    suffix = sha1Hex(`${domain}/`).slice(0, 4);
    if (matomoSuffixes.size >= MAX_KEPT_CANDIDATES * 4) matomoSuffixes.clear();
    matomoSuffixes.set(domain, suffix);
  }
  return suffix;
}

// ---------------------------------------------------------------------------------------------
// SHA-1 (FIPS 180-4), only for Matomo's four-hex-digit cookie-name suffix. No SHA-1 package is
// installed and WebCrypto is asynchronous and outside the pure library; see the report on
// replacing this with a maintained implementation.

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const escaped of encodeURIComponent(text).split(/(%[0-9A-F]{2})/)) {
    if (escaped.startsWith('%') && escaped.length === 3) bytes.push(parseInt(escaped.slice(1), 16));
    else for (let i = 0; i < escaped.length; i++) bytes.push(escaped.charCodeAt(i));
  }
  return bytes;
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

export function sha1Hex(text: string): string {
  const message = utf8Bytes(text);
  // The message, a 1 bit, zeros and the length in bits (64-bit big-endian) fill whole 64-byte blocks.
  const length = Math.ceil((message.length + 9) / 64) * 64;
  const bytes = new Uint8Array(length);
  bytes.set(message);
  bytes[message.length] = 0x80;
  const bitLength = message.length * 8;
  const view = new DataView(bytes.buffer);
  view.setUint32(length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(length - 4, bitLength >>> 0);
  const h = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const w = new Int32Array(80);
  for (let block = 0; block < length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(block + i * 4);
    for (let i = 16; i < 80; i++) w[i] = rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1);
    let a = h[0] ?? 0;
    let b = h[1] ?? 0;
    let c = h[2] ?? 0;
    let d = h[3] ?? 0;
    let e = h[4] ?? 0;
    for (let i = 0; i < 80; i++) {
      const f = i < 20 ? (b & c) | (~b & d) : i < 40 ? b ^ c ^ d : i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const next = (rotl(a, 5) + f + e + k + (w[i] ?? 0)) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = next;
    }
    h[0] = (h[0] ?? 0) + a;
    h[1] = (h[1] ?? 0) + b;
    h[2] = (h[2] ?? 0) + c;
    h[3] = (h[3] ?? 0) + d;
    h[4] = (h[4] ?? 0) + e;
  }
  return [...h].map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// Splitting

/** `count` parts split at the first `count - 1` separators; the last part keeps any further ones. */
export function splitFirst(text: string, separator: string, count: number): string[] | undefined {
  const parts: string[] = [];
  let rest = text;
  for (let i = 1; i < count; i++) {
    const at = rest.indexOf(separator);
    if (at === -1) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  parts.push(rest);
  return parts;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
