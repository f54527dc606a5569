// The browser calls the extension pages make, raw: reads handed over as the browser gives them
// (src/pages/client.ts interprets them with the pure core), writes sent to the background, the
// single writer.
import type { PageAdapter } from '../protocol/client.ts';
import { browser } from './api.ts';
import { cookiesAround, readPolicy, readRoot, startSiteRead, tabIdFromSearch } from './site-read.ts';
import { onCookieChanged } from './cookies.ts';
import { sendRequest } from './messaging.ts';
import { CLEAN_UP_NOTICES_KEY, CLEAN_UP_TABS_KEY, readLocal, readSession, VIEW_KEY } from './storage.ts';
import { followedTabId, onFollowedTabChange, watchTabActivity } from './panel.ts';

/** The adapter of a page whose address has `search` (`?tabId=N` names the tab it is about). */
export function createPageAdapter(search: string): PageAdapter {
  return {
    targetTabId: tabIdFromSearch(search),
    readSite: startSiteRead,
    readCookiesAround: cookiesAround,
    async readSettings() {
      const [root, policy] = await Promise.all([readRoot(), readPolicy()]);
      return { root, policy };
    },
    readViewPrefs: () => readLocal(VIEW_KEY),
    async readCleanUp() {
      const [root, policy, notices] = await Promise.all([readRoot(), readPolicy(), readSession(CLEAN_UP_NOTICES_KEY).catch(() => undefined)]);
      return { root, policy, notices };
    },
    followedTabId,
    onCookieChanged,
    onSettingsChanged(listener) {
      // A layout preference, or the background's record of which tabs show a site it cleans up on
      // close, changes nothing the page shows from the site: no reload for them.
      const onStorage = (changes: Record<string, unknown>): void => {
        if (Object.keys(changes).some((key) => key !== VIEW_KEY && key !== CLEAN_UP_TABS_KEY)) listener();
      };
      browser.storage.onChanged.addListener(onStorage);
      return () => browser.storage.onChanged.removeListener(onStorage);
    },
    onFollowedTabChange,
    watchActivity: watchTabActivity,
    send: sendRequest,
    download(filename, mime, text) {
      const url = URL.createObjectURL(new Blob([text], { type: mime }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
    async copyText(text) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },
    requestHostAccess() {
      // Called straight from the click handler: browsers only show the prompt for a user gesture.
      return browser.permissions.request({ origins: ['<all_urls>'] }).catch(() => false);
    },
    openOptions() {
      void browser.runtime.openOptionsPage();
    },
    now: () => Date.now(),
  };
}
