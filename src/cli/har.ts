// Cookies from a HAR file (HTTP Archive 1.2, as browsers' developer tools save it). Each entry can
// carry its cookies twice: in the request `Cookie` and response `Set-Cookie` headers, and in the
// `request.cookies` and `response.cookies` arrays. Sanitising tools strip one or both, so both
// are read, and a cookie found in both places of one entry counts once. A HAR comes from outside,
// so it is read as `unknown` and narrowed step by step; odd entries are skipped, not fatal.
import { expiryOf, parseCookieHeader, parseSetCookie } from './cookie-header.ts';
import type { SameSiteAttribute } from './cookie-header.ts';

export type CookieSource = 'request' | 'response';

export interface HarCookie {
  readonly name: string;
  /** The value sent or set; for a deletion, whatever the deleting header carried (usually empty). */
  readonly value: string;
  /** The host of the entry's URL, or of --url when given. */
  readonly host: string;
  /**
   * As browsers store it: `.example.com` for a Domain cookie, the host for a host-only one. Null
   * when the HAR does not say (a request `Cookie` header names no domain).
   */
  readonly domain: string | null;
  /** Null when the HAR does not say. */
  readonly path: string | null;
  /** Null when the HAR does not say. */
  readonly hostOnly: boolean | null;
  /** Milliseconds since the epoch; null for a session cookie or when the HAR does not say. */
  readonly expires: number | null;
  readonly secure: boolean | null;
  readonly httpOnly: boolean | null;
  readonly sameSite: SameSiteAttribute | null;
  readonly partitioned: boolean | null;
  /** `request`: the browser sent it. `response`: the server set (or deleted) it. */
  readonly source: CookieSource;
  /** The response removes the cookie (Max-Age <= 0, or an expiry at or before the entry's time). */
  readonly deleted: boolean;
  /** When it was seen: the entry's start time (ms), then the entry's position in the file. */
  readonly seen: { readonly at: number; readonly entry: number };
}

export interface HarContents {
  readonly cookies: readonly HarCookie[];
  /** The latest entry time in the file (ms), undefined when no entry has a readable one. */
  readonly capturedAt: number | undefined;
  /** The host of the first entry with a usable URL: the page a crawler opened. */
  readonly firstHost: string | undefined;
}

export type HarReadResult =
  | ({ readonly ok: true } & HarContents)
  | { readonly ok: false; readonly kind: 'invalid' | 'sanitised'; readonly reason: string };

export const SANITISED_REASON = 'this HAR looks sanitised: no cookie data';

type JsonRecord = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerValues(headers: unknown, wanted: string): string[] {
  if (!Array.isArray(headers)) return [];
  const values: string[] = [];
  for (const header of headers) {
    if (isRecord(header) && typeof header['name'] === 'string' && typeof header['value'] === 'string' && header['name'].toLowerCase() === wanted) {
      values.push(header['value']);
    }
  }
  return values;
}

/** The lower-case host name of an absolute URL, or undefined when it is not one. */
export function hostOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { hostname } = new URL(url);
  return hostname.length === 0 ? undefined : hostname;
}

/** RFC 6265 section 5.1.4: the directory of the request path, the path a cookie without Path gets. */
export function defaultPath(url: string | undefined): string {
  const pathname = url !== undefined && URL.canParse(url) ? new URL(url).pathname : '/';
  const lastSlash = pathname.lastIndexOf('/');
  return !pathname.startsWith('/') || lastSlash <= 0 ? '/' : pathname.slice(0, lastSlash);
}

function optionalString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function optionalBoolean(record: JsonRecord, key: string): boolean | null {
  const value = record[key];
  return typeof value === 'boolean' ? value : null;
}

function sameSiteOf(value: unknown): SameSiteAttribute | null {
  if (typeof value !== 'string') return null;
  const lower = value.toLowerCase();
  return lower === 'strict' || lower === 'lax' || lower === 'none' ? lower : null;
}

/**
 * Where a cookie of the HAR's `cookies` arrays lives. A leading dot, or a domain other than the
 * host, is a Domain cookie; the host itself is taken as host-only (tools write it so).
 */
