// Reading and writing cookies for one site in one cookie store, in both browsers.
// Per-browser differences handled here and nowhere else:
// - partitioned (CHIPS / Firefox dFPI) cookies are only returned when a partitionKey is given;
// - Firefox first-party isolation requires `firstPartyDomain` on every call (null = any);
//   Chromium rejects the key, so it is only sent to Firefox;
// - `sameSite: 'unspecified'` cannot be written back by Firefox: left out there.
import type { CookieRecord, SameSite } from '../model/cookie.ts';
import type { CookieRemoveDetails, CookieSetDetails } from '../core/cookie-details.ts';
import type { FailedCookie } from '../protocol/messages.ts';
import { siteCookies, type SiteContext } from '../core/site.ts';
import { browser, isFirefox, type Cookies } from './api.ts';

function toSameSite(value: string | undefined): SameSite {
  return value === 'no_restriction' || value === 'lax' || value === 'strict' ? value : 'unspecified';
}

/** Converts the browser's cookie into Cookie Lens's browser-neutral record. */
export function toRecord(cookie: Cookies.Cookie): CookieRecord {
  const pk = cookie.partitionKey;
  const topLevelSite = pk?.topLevelSite;
  // Chromium reports hasCrossSiteAncestor; the polyfill's types (Firefox-derived) do not know it.
  const cross = (pk as { hasCrossSiteAncestor?: unknown } | undefined)?.hasCrossSiteAncestor;
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    hostOnly: cookie.hostOnly,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: toSameSite(cookie.sameSite),
    ...(cookie.expirationDate === undefined ? {} : { expirationDate: cookie.expirationDate }),
    storeId: cookie.storeId,
    ...(typeof topLevelSite === 'string' && topLevelSite !== ''
      ? { partitionKey: typeof cross === 'boolean' ? { topLevelSite, hasCrossSiteAncestor: cross } : { topLevelSite } }
      : {}),
    // Firefox needs the first-party domain back on remove/set when isolation is on ('' when off).
    ...(isFirefox ? { firstPartyDomain: cookie.firstPartyDomain } : {}),
  };
}

function withFirefoxKeys<T extends object>(details: T): T {
  return isFirefox ? { ...details, firstPartyDomain: null } : details;
}

/**
 * Every cookie that could belong to a site whose registrable domain is `registrableDomain`:
 * unpartitioned cookies on the domain and all its subdomains (every path), plus every cookie
 * partitioned under `topLevelSite` (set by the site itself or by frames embedded in it).
 * The caller narrows the result to the tab's host with the pure core (src/core/site.ts).
 */
export async function cookiesAround(registrableDomain: string, topLevelSite: string, storeId: string): Promise<CookieRecord[]> {
  const [unpartitioned, partitioned] = await Promise.all([
    browser.cookies.getAll(withFirefoxKeys({ domain: registrableDomain, storeId })),
    browser.cookies.getAll(withFirefoxKeys({ storeId, partitionKey: { topLevelSite } })).catch(() => []),
  ]);
  const records = unpartitioned.map(toRecord);
  for (const cookie of partitioned) if (cookie.partitionKey?.topLevelSite) records.push(toRecord(cookie));
  return records;
}

/** Unpartitioned cookies a frame at `url` can see, for the "set by embedded sites" list. */
export async function cookiesForUrl(url: string, storeId: string): Promise<CookieRecord[]> {
  return (await browser.cookies.getAll(withFirefoxKeys({ url, storeId }))).map(toRecord);
}

function describe(cookie: { name: string; url: string; partitionKey?: unknown }, reason: unknown): FailedCookie {
  const { hostname, pathname } = new URL(cookie.url);
  return {
    name: cookie.name,
    domain: hostname,
    path: pathname,
    partitioned: cookie.partitionKey !== undefined,
    reason: reason instanceof Error ? reason.message : String(reason ?? 'the browser refused'),
  };
}

/** Removes one cookie exactly (store, partition and first-party domain included). */
export async function removeCookie(details: CookieRemoveDetails): Promise<FailedCookie | null> {
  try {
    const removed = await browser.cookies.remove(details);
    // Both browsers resolve with null when nothing matched: that is a failure to report.
    return removed === null ? describe(details, 'the browser found no such cookie to remove') : null;
  } catch (error) {
    return describe(details, error);
  }
}

/** Writes one cookie; resolves to a failure description instead of throwing. */
export async function setCookie(details: CookieSetDetails): Promise<FailedCookie | null> {
  const { sameSite, ...rest } = details;
  const request = isFirefox && sameSite === 'unspecified' ? rest : details;
  try {
    const written = await browser.cookies.set(request);
    return written === null ? describe(details, 'the browser refused to store the cookie') : null;
  } catch (error) {
    return describe(details, error);
  }
}

export type CookieChange = { readonly removed: boolean; readonly cookie: CookieRecord; readonly cause: string };

/** Subscribes to every cookie change in every store; returns the unsubscribe function. */
export function onCookieChanged(listener: (change: CookieChange) => void): () => void {
  const wrapped = (info: Cookies.OnChangedChangeInfoType): void => {
    listener({ removed: info.removed, cookie: toRecord(info.cookie), cause: info.cause });
  };
  browser.cookies.onChanged.addListener(wrapped);
  return () => browser.cookies.onChanged.removeListener(wrapped);
}

/** The cookies of the site in `storeId`, as src/core/site.ts defines them (every variant, every path, partitioned). */
export async function readSiteCookies(site: SiteContext, storeId: string): Promise<CookieRecord[]> {
  return siteCookies(await cookiesAround(site.registrableDomain, site.topLevelSite, storeId), site, storeId);
}
