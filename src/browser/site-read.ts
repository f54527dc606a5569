// What the popup reads about a tab's site, in two steps, so that the reads start in the popup's
// first script, a few kilobytes that run as soon as the popup opens (popup/boot.ts), while the
// big modules (Preact, the decoders, the Public Suffix List) still load:
//  1. startSiteRead (here): resolves the tab and starts every read, through the browser's own
//     API (native.ts, no polyfill) and without the Public Suffix List. The cookies are read under
//     a guessed registrable domain, the host's last two labels: right for most sites, and for the
//     rest (example.co.uk, foo.github.io) a superset, since every registrable domain ends with it.
//  2. the page's client (src/pages/client.ts) interprets the reads with pure code: the Public
//     Suffix List keeps the site's own cookies (src/core/site-reads.ts) and it reads again only
//     what the guess got wrong; the settings are migrated there too (src/storage/site-settings.ts).
// The guess itself is pure code, handed in by the caller. What the rest of the adapter shares with
// these reads (a tab's target and store, the cookie reads, the storage reads) lives here for the
// same reason, re-exported where the background expects it (tabs.ts, storage.ts) or imported
// directly (cookies.ts, page-adapter.ts). Everything is handed over raw.
import type { Cookies, Tabs } from 'webextension-polyfill';
import type { BrowserCookie } from '../model/cookie.ts';
import type { RawSiteRead, TabTarget } from '../model/browser-reads.ts';
import { isFirefox, nativeBrowser as browser } from './native.ts';
import { EVIDENCE_KEY, POLICY_KEY, STORE_KEY } from './storage-keys.ts';

export function withFirefoxKeys<T extends object>(details: T): T {
  return isFirefox ? { ...details, firstPartyDomain: null } : details;
}


export type { TabTarget };

/**
 * The cookie store list, where a tab's store has to be looked up in it (Chromium names a tab's
 * store only there; Firefox names it on the tab, so null there). Asked alongside the tab query,
 * one round trip.
 */
export function storeListForTabs(): Promise<Cookies.CookieStore[] | null> {
  return isFirefox ? Promise.resolve(null) : browser.cookies.getAllCookieStores().catch(() => null);
}

/** A tab's cookie store as the tab or the store list names it; undefined when neither does (yet). */
export function listedStoreOf(tab: Tabs.Tab, stores: Cookies.CookieStore[] | null): string | undefined {
  const tabId = tab.id;
  if (tab.cookieStoreId !== undefined) return tab.cookieStoreId;
  return tabId === undefined ? undefined : stores?.find((store) => store.tabIds.includes(tabId))?.id;
}

/** Resolves a tab into its URL and cookie store; null when the tab no longer exists. */
export async function tabTarget(tabId: number): Promise<TabTarget | null> {
  const [tab, stores] = await Promise.all([browser.tabs.get(tabId).catch(() => null), storeListForTabs()]);
  return tab === null ? null : targetOf(tab, stores);
}

/** The tab the toolbar popup belongs to (the active tab of the last focused window), resolved in one go. */
export async function activeTabTarget(): Promise<TabTarget | null> {
  const [[tab], stores] = await Promise.all([browser.tabs.query({ active: true, lastFocusedWindow: true }), storeListForTabs()]);
  return tab === undefined ? null : targetOf(tab, stores);
}

async function targetOf(tab: Tabs.Tab, stores: Cookies.CookieStore[] | null): Promise<TabTarget | null> {
  if (tab.id === undefined) return null;
  const tabId = tab.id;
  const storeId = listedStoreOf(tab, stores) ?? (await storeIdOf(tabId, undefined, tab.incognito));
  const containerName = isFirefox && storeId.startsWith('firefox-container-') ? await containerNameOf(storeId) : undefined;
  return {
    tabId,
    url: tab.url,
    storeId,
    incognito: tab.incognito,
    ...(containerName === undefined ? {} : { containerName }),
  };
}

async function storeIdOf(tabId: number, cookieStoreId: string | undefined, incognito: boolean): Promise<string> {
  // Firefox names the store on the tab; Chromium only lists which tabs each store serves.
  if (cookieStoreId !== undefined) return cookieStoreId;
  const stores = await browser.cookies.getAllCookieStores();
  const owner = stores.find((store) => store.tabIds.includes(tabId));
  if (owner !== undefined) return owner.id;
  return incognito ? '1' : '0';
}

async function containerNameOf(storeId: string): Promise<string | undefined> {
  try {
    const identity = await browser.contextualIdentities.get(storeId);
    return identity.name;
  } catch {
    // Containers switched off, or an identity made without a name (e.g. by WebDriver): not fatal.
    return undefined;
  }
}

/** URLs of the tab's frames, for the cookies of embedded third parties. */
export async function frameUrls(tabId: number): Promise<string[]> {
  const frames = await browser.webNavigation.getAllFrames({ tabId }).catch(() => null);
  return (frames ?? []).filter((frame) => frame.frameId !== 0).map((frame) => frame.url);
}

/**
 * Every cookie that could belong to a site whose registrable domain is `registrableDomain`:
 * unpartitioned cookies on the domain and all its subdomains (every path), plus every cookie
 * partitioned under `topLevelSite` (set by the site itself or by frames embedded in it).
 * The caller narrows the result to the tab's host with the pure core (src/core/site.ts).
 */
