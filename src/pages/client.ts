// The PageClient of the popup, the side panel and the options page, composed from the browser's
// raw calls (a PageAdapter, src/browser/page-adapter.ts) and the pure code that interprets them:
// the site and its cookies (src/core/site-reads.ts), the settings (src/storage/site-settings.ts).
// Reads go straight to the browser (no wake-up of the background); writes go to the background.
import type { ActivityPatterns, PageAdapter, PageClient, SiteSnapshot } from '../protocol/client.ts';
import type { RawSiteRead } from '../model/browser-reads.ts';
import { cookieChangeFromBrowser } from '../model/cookie.ts';
import { guessRegistrableDomain } from '../core/site-guess.ts';
import { scopeSiteRead, scopedSiteCookiesFromBrowser } from '../core/site-reads.ts';
import { settingsFromRead, siteSettingsFromRead } from '../storage/site-settings.ts';
import { readViewPrefs } from '../storage/view-prefs.ts';
import { cleanUpSettings } from '../storage/cleanup-session.ts';
import { siteCleanUp, type CleanUpSettings } from '../core/cleanup.ts';

/**
 * The second step of a page's read (see src/browser/site-read.ts): the reads interpreted with the
 * Public Suffix List. When the cookies were read under a guess that was not the registrable domain,
 * they are read again.
 */
export async function finishSiteRead(adapter: Pick<PageAdapter, 'readCookiesAround'>, raw: RawSiteRead): Promise<SiteSnapshot> {
  const scope = scopeSiteRead(raw);
  if (scope.kind !== 'site') return scope;
  const { tab, site } = scope;
  const cookies = scope.cookies ?? scopedSiteCookiesFromBrowser(await adapter.readCookiesAround(site.registrableDomain, site.topLevelSite, tab.storeId), site, tab.storeId);
  return { ...scope, cookies, ...siteSettingsFromRead(raw, site.registrableDomain, tab.storeId) };
}

/**
 * `firstRead` is the popup's read started by its first script (popup/boot.ts) for the tab the
 * adapter names; the first `load` finishes it. With `followActiveTab` (the side panel) every load
 * reads the active tab of the page's window and `watch` also calls back when that tab changes; with
 * `activity` too, the client can watch that tab's activity on those URLs (`watchActivity`). The
 * side panel hands the patterns in, so the popup does not carry them.
 */
export function createPageClient(adapter: PageAdapter, options: { readonly firstRead?: Promise<RawSiteRead>; readonly followActiveTab?: boolean; readonly activity?: ActivityPatterns } = {}): PageClient {
  const following = options.followActiveTab === true;
  const activity = options.activity;
  let tabId: number | null = adapter.targetTabId;
  let pendingRead = options.firstRead;
  // The site last loaded: cookie changes elsewhere do not concern this page.
  let watchedDomain: string | null = null;
  const concernsSite = (domain: string, topLevelSite: string | undefined): boolean => {
    if (watchedDomain === null) return true;
    const host = domain.startsWith('.') ? domain.slice(1) : domain;
    return host === watchedDomain || host.endsWith(`.${watchedDomain}`) || (topLevelSite?.endsWith(`//${watchedDomain}`) ?? false);
  };

  const loadCleanUp = async (): Promise<CleanUpSettings> => {
    const { root, policy, notices } = await adapter.readCleanUp();
    return cleanUpSettings(root, policy, notices);
  };

  const client: PageClient = {
    targetTabId: adapter.targetTabId,
    async load(): Promise<SiteSnapshot> {
      if (following) {
        tabId = await adapter.followedTabId(tabId);
        // A panel with nothing to follow yet (opened as a tab of its own) shows no tab, not itself.
        if (tabId === null) return { kind: 'no-tab' };
      }
      const raw = pendingRead ?? adapter.readSite(tabId, guessRegistrableDomain);
      pendingRead = undefined;
      const snapshot = await finishSiteRead(adapter, await raw);
      if (following) watchedDomain = null;
      if (snapshot.kind !== 'no-tab') {
        // The toolbar popup stays on the tab it opened for, whatever becomes active later.
        tabId = snapshot.tab.tabId;
        if (snapshot.kind === 'site') watchedDomain = snapshot.site.registrableDomain;
      }
      return snapshot;
    },
    watch(onChange) {
      let queued = false;
      const notify = (): void => {
        if (queued) return;
        queued = true;
        // Coalesce bursts (a tracker writing several cookies at once) into one reload.
        setTimeout(() => {
          queued = false;
          onChange();
        }, 50);
      };
      const stopCookies = adapter.onCookieChanged(({ cookie }) => {
        if (concernsSite(cookie.domain, cookie.partitionKey?.topLevelSite)) notify();
      });
      const stopSettings = adapter.onSettingsChanged(notify);
      const stopFollowing = following ? adapter.onFollowedTabChange(() => tabId, notify) : () => undefined;
      return () => {
        stopCookies();
        stopSettings();
        stopFollowing();
      };
    },
    send: (type, payload) => adapter.send(type, payload),
    async loadSettings() {
      const { root, policy } = await adapter.readSettings();
      return settingsFromRead(root, policy);
    },
    loadCleanUp,
    async loadSiteCleanUp(site, storeId) {
      return siteCleanUp(await loadCleanUp(), site, storeId, adapter.now());
    },
    async loadViewPrefs() {
      return readViewPrefs(await adapter.readViewPrefs()).prefs;
    },
    download: (filename, mime, text) => adapter.download(filename, mime, text),
    copyText: (text) => adapter.copyText(text),
    requestHostAccess: () => adapter.requestHostAccess(),
    openOptions: () => adapter.openOptions(),
    now: () => adapter.now(),
    ...(following && activity !== undefined
      ? {
          watchActivity: (watchedTab: number, listener) =>
            adapter.watchActivity(watchedTab, activity, {
              cookie: (change, at) => listener.cookie(cookieChangeFromBrowser(change), at),
              request: (url, at) => listener.request(url, at),
              blocked: (url, at) => listener.blocked(url, at),
            }),
        }
      : {}),
  };
  return client;
}