function arrayDomain(domain: string | undefined, host: string): { domain: string; hostOnly: boolean } | undefined {
  const bare = domain?.trim().toLowerCase().replace(/^\.+/, '') ?? '';
  if (domain === undefined || bare.length === 0) return undefined;
  return domain.trim().startsWith('.') || bare !== host ? { domain: `.${bare}`, hostOnly: false } : { domain: host, hostOnly: true };
}

interface EntryContext {
  readonly host: string;
  readonly url: string | undefined;
  /** The entry's start time (ms): deletions are judged against it. */
  readonly at: number;
  /** The entry's position in log.entries. */
  readonly index: number;
}

function requestHeaderCookies(request: JsonRecord, entry: EntryContext): HarCookie[] {
  const cookies: HarCookie[] = [];
  for (const header of headerValues(request['headers'], 'cookie')) {
    for (const { name, value } of parseCookieHeader(header)) {
      cookies.push({ name, value, host: entry.host, domain: null, path: null, hostOnly: null, expires: null, secure: null, httpOnly: null, sameSite: null, partitioned: null, source: 'request', deleted: false, seen: { at: entry.at, entry: entry.index } });
    }
  }
  return cookies;
}

function responseHeaderCookies(response: JsonRecord, entry: EntryContext): HarCookie[] {
  const cookies: HarCookie[] = [];
  // Some exporters fold several Set-Cookie headers into one value, one cookie per line.
  for (const header of headerValues(response['headers'], 'set-cookie')) {
    for (const line of header.split('\n')) {
      const parsed = parseSetCookie(line);
      if (parsed === undefined) continue;
      const { expires, deleted } = expiryOf(parsed, entry.at);
      cookies.push({
        name: parsed.name,
        value: parsed.value,
        host: entry.host,
        domain: parsed.domain ?? entry.host,
        path: parsed.path ?? defaultPath(entry.url),
        hostOnly: parsed.domain === undefined,
        expires,
        secure: parsed.secure,
        httpOnly: parsed.httpOnly,
        sameSite: parsed.sameSite ?? null,
        partitioned: parsed.partitioned,
        source: 'response',
        deleted,
        seen: { at: entry.at, entry: entry.index },
      });
    }
  }
  return cookies;
}

/** The cookies of a `request.cookies` or `response.cookies` array (HAR 1.2 cookie objects). */
function arrayCookies(list: unknown, source: CookieSource, entry: EntryContext): HarCookie[] {
  if (!Array.isArray(list)) return [];
  const cookies: HarCookie[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const name = optionalString(item, 'name');
    const value = optionalString(item, 'value');
    if (name === undefined || value === undefined) continue;
    const where = arrayDomain(optionalString(item, 'domain'), entry.host);
    const rawPath = optionalString(item, 'path');
    const path = rawPath?.startsWith('/') ? rawPath : source === 'response' ? defaultPath(entry.url) : null;
    const rawExpires = optionalString(item, 'expires');
    const parsedExpires = rawExpires === undefined ? Number.NaN : Date.parse(rawExpires);
    const expires = Number.isNaN(parsedExpires) ? null : parsedExpires;
    // Only what a response sets can be a deletion; a cookie in a request was sent, so it lived.
    const deleted = source === 'response' && expires !== null && expires <= entry.at;
    const unknownWhere = source === 'request' ? { domain: null, hostOnly: null } : { domain: entry.host, hostOnly: true };
    cookies.push({
      name,
      value,
      host: entry.host,
      ...(where ?? unknownWhere),
      path,
      expires,
      secure: optionalBoolean(item, 'secure'),
      httpOnly: optionalBoolean(item, 'httpOnly'),
      sameSite: sameSiteOf(item['sameSite']),
      partitioned: optionalBoolean(item, 'partitioned'),
      source,
      deleted,
      seen: { at: entry.at, entry: entry.index },
    });
  }
  return cookies;
}

/**
 * The header cookies of one side of an entry plus those of its array that the headers do not
 * carry. A cookie in both (same name and value) counts once: the header's reading, with what it
 * cannot say (a request cookie's domain, path, expiry) filled in from the array.
 */
