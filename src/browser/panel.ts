// What the side panel (Chrome side_panel, Firefox sidebar_action) needs from the browser: which
// tab it follows, when that changes, and what trackers do in that tab while the panel watches.
// No domain logic: the page says which requests to watch and explains what it is told with
// src/explain/activity.ts.
import type { ActivityPatterns, RawActivityListener } from '../protocol/client.ts';
import { browser, type WebRequest } from './api.ts';
import { onCookieChanged } from './cookies.ts';
import { stoppedByBlocking } from './stopped-requests.ts';

/**
 * The tab the panel follows: the active tab of the panel's own window. The panel page opened as a
 * tab (the end-to-end tests do that) never follows itself: it keeps the tab it showed last.
 */
export async function followedTabId(lastShown: number | null): Promise<number | null> {
  const [own, window] = await Promise.all([browser.tabs.getCurrent().catch(() => undefined), browser.windows.getCurrent().catch(() => undefined)]);
  const [active] = await browser.tabs.query(window?.id === undefined ? { active: true, lastFocusedWindow: true } : { active: true, windowId: window.id });
  if (active?.id === undefined || active.id === own?.id) return lastShown;
  return active.id;
}

/**
 * Calls back when the panel may have to show another tab or page: a tab of its window became
 * active, or the shown tab moved to another address. The panel belongs to one window, so another
 * window getting the focus changes nothing it shows.
 */
export function onFollowedTabChange(shownTabId: () => number | null, listener: () => void): () => void {
  let windowId: number | undefined;
  void browser.windows.getCurrent().then((w) => { windowId = w.id; }, () => undefined);
  const activated = (info: { tabId: number; windowId: number }): void => {
    if (windowId === undefined || info.windowId === windowId) listener();
  };
  const updated = (tabId: number, change: { url?: string; status?: string }): void => {
    if (tabId === shownTabId() && (change.url !== undefined || change.status === 'complete')) listener();
  };
  browser.tabs.onActivated.addListener(activated);
  browser.tabs.onUpdated.addListener(updated);
  return () => {
    browser.tabs.onActivated.removeListener(activated);
    browser.tabs.onUpdated.removeListener(updated);
  };
}


/**
 * Observes, while the panel is open, every cookie change, the requests of one tab to URLs matching
 * `patterns.requests` (the trackers' collection hosts) and those to `patterns.blocked` (their
 * script and collection hosts and self-hosted paths) that a blocking rule stopped.
 * The page itself listens (no relay through the background): what is watched starts and stops
 * with the panel, and nothing is recorded while it is closed.
 */
export function watchTabActivity(tabId: number, patterns: ActivityPatterns, listener: RawActivityListener): () => void {
  const stopCookies = onCookieChanged((change) => listener.cookie(change, Date.now()));
  const sent = (details: WebRequest.OnBeforeRequestDetailsType): undefined => {
    listener.request(details.url, details.timeStamp);
    return undefined;
  };
  const failed = (details: WebRequest.OnErrorOccurredDetailsType): void => {
    if (stoppedByBlocking(details.error)) listener.blocked(details.url, details.timeStamp);
  };
  browser.webRequest.onBeforeRequest.addListener(sent, { urls: [...patterns.requests], tabId });
  browser.webRequest.onErrorOccurred.addListener(failed, { urls: [...patterns.blocked], tabId });
  return () => {
    stopCookies();
    browser.webRequest.onBeforeRequest.removeListener(sent);
    browser.webRequest.onErrorOccurred.removeListener(failed);
  };
}
