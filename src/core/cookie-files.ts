// Cookies in and out as files other tools read: Cookie-Editor's JSON (an array of the cookies API's
// cookie objects), Netscape `cookies.txt` (curl, wget, yt-dlp) and a `Cookie:` header string.
// Pure: the popup offers the text, the background writes imported cookies. Parsing never throws:
// a malformed file is one short reason, and nothing of it is used.
import type { CookieRecord, SameSite } from '../model/cookie.ts';

/** A cookie read from a file: everything but the store, which is the tab's. */
export type FileCookie = Omit<CookieRecord, 'storeId' | 'partitionKey' | 'firstPartyDomain'>;

export type CookieFileFormat = 'cookie-editor-json' | 'netscape';

export type ParsedCookieFile =
  | { readonly ok: true; readonly format: CookieFileFormat; readonly cookies: readonly FileCookie[] }
  | { readonly ok: false; readonly reason: string };

/** The most cookies one file may hold: far above any site's (Chromium keeps 180 per domain). */
export const MAX_FILE_COOKIES = 5000;

// ---- out ------------------------------------------------------------------------------------

/** Cookie-Editor's export: the cookies API's objects, `session` for cookies without an expiry. */
export function toCookieEditorJson(cookies: readonly CookieRecord[]): string {
  return JSON.stringify(cookies.map((cookie) => ({
    domain: cookie.domain,
    ...(cookie.expirationDate === undefined ? {} : { expirationDate: cookie.expirationDate }),
    hostOnly: cookie.hostOnly,
    httpOnly: cookie.httpOnly,
    name: cookie.name,
    path: cookie.path,
    sameSite: cookie.sameSite,
    secure: cookie.secure,
    session: cookie.expirationDate === undefined,
    storeId: cookie.storeId,
    value: cookie.value,
    ...(cookie.partitionKey === undefined ? {} : { partitionKey: cookie.partitionKey }),
  })), null, 2);
}

const NETSCAPE_HEADER = '# Netscape HTTP Cookie File';

/**
 * Netscape cookies.txt: one line per cookie, seven fields separated by tabs: domain, whether
 * subdomains get it (TRUE for Domain cookies), path, Secure, expiry in whole seconds (0 for a
 * session cookie), name, value. HttpOnly cookies carry curl's `#HttpOnly_` prefix.
 */
export function toNetscape(cookies: readonly CookieRecord[]): string {
  const lines = cookies.map((cookie) => [
    `${cookie.httpOnly ? '#HttpOnly_' : ''}${cookie.domain}`,
    cookie.hostOnly ? 'FALSE' : 'TRUE',
    cookie.path,
    cookie.secure ? 'TRUE' : 'FALSE',
    String(cookie.expirationDate === undefined ? 0 : Math.floor(cookie.expirationDate)),
    cookie.name,
    cookie.value,
  ].join('\t'));
  return `${NETSCAPE_HEADER}\n${lines.join('\n')}\n`;
}

