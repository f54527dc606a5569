// Which page, which cookie store: the facts about a tab that every action needs.
import { browser, isFirefox } from './api.ts';

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
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (tab === null || tab.id === undefined) return null;
  const storeId = await storeIdOf(tab.id, tab.cookieStoreId, tab.incognito);
  const containerName = isFirefox && storeId.startsWith('firefox-container-') ? await containerNameOf(storeId) : undefined;
  return {
    tabId: tab.id,
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

/** The tab the toolbar popup belongs to: the active tab of the last focused window. */
export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
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
