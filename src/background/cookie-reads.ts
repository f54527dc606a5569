// The background's cookie reads: the adapter's raw reads (src/browser/cookies.ts) converted and
// narrowed to the site with the pure core.
import { cookieChangeFromBrowser, cookieFromBrowser, type CookieRecord } from '../model/cookie.ts';
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

/**
 * Every cookie that could belong to pages of one site (the unpartitioned ones of its registrable
 * domain, and those partitioned under it), read once per top-level site among the pages (they
 * differ only in scheme); narrow them to a page with siteCookies (src/core/site.ts).
 */
export async function readCookiesAroundPages(pages: readonly SiteContext[], storeId: string): Promise<CookieRecord[]> {
  const byTopLevelSite = new Map(pages.map((page) => [page.topLevelSite, page.registrableDomain] as const));
  const read = await Promise.all([...byTopLevelSite].map(([topLevelSite, domain]) => cookiesAround(domain, topLevelSite, storeId)));
  return read.flat().map(cookieFromBrowser);
}
