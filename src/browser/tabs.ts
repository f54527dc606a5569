// Which page, which cookie store: the facts about a tab that every action needs.
import { browser, isFirefox, type Cookies, type Tabs } from './api.ts';

export interface TabTarget {
  readonly tabId: number;
  /** Undefined when the browser hides it (its own pages, the web store) or the tab has none. */
  readonly url: string | undefined;
  readonly storeId: string;
  readonly incognito: boolean;
  /** Firefox container name, when the tab is in one. */
  readonly containerName?: string;
}

/** Resolves a tab into its URL and cookie store; null when the tab no longer exists. */
export async function tabTarget(tabId: number): Promise<TabTarget | null> {
  // Chromium names a tab's store only in the store list: ask for both at once, one round trip.
  const [tab, stores] = await Promise.all([
    browser.tabs.get(tabId).catch(() => null),
    isFirefox ? Promise.resolve(null) : browser.cookies.getAllCookieStores().catch(() => null),
  ]);
  return tab === null ? null : targetOf(tab, stores);
}

/** The tab the toolbar popup belongs to (the active tab of the last focused window), resolved in one go. */
export async function activeTabTarget(): Promise<TabTarget | null> {
  const [[tab], stores] = await Promise.all([
    browser.tabs.query({ active: true, lastFocusedWindow: true }),
    isFirefox ? Promise.resolve(null) : browser.cookies.getAllCookieStores().catch(() => null),
  ]);
  return tab === undefined ? null : targetOf(tab, stores);
}

async function targetOf(tab: Tabs.Tab, stores: Cookies.CookieStore[] | null): Promise<TabTarget | null> {
  if (tab.id === undefined) return null;
  const tabId = tab.id;
  const storeId = tab.cookieStoreId ?? stores?.find((store) => store.tabIds.includes(tabId))?.id ?? (await storeIdOf(tabId, undefined, tab.incognito));
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

/** Navigates the tab to `url` (when given) or reloads it, so the page drops identity it holds in memory. */
export async function reloadTab(tabId: number, url: string | null): Promise<boolean> {
  try {
    if (url === null) await browser.tabs.reload(tabId, { bypassCache: false });
    else await browser.tabs.update(tabId, { url });
    return true;
  } catch {
    return false;
  }
}

/** URLs of the tab's frames, for the cookies of embedded third parties. */
export async function frameUrls(tabId: number): Promise<string[]> {
  const frames = await browser.webNavigation.getAllFrames({ tabId }).catch(() => null);
  return (frames ?? []).filter((frame) => frame.frameId !== 0).map((frame) => frame.url);
}
