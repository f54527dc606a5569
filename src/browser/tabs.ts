// Which page, which cookie store: the facts about a tab that every action needs.
import { browser, isFirefox } from './api.ts';
import { listedStoreOf, storeListForTabs } from './site-read.ts';

export { tabTarget, type TabTarget } from './site-read.ts';

/**
 * Navigates the tab to `url` (when given) or reloads it, so the page drops identity it holds in
 * memory. `sameDocument` says the navigation changes only the fragment, which browsers do without
 * loading the page: it is then reloaded once the tab shows the new address.
 */
export async function reloadTab(tabId: number, url: string | null, sameDocument = false): Promise<boolean> {
  try {
    if (url === null) {
      await browser.tabs.reload(tabId, { bypassCache: false });
      return true;
    }
    await browser.tabs.update(tabId, { url });
    if (sameDocument) {
      for (let tries = 0; tries < 50 && (await browser.tabs.get(tabId)).url !== url; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await browser.tabs.reload(tabId, { bypassCache: false });
    }
    return true;
  } catch {
    return false;
  }
}


/** Every open tab showing a web page, with its address (the extension sees addresses where it has host access). */
export async function webTabs(): Promise<Array<{ readonly tabId: number; readonly url: string }>> {
  const tabs = await browser.tabs.query({});
  return tabs.flatMap((tab) => (tab.id !== undefined && tab.url !== undefined && /^https?:/.test(tab.url) ? [{ tabId: tab.id, url: tab.url }] : []));
}

/** Every open tab showing a web page, with its cookie store (Firefox names it on the tab; Chromium lists a store's tabs). */
export async function webTabsWithStores(): Promise<Array<{ readonly tabId: number; readonly url: string; readonly storeId: string }>> {
  const [tabs, stores] = await Promise.all([browser.tabs.query({}), storeListForTabs()]);
  return tabs.flatMap((tab) => {
    const tabId = tab.id;
    if (tabId === undefined || tab.url === undefined || !/^https?:/.test(tab.url)) return [];
    const storeId = listedStoreOf(tab, stores) ?? (tab.incognito ? '1' : '0');
    return [{ tabId, url: tab.url, storeId }];
  });
}

/**
 * The cookie stores whose cookies outlive the browser: the normal one and, in Firefox, each
 * container's (a private window's store is emptied when the browser quits).
 */
export async function lastingCookieStores(): Promise<string[]> {
  if (!isFirefox) return ['0'];
  const containers = await browser.contextualIdentities.query({}).catch(() => []);
  return ['firefox-default', ...containers.map((identity) => identity.cookieStoreId)];
}

/**
 * Calls `listener` whenever no private window can be open any more: at browser start, and when a
 * window closes and none of the remaining ones is private (the browser has then emptied the
 * private windows' cookie store).
 */
export function onPrivateSessionsOver(listener: () => void): void {
  browser.runtime.onStartup.addListener(listener);
  browser.windows.onRemoved.addListener(() => {
    browser.windows.getAll().then((windows) => {
      if (!windows.some((open) => open.incognito)) listener();
    }, () => undefined);
  });
}