/** A `Cookie:` request header's value, as the browser would send these cookies. */
export function toCookieHeader(cookies: readonly CookieRecord[]): string {
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

// ---- in -------------------------------------------------------------------------------------

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Cookie-Editor writes the API's words; some tools write the attribute's. */
function sameSiteOf(value: unknown): SameSite | null {
  if (value === undefined || value === null) return 'unspecified';
  if (typeof value !== 'string') return null;
  switch (value.toLowerCase()) {
    case 'no_restriction':
    case 'none':
      return 'no_restriction';
    case 'lax':
      return 'lax';
    case 'strict':
      return 'strict';
    case 'unspecified':
    case '':
      return 'unspecified';
    default:
      return null;
  }
}

/** A cookie name or value the browser could store: no control characters, no `;`, a name without `=`. */
function badText(name: string, value: string): string | null {
  if (name === '' || /[\u0000-\u001f\u007f;=]/.test(name)) return 'a cookie name is empty or holds a character cookies cannot hold';
  if (/[\u0000-\u001f\u007f;]/.test(value)) return `the value of ${name} holds a character cookies cannot hold`;
  return null;
}

function parseJsonCookies(data: unknown): ParsedCookieFile {
  const list = Array.isArray(data) ? data : null;
  if (list === null) return { ok: false, reason: 'the JSON is not a list of cookies' };
  if (list.length === 0) return { ok: false, reason: 'the file holds no cookies' };
  if (list.length > MAX_FILE_COOKIES) return { ok: false, reason: `the file holds more than ${MAX_FILE_COOKIES} cookies` };
  const cookies: FileCookie[] = [];
  for (const [index, item] of list.entries()) {
    const at = `cookie ${index + 1}`;
    if (!isRecord(item)) return { ok: false, reason: `${at} is not an object` };
    const { name, value, domain, path = '/', secure = false, httpOnly = false, hostOnly, expirationDate, session } = item;
    if (typeof name !== 'string' || typeof value !== 'string' || typeof domain !== 'string' || domain === '') return { ok: false, reason: `${at} needs a name, a value and a domain` };
    const bad = badText(name, value);
    if (bad !== null) return { ok: false, reason: `${at}: ${bad}` };
    if (typeof path !== 'string' || !path.startsWith('/')) return { ok: false, reason: `${at}: the path must start with /` };
    if (typeof secure !== 'boolean' || typeof httpOnly !== 'boolean' || (hostOnly !== undefined && typeof hostOnly !== 'boolean')) return { ok: false, reason: `${at}: secure, httpOnly and hostOnly must be true or false` };
    const sameSite = sameSiteOf(item.sameSite);
    if (sameSite === null) return { ok: false, reason: `${at}: sameSite must be no_restriction, lax, strict or unspecified` };
    const isSession = session === true || expirationDate === undefined || expirationDate === null;
    if (!isSession && (typeof expirationDate !== 'number' || !Number.isFinite(expirationDate) || expirationDate < 0)) return { ok: false, reason: `${at}: expirationDate must be a time in seconds` };
    cookies.push({
      name, value, domain: domain.toLowerCase(), path, secure, httpOnly, sameSite,
      hostOnly: hostOnly ?? !domain.startsWith('.'),
      ...(isSession || typeof expirationDate !== 'number' ? {} : { expirationDate }),
    });
  }
  return { ok: true, format: 'cookie-editor-json', cookies };
}

function parseNetscape(text: string): ParsedCookieFile {
  const cookies: FileCookie[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trimEnd();
    const httpOnly = line.startsWith('#HttpOnly_');
    if (line.trim() === '' || (line.startsWith('#') && !httpOnly)) continue;
    const at = `line ${index + 1}`;
    const fields = (httpOnly ? line.slice('#HttpOnly_'.length) : line).split('\t');
    if (fields.length < 7) return { ok: false, reason: `${at} has ${fields.length} tab-separated fields, cookies.txt needs 7` };
    const [domain = '', subdomains, path = '', secure, expiry = '', name = '', ...rest] = fields;
    const value = rest.join('\t');
    if (domain === '') return { ok: false, reason: `${at} has no domain` };
    if ((subdomains !== 'TRUE' && subdomains !== 'FALSE') || (secure !== 'TRUE' && secure !== 'FALSE')) return { ok: false, reason: `${at}: the second and fourth fields must be TRUE or FALSE` };
    if (!path.startsWith('/')) return { ok: false, reason: `${at}: the path must start with /` };
    if (!/^\d{1,12}$/.test(expiry)) return { ok: false, reason: `${at}: the expiry must be whole seconds` };
    const bad = badText(name, value);
    if (bad !== null) return { ok: false, reason: `${at}: ${bad}` };
    const seconds = Number(expiry);
    const hostOnly = subdomains === 'FALSE';
    cookies.push({
      name, value, path, httpOnly, secure: secure === 'TRUE', sameSite: 'unspecified', hostOnly,
      domain: (hostOnly ? domain.replace(/^\./, '') : domain.startsWith('.') ? domain : `.${domain}`).toLowerCase(),
      ...(seconds === 0 ? {} : { expirationDate: seconds }),
    });
    if (cookies.length > MAX_FILE_COOKIES) return { ok: false, reason: `the file holds more than ${MAX_FILE_COOKIES} cookies` };
  }
  if (cookies.length === 0) return { ok: false, reason: 'the file holds no cookies' };
  return { ok: true, format: 'netscape', cookies };
}

/** Reads a Cookie-Editor JSON file or a Netscape cookies.txt; anything else is refused with a reason. */
export function parseCookieFile(text: string): ParsedCookieFile {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, reason: 'the file is empty' };
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, reason: `the JSON cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
    return parseJsonCookies(data);
  }
  return parseNetscape(trimmed);
}
