// The first half of interpreting what a page read of its tab (src/model/browser-reads.ts): which
// site the tab shows, with the Public Suffix List, and which of the cookies read are that site's.
// The cookies were read under a guessed registrable domain (the host's last two labels, before the
// list had loaded): when the guess was not the registrable domain (example.co.uk guesses co.uk, a
// superset and the wrong partition), the answer says so and the caller reads again.
import type { RawSiteRead, TabTarget } from '../model/browser-reads.ts';
import { cookieFromBrowser, type BrowserCookie, type CookieRecord } from '../model/cookie.ts';
import { scopedSiteCookies, siteCookies, siteFromUrl, type SiteContext, type SiteCookie } from './site.ts';

// Pages where the browser lets no extension act, though they are https: its own stores.
const BROWSER_STORE_HOSTS: ReadonlySet<string> = new Set(['chromewebstore.google.com', 'addons.mozilla.org']);
function isStorePage(site: SiteContext): boolean {
  return BROWSER_STORE_HOSTS.has(site.host) || (site.host === 'chrome.google.com' && site.url.includes('/webstore'));
}

/** Cookies a third-party frame on the page can see. */
export interface EmbeddedCookies {
  readonly host: string;
  readonly cookies: readonly CookieRecord[];
}

export type SiteScope =
  | { readonly kind: 'no-tab' }
  | { readonly kind: 'unsupported-page'; readonly tab: TabTarget }
  /** `site` is null when the browser hides the tab's address, as it does without access to it. */
  | { readonly kind: 'no-permission'; readonly tab: TabTarget; readonly site: SiteContext | null }
  | {
      readonly kind: 'site';
      readonly tab: TabTarget;
      readonly site: SiteContext;
      /** The site's cookies with their scope; null when the guess was wrong: read them again under the site's registrable domain and top-level site, and narrow them with scopedSiteCookiesFromBrowser. */
      readonly cookies: readonly SiteCookie[] | null;
      readonly embedded: readonly EmbeddedCookies[];
    };

/** Keeps exactly the site's cookies in the tab's store, converted from the browser's shape. */
export function siteCookiesFromBrowser(cookies: readonly BrowserCookie[], site: SiteContext, storeId: string): CookieRecord[] {
  return siteCookies(cookies.map(cookieFromBrowser), site, storeId);
}

/** The same, each cookie with how it belongs to the site: what a page's report is made from. */
export function scopedSiteCookiesFromBrowser(cookies: readonly BrowserCookie[], site: SiteContext, storeId: string): SiteCookie[] {
  return scopedSiteCookies(cookies.map(cookieFromBrowser), site, storeId);
}

/** The site a read is about and its cookies, or why there is none. */
export function scopeSiteRead(raw: RawSiteRead): SiteScope {
  const { target, web } = raw;
  if (target === null) return { kind: 'no-tab' };
  const tab = target;
  const parsed = siteFromUrl(target.url ?? '');
  if (!parsed.ok || isStorePage(parsed.site) || web === null) {
    // Without access to a site the browser hides a tab's address (there is no "tabs"
    // permission), so a website whose access the visitor withheld ("on click", "on specific
    // sites") looks like a browser page: say what is missing instead.
    if (target.url === undefined && raw.allSitesAccess === false) return { kind: 'no-permission', tab, site: null };
    return { kind: 'unsupported-page', tab };
  }
  const site = parsed.site;
  if (!web.hostAccess) return { kind: 'no-permission', tab, site };
  const guessedRight = site.registrableDomain === web.guessedDomain && site.topLevelSite === web.guessedTopLevelSite;
  const embedded: EmbeddedCookies[] = [];
  for (const frame of web.frames) {
    const frameSite = siteFromUrl(frame.url);
    if (!frameSite.ok || frameSite.site.registrableDomain === site.registrableDomain || embedded.some((e) => e.host === frameSite.site.host)) continue;
    embedded.push({ host: frameSite.site.host, cookies: frame.cookies.map(cookieFromBrowser) });
  }
  return {
    kind: 'site', tab, site,
    cookies: guessedRight ? scopedSiteCookiesFromBrowser(web.cookies, site, target.storeId) : null,
    embedded,
  };
}