export async function cookiesAround(registrableDomain: string, topLevelSite: string, storeId: string): Promise<BrowserCookie[]> {
  const [unpartitioned, partitioned] = await Promise.all([
    browser.cookies.getAll(withFirefoxKeys({ domain: registrableDomain, storeId })),
    browser.cookies.getAll(withFirefoxKeys({ storeId, partitionKey: { topLevelSite } })).catch(() => []),
  ]);
  const cookies: BrowserCookie[] = [...unpartitioned];
  for (const cookie of partitioned) if (cookie.partitionKey?.topLevelSite) cookies.push(cookie);
  return cookies;
}

/** Unpartitioned cookies a frame at `url` can see, for the "set by embedded sites" list. */
export async function cookiesForUrl(url: string, storeId: string): Promise<BrowserCookie[]> {
  return browser.cookies.getAll(withFirefoxKeys({ url, storeId }));
}


/** The tab a page is for: `?tabId=N` when the popup is opened as a page (tests), else null (the active tab). */
export function tabIdFromSearch(search: string): number | null {
  const param = new URLSearchParams(search).get('tabId');
  return param !== null && /^\d+$/.test(param) ? Number(param) : null;
}


/**
 * The raw stored settings root, unvalidated (callers pass it through src/storage/migrate.ts). A
 * failed read rejects, so it is never taken for "no settings".
 */
export async function readRoot(): Promise<unknown> {
  return (await browser.storage.local.get(STORE_KEY))[STORE_KEY];
}

/** The holding counts (src/storage/evidence.ts); missing when they cannot be read. */
async function readEvidenceRaw(): Promise<unknown> {
  try {
    return (await browser.storage.local.get(EVIDENCE_KEY))[EVIDENCE_KEY];
  } catch {
    return undefined;
  }
}

/** A short-lived fact the background shares in storage.session; missing when that cannot be read. */
async function readSession(key: string): Promise<unknown> {
  try {
    return (await browser.storage.session.get(key))[key];
  } catch {
    return undefined;
  }
}

/**
 * Managed (policy) settings; undefined when none are set or the browser has no managed storage.
 * The first read of a browser session can take seconds in Chromium (it loads its policies).
 */
export async function readManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    return undefined;
  }
}

/**
 * The managed policy without waiting on Chromium's slow first read of a session: the background
 * shares the parsed policy in storage.session; only when it has not yet, ask storage.managed.
 */
export async function readPolicy(): Promise<unknown> {
  const shared = await readSession(POLICY_KEY);
  if (shared !== undefined) return shared;
  // Not shared yet (the browser has just started): wait briefly, then go on without it. The
  // background shares it as soon as it has it, and the pages reload on that storage change.
  const slow = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50));
  return Promise.race([readManaged(), slow]);
}

/** The first web frame URL of each host other than the page's own (frames of one host see the same cookies). */
function onePerHost(urls: readonly string[], pageHost: string): string[] {
  const byHost = new Map<string, string>();
  for (const url of urls) {
    try {
      const { protocol, hostname } = new URL(url);
      if ((protocol === 'http:' || protocol === 'https:') && hostname !== pageHost && !byHost.has(hostname)) byHost.set(hostname, url);
    } catch {
      // about:blank, srcdoc and the like have no cookies of their own.
    }
  }
  return [...byHost.values()];
}

async function webRead(target: TabTarget, url: string, guessRegistrableDomain: (host: string) => string): Promise<RawSiteRead['web']> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return null;
  const host = parsed.hostname.toLowerCase();
  const guessedDomain = guessRegistrableDomain(host);
  const guessedTopLevelSite = `${scheme}://${guessedDomain}`;
  const [cookies, hostAccess, frames] = await Promise.all([
    cookiesAround(guessedDomain, guessedTopLevelSite, target.storeId),
    browser.permissions.contains({ origins: [`${scheme}://${host}/*`] }).catch(() => false),
    frameUrls(target.tabId)
      .then((urls) => Promise.all(onePerHost(urls, host).map(async (frameUrl) => ({ url: frameUrl, cookies: await cookiesForUrl(frameUrl, target.storeId).catch(() => []) }))))
      .catch(() => []),
  ]);
  return { guessedDomain, guessedTopLevelSite, cookies, hostAccess, frames };
}

/**
 * Starts every read a page needs for the tab `tabId` (the active tab when null), with the cookies
 * read under `guessRegistrableDomain(host)` (src/core/site-guess.ts).
 */
export async function startSiteRead(tabId: number | null, guessRegistrableDomain: (host: string) => string): Promise<RawSiteRead> {
  // Settings do not depend on the tab: read them alongside.
  const settings = Promise.all([readRoot(), readEvidenceRaw(), readPolicy()]);
  // Awaited below; this only keeps a failure that lands while the tab is looked up from being
  // reported as unhandled in the meantime.
  settings.catch(() => undefined);
  const target = tabId === null ? await activeTabTarget() : await tabTarget(tabId);
  const url = target?.url;
  const [web, allSitesAccess, [root, evidence, policy]] = await Promise.all([
    target === null || url === undefined ? null : webRead(target, url, guessRegistrableDomain),
    target !== null && url === undefined ? browser.permissions.contains({ origins: ['<all_urls>'] }).catch(() => false) : null,
    settings,
  ]);
  return { target, web, allSitesAccess, root, evidence, policy };
}
