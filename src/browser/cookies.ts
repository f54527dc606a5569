// Reading and writing cookies for one site in one cookie store, in both browsers.
// Per-browser differences handled here and nowhere else:
// - partitioned (CHIPS / Firefox dFPI) cookies are only returned when a partitionKey is given;
// - Firefox first-party isolation requires `firstPartyDomain` on every call (null = any);
//   Chromium rejects the key, so it is only sent to Firefox;
// - `sameSite: 'unspecified'` cannot be written back by Firefox: left out there.
// Cookies are handed over as the browser reports them (src/model/cookie.ts converts them).
import type { BrowserCookieChange } from '../model/cookie.ts';
import type { CookieRemoveDetails, CookieSetDetails } from '../core/cookie-details.ts';
import type { FailedCookie } from '../protocol/messages.ts';
import { browser, isFirefox, type Cookies } from './api.ts';

export { cookiesAround } from './site-read.ts';

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

/** Subscribes to every cookie change in every store; returns the unsubscribe function. */
export function onCookieChanged(listener: (change: BrowserCookieChange) => void): () => void {
  const wrapped = (info: Cookies.OnChangedChangeInfoType): void => {
    listener({ removed: info.removed, cookie: info.cookie, cause: info.cause });
  };
  browser.cookies.onChanged.addListener(wrapped);
  return () => browser.cookies.onChanged.removeListener(wrapped);
}

/** The ids of the cookie stores the browser has now (normal windows, private windows, containers). */
export async function cookieStoreIds(): Promise<string[]> {
  const stores = await browser.cookies.getAllCookieStores();
  return stores.map((store) => store.id);
}
