// The background's cookie reads: the adapter's raw reads (src/browser/cookies.ts) converted and
// narrowed to the site with the pure core.
import { cookieChangeFromBrowser, type CookieRecord } from '../model/cookie.ts';
import type { SiteContext } from '../core/site.ts';
import { siteCookiesFromBrowser } from '../core/site-reads.ts';
import { cookiesAround, onCookieChanged as onBrowserCookieChanged } from '../browser/cookies.ts';

export type CookieChange = { readonly removed: boolean; readonly cookie: CookieRecord; readonly cause: string };

/** Subscribes to every cookie change in every store; returns the unsubscribe function. */
export function onCookieChanged(listener: (change: CookieChange) => void): () => void {
  return onBrowserCookieChanged((change) => listener(cookieChangeFromBrowser(change)));
}

/** The cookies of the site in `storeId`, as src/core/site.ts defines them (every variant, every path, partitioned). */
export async function readSiteCookies(site: SiteContext, storeId: string): Promise<CookieRecord[]> {
  return siteCookiesFromBrowser(await cookiesAround(site.registrableDomain, site.topLevelSite, storeId), site, storeId);
}