function mergeSources(fromHeaders: readonly HarCookie[], fromArray: readonly HarCookie[]): HarCookie[] {
  const merged = [...fromHeaders];
  const unmatched = new Set(fromHeaders.keys());
  for (const cookie of fromArray) {
    const twin = [...unmatched].find((index) => merged[index]?.name === cookie.name && merged[index]?.value === cookie.value);
    if (twin === undefined) {
      merged.push(cookie);
      continue;
    }
    unmatched.delete(twin);
    const header = merged[twin];
    if (header === undefined) continue;
    merged[twin] = {
      ...header,
      domain: header.domain ?? cookie.domain,
      hostOnly: header.hostOnly ?? cookie.hostOnly,
      path: header.path ?? cookie.path,
      expires: header.expires ?? cookie.expires,
      secure: header.secure ?? cookie.secure,
      httpOnly: header.httpOnly ?? cookie.httpOnly,
      sameSite: header.sameSite ?? cookie.sameSite,
      partitioned: header.partitioned ?? cookie.partitioned,
    };
  }
  return merged;
}

/** Whether one side of an entry holds any cookie data at all (a header, or a non-empty array). */
function carriesCookies(side: JsonRecord, headerName: string): boolean {
  const list = side['cookies'];
  return headerValues(side['headers'], headerName).length > 0 || (Array.isArray(list) && list.length > 0);
}

/** The key that tells variants apart: the same name on another domain or path is another cookie. */
export function variantKey(cookie: HarCookie): string {
  return [cookie.host, cookie.name, cookie.domain ?? '', cookie.path ?? ''].join('\u0000');
}

export interface HarReadOptions {
  /** Replaces every entry's host (--url). */
  readonly hostOverride?: string | undefined;
  /** The time deletions are judged against for an entry without a readable `startedDateTime`. */
  readonly fallbackTime: number;
}

/**
 * All cookies in the HAR, one per host, name, domain and path; a later occurrence replaces an
 * earlier one (its value, attributes and source) but keeps the earlier position, so output
 * follows first appearance. Refused: text that is not JSON, JSON without `log.entries`, an
 * empty log (`invalid`), and a HAR with no cookie data anywhere (`sanitised`).
 */
export function cookiesFromHar(text: string, options: HarReadOptions): HarReadResult {
  let root: unknown;
  try {
    // Some tools save HAR files with a byte order mark, which JSON.parse refuses.
    root = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, kind: 'invalid', reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const log = isRecord(root) ? root['log'] : undefined;
  const entries = isRecord(log) ? log['entries'] : undefined;
  if (!Array.isArray(entries)) return { ok: false, kind: 'invalid', reason: 'not a HAR file: there is no log.entries list' };
  if (entries.length === 0) return { ok: false, kind: 'invalid', reason: 'the HAR is empty: log.entries has no entries' };

  const byVariant = new Map<string, HarCookie>();
  let sawCookieData = false;
  let capturedAt: number | undefined;
  let firstHost: string | undefined;
  for (const [index, entry] of entries.entries()) {
    if (!isRecord(entry)) continue;
    const request = isRecord(entry['request']) ? entry['request'] : undefined;
    const response = isRecord(entry['response']) ? entry['response'] : undefined;
    if ((request !== undefined && carriesCookies(request, 'cookie')) || (response !== undefined && carriesCookies(response, 'set-cookie'))) sawCookieData = true;
    const url = request !== undefined && typeof request['url'] === 'string' ? request['url'] : undefined;
    const host = options.hostOverride ?? (url === undefined ? undefined : hostOf(url));
    if (host === undefined) continue;
    firstHost ??= host;
    const started = typeof entry['startedDateTime'] === 'string' ? Date.parse(entry['startedDateTime']) : Number.NaN;
    if (!Number.isNaN(started)) capturedAt = Math.max(capturedAt ?? started, started);
    const context: EntryContext = { host, url, at: Number.isNaN(started) ? options.fallbackTime : started, index };
    const found = [
      ...(request === undefined ? [] : mergeSources(requestHeaderCookies(request, context), arrayCookies(request['cookies'], 'request', context))),
      ...(response === undefined ? [] : mergeSources(responseHeaderCookies(response, context), arrayCookies(response['cookies'], 'response', context))),
    ];
    for (const cookie of found) byVariant.set(variantKey(cookie), cookie);
  }
  if (!sawCookieData) return { ok: false, kind: 'sanitised', reason: SANITISED_REASON };
  return { ok: true, cookies: [...byVariant.values()], capturedAt, firstHost };
}
