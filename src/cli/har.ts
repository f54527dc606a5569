// Cookies from a HAR file (HTTP Archive 1.2, as browsers' developer tools save it): the request
// `Cookie` headers and response `Set-Cookie` headers of every entry. A HAR comes from outside,
// so it is read as `unknown` and narrowed step by step; odd entries are skipped, not fatal.
import { parseCookieHeader, parseSetCookie } from './cookie-header.ts';

export interface HarCookie {
  readonly name: string;
  readonly value: string;
  /** The host of the entry's URL, or of --url when given. */
  readonly host: string;
  /** From the Set-Cookie Domain attribute, with its leading dot, when known. */
  readonly cookieDomain?: string;
}

export type HarReadResult = { readonly ok: true; readonly cookies: readonly HarCookie[] } | { readonly ok: false; readonly reason: string };

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
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

/**
 * All cookies in the HAR, one per name and host; a later occurrence replaces an earlier one
 * (its value and domain) but keeps the earlier position, so output follows first appearance.
 */
export function cookiesFromHar(text: string, hostOverride?: string): HarReadResult {
  let root: unknown;
  try {
    // Some tools save HAR files with a byte order mark, which JSON.parse refuses.
    root = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const log = isRecord(root) ? root['log'] : undefined;
  const entries = isRecord(log) ? log['entries'] : undefined;
  if (!Array.isArray(entries)) return { ok: false, reason: 'not a HAR file: there is no log.entries list' };

  const byNameAndHost = new Map<string, HarCookie>();
  const remember = (cookie: HarCookie): void => {
    byNameAndHost.set(`${cookie.host}\u0000${cookie.name}`, cookie);
  };
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const request = entry['request'];
    const response = entry['response'];
    const url = isRecord(request) && typeof request['url'] === 'string' ? request['url'] : undefined;
    const host = hostOverride ?? (url === undefined ? undefined : hostOf(url));
    if (host === undefined) continue;
    if (isRecord(request)) {
      for (const header of headerValues(request['headers'], 'cookie')) {
        for (const { name, value } of parseCookieHeader(header)) remember({ name, value, host });
      }
    }
    if (isRecord(response)) {
      // Some exporters fold several Set-Cookie headers into one value, one cookie per line.
      for (const header of headerValues(response['headers'], 'set-cookie')) {
        for (const line of header.split('\n')) {
          const cookie = parseSetCookie(line);
          if (cookie === undefined) continue;
          remember(cookie.domain === undefined ? { name: cookie.name, value: cookie.value, host } : { name: cookie.name, value: cookie.value, host, cookieDomain: cookie.domain });
        }
      }
    }
  }
  return { ok: true, cookies: [...byNameAndHost.values()] };
}
