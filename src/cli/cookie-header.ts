// Parsing of HTTP `Cookie` and `Set-Cookie` header values, as browsers read them (RFC 6265
// section 5.1.1, 5.2 and 5.4, with the SameSite and Partitioned attributes of its successors):
// lenient, never throwing, keeping whatever names and values they carry.

export interface HeaderCookie {
  readonly name: string;
  readonly value: string;
}

export type SameSiteAttribute = 'strict' | 'lax' | 'none';

export interface SetCookie extends HeaderCookie {
  /** The Domain attribute with its leading dot (`.example.com`), when the header has one. */
  readonly domain?: string;
  /** The Path attribute, when it has one a browser accepts (starting with `/`). */
  readonly path?: string;
  /** The Expires attribute in milliseconds since the epoch, when it is a date a browser reads. */
  readonly expires?: number;
  /** The Max-Age attribute in seconds, when it is a number a browser reads (it may be 0 or negative). */
  readonly maxAge?: number;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /** Lower case; absent when the attribute is missing or holds a value browsers do not know. */
  readonly sameSite?: SameSiteAttribute;
  readonly partitioned: boolean;
}

const COOKIE_PREFIX = /^\s*cookie\s*:/i;

/** One `name=value` pair. Without `=` a browser takes the whole text as the value of an unnamed cookie. */
function splitPair(pair: string): HeaderCookie {
  const equals = pair.indexOf('=');
  return equals === -1 ? { name: '', value: pair.trim() } : { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim() };
}

/** The cookies of a `Cookie` request header; a leading `Cookie:` (pasted from dev tools) is allowed. */
export function parseCookieHeader(header: string): HeaderCookie[] {
  const cookies: HeaderCookie[] = [];
  for (const pair of header.replace(COOKIE_PREFIX, '').split(';')) {
    if (pair.trim().length === 0) continue;
    cookies.push(splitPair(pair));
  }
  return cookies;
}

// ---- Dates (RFC 6265 section 5.1.1) ------------------------------------------------------------

/** The characters that separate the parts of a cookie date (RFC 6265 `delimiter`). */
const DATE_DELIMITERS = /[\u0009\u0020-\u002f\u003b-\u0040\u005b-\u0060\u007b-\u007e]+/;
const TIME_TOKEN = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D|$)/;
const DAY_TOKEN = /^(\d{1,2})(?:\D|$)/;
const YEAR_TOKEN = /^(\d{2,4})(?:\D|$)/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * An `Expires` date as browsers read it: the first time, day, month and year found among the
 * tokens, in any order, two-digit years 70-99 in the 1900s and 00-69 in the 2000s. Undefined
 * when a part is missing or out of range (a browser then ignores the attribute).
 */
export function parseCookieDate(text: string): number | undefined {
  let time: [number, number, number] | undefined;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  for (const token of text.split(DATE_DELIMITERS)) {
    if (token.length === 0) continue;
    const timeMatch = time === undefined ? TIME_TOKEN.exec(token) : null;
    if (timeMatch !== null) {
      time = [Number(timeMatch[1]), Number(timeMatch[2]), Number(timeMatch[3])];
      continue;
    }
    const dayMatch = day === undefined ? DAY_TOKEN.exec(token) : null;
    if (dayMatch !== null) {
      day = Number(dayMatch[1]);
      continue;
    }
    const monthIndex = month === undefined ? MONTHS.indexOf(token.slice(0, 3).toLowerCase()) : -1;
    if (monthIndex !== -1) {
      month = monthIndex;
      continue;
    }
    const yearMatch = year === undefined ? YEAR_TOKEN.exec(token) : null;
    if (yearMatch !== null) year = Number(yearMatch[1]);
  }
  if (time === undefined || day === undefined || month === undefined || year === undefined) return undefined;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  const [hour, minute, second] = time;
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return undefined;
  const epochMs = Date.UTC(year, month, day, hour, minute, second);
  // 31 February and the like: a browser refuses the date rather than rolling it over.
  return new Date(epochMs).getUTCDate() === day ? epochMs : undefined;
}

/** A Max-Age value as browsers read it: an optional minus sign and digits only, else ignored. */
function parseMaxAge(text: string): number | undefined {
  if (!/^-?\d+$/.test(text)) return undefined;
  const seconds = Number(text);
  return Number.isFinite(seconds) ? seconds : undefined;
}

// ---- Set-Cookie -------------------------------------------------------------------------------

interface MutableAttributes {
  domain?: string;
  path?: string;
  expires?: number;
  maxAge?: number;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: SameSiteAttribute;
  partitioned: boolean;
}

/** Reads one attribute into `into`; names are case-insensitive, later attributes replace earlier ones. */
function readAttribute(attribute: string, into: MutableAttributes): void {
  const equals = attribute.indexOf('=');
  const name = (equals === -1 ? attribute : attribute.slice(0, equals)).trim().toLowerCase();
  const value = equals === -1 ? '' : attribute.slice(equals + 1).trim();
  switch (name) {
    case 'domain': {
      // As browsers do: a leading dot is ignored, an empty Domain means none.
      const bare = value.replace(/^\.+/, '').toLowerCase();
      if (bare.length === 0) delete into.domain;
      else into.domain = `.${bare}`;
      break;
    }
    case 'path':
      // A path not starting with `/` means the default path, as if there were no attribute.
      if (value.startsWith('/')) into.path = value;
      else delete into.path;
      break;
    case 'expires': {
      const expires = parseCookieDate(value);
      if (expires !== undefined) into.expires = expires;
      break;
    }
    case 'max-age': {
      const maxAge = parseMaxAge(value);
      if (maxAge !== undefined) into.maxAge = maxAge;
      break;
    }
    case 'secure':
      into.secure = true;
      break;
    case 'httponly':
      into.httpOnly = true;
      break;
    case 'samesite': {
      const lower = value.toLowerCase();
      if (lower === 'strict' || lower === 'lax' || lower === 'none') into.sameSite = lower;
      else delete into.sameSite;
      break;
    }
    case 'partitioned':
      into.partitioned = true;
      break;
  }
}

/** One `Set-Cookie` header value; undefined when it holds no cookie at all. */
export function parseSetCookie(header: string): SetCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  if (pair.trim().length === 0) return undefined;
  const into: MutableAttributes = { secure: false, httpOnly: false, partitioned: false };
  for (const attribute of attributes) readAttribute(attribute, into);
  return { ...splitPair(pair), ...into };
}

export interface Expiry {
  /** Milliseconds since the epoch; null for a session cookie. */
  readonly expires: number | null;
  /** True when the header removes the cookie: Max-Age <= 0, or an expiry at or before `at`. */
  readonly deleted: boolean;
}

/** The latest instant a Date can hold; a larger Max-Age stops there. */
const LAST_DATE_MS = 8_640_000_000_000_000;

/**
 * When a cookie set at `at` (milliseconds) expires. Max-Age wins over Expires whatever their
 * order (RFC 6265 section 5.3 step 3); Max-Age <= 0 removes the cookie at once.
 */
export function expiryOf(cookie: Pick<SetCookie, 'expires' | 'maxAge'>, at: number): Expiry {
  if (cookie.maxAge !== undefined) {
    if (cookie.maxAge <= 0) return { expires: at, deleted: true };
    return { expires: Math.min(at + cookie.maxAge * 1000, LAST_DATE_MS), deleted: false };
  }
  if (cookie.expires !== undefined) return { expires: cookie.expires, deleted: cookie.expires <= at };
  return { expires: null, deleted: false };
}
