// The PageClient the extension pages use: reads cookies and settings directly (fast, no wake-up
// of the background), and sends every write to the background, the single writer.
import type { PageClient, SiteSnapshot, SettingsSnapshot, EmbeddedSite, TabInfo } from '../protocol/client.ts';
import { siteCookies, siteFromUrl, type SiteContext } from '../core/site.ts';
import { holdingView } from '../core/verification.ts';
import { evidenceOrNone } from '../storage/evidence.ts';
import { undoKey } from '../core/plans.ts';
import { migrate } from '../storage/migrate.ts';
import { effectiveRules, parseManagedPolicy } from '../core/managed.ts';
import { browser } from './api.ts';
import { cookiesAround, readPolicy, readRoot, startSiteRead, tabIdFromSearch, type RawSiteRead } from './site-read.ts';
import { sendRequest } from './messaging.ts';
import { readViewPrefs } from '../storage/view-prefs.ts';
import { CLEAN_UP_NOTICES_KEY, CLEAN_UP_TABS_KEY, readLocal, readSession, VIEW_KEY } from './storage.ts';
import { cleanUpSettings } from '../storage/cleanup-session.ts';
import { followedTabId, onFollowedTabChange, watchTabActivity } from './panel.ts';

// Pages where the browser lets no extension act, though they are https: its own stores.
const BROWSER_STORE_HOSTS: ReadonlySet<string> = new Set(['chromewebstore.google.com', 'addons.mozilla.org']);
function isStorePage(site: SiteContext): boolean {
  return BROWSER_STORE_HOSTS.has(site.host) || (site.host === 'chrome.google.com' && site.url.includes('/webstore'));
}

type SiteSettings = Pick<Extract<SiteSnapshot, { kind: 'site' }>, 'rule' | 'undo' | 'stripLinks' | 'verification' | 'settingsProblem' | 'resetLocked'>;

function settingsOf(raw: RawSiteRead, site: string, storeId: string): SiteSettings {
  const policy = parseManagedPolicy(raw.policy).policy;
  const migrated = migrate(raw.root);
  const rules = effectiveRules(migrated.ok ? migrated.store.rules : {}, policy);
  const rule = rules[site];
  return {
    rule: rule ?? null,
    undo: migrated.ok ? (migrated.store.undo[undoKey(site, storeId)] ?? null) : null,
    stripLinks: migrated.ok && Object.hasOwn(migrated.store.stripLinks, site),
    verification: rule === undefined ? null : holdingView(evidenceOrNone(raw.evidence), site, storeId, rule.since),
    resetLocked: policy.lockResetScope,
    settingsProblem: migrated.ok ? null : migrated.problem,
  };
}

/**
 * The second step of a popup's read (see site-read.ts): the reads interpreted with the Public
 * Suffix List. The cookies read under the guessed domain are narrowed to the site's; when the
 * guess was not the registrable domain (a superset, and the wrong partition), they are read again.
 */
async function finishSiteRead(raw: RawSiteRead): Promise<SiteSnapshot> {
  const { target, web } = raw;
  if (target === null) return { kind: 'no-tab' };
  const tab: TabInfo = target;
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
  const read = site.registrableDomain === web.guessedDomain && site.topLevelSite === web.guessedTopLevelSite
    ? web.cookies
    : await cookiesAround(site.registrableDomain, site.topLevelSite, target.storeId);
  const embedded: EmbeddedSite[] = [];
  for (const frame of web.frames) {
    const frameSite = siteFromUrl(frame.url);
    if (!frameSite.ok || frameSite.site.registrableDomain === site.registrableDomain || embedded.some((e) => e.host === frameSite.site.host)) continue;
    embedded.push({ host: frameSite.site.host, cookies: frame.cookies });
  }
  return {
    kind: 'site', tab, site,
    cookies: siteCookies(read, site, target.storeId),
    embedded,
    ...settingsOf(raw, site.registrableDomain, target.storeId),
  };
}

/**
 * The client of the popup, the side panel and the options page. `firstRead` is the popup's read
 * started by its first script (popup/boot.ts) for the tab in `search`; the first `load` finishes
 * it. With `followActiveTab` (the side panel) every load reads the active tab of the page's window
 * and `watch` also calls back when that tab changes.
 */
export function createBrowserClient(search: string, firstRead?: Promise<RawSiteRead>, options: { readonly followActiveTab?: boolean } = {}): PageClient {
  const following = options.followActiveTab === true;
  const targetTabId = tabIdFromSearch(search);
  let tabId: number | null = targetTabId;
  let pendingRead = firstRead;
  // The site last loaded: cookie changes elsewhere do not concern this page.
  let watchedDomain: string | null = null;
  const concernsSite = (domain: string, topLevelSite: string | undefined): boolean => {
    if (watchedDomain === null) return true;
    const host = domain.startsWith('.') ? domain.slice(1) : domain;
    return host === watchedDomain || host.endsWith(`.${watchedDomain}`) || (topLevelSite?.endsWith(`//${watchedDomain}`) ?? false);
  };

  const client: PageClient = {
    targetTabId,
    async load(): Promise<SiteSnapshot> {
      if (following) {
        tabId = await followedTabId(tabId);
        // A panel with nothing to follow yet (opened as a tab of its own) shows no tab, not itself.
        if (tabId === null) return { kind: 'no-tab' };
      }
      const raw = pendingRead ?? startSiteRead(tabId);
      pendingRead = undefined;
      const snapshot = await finishSiteRead(await raw);
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
      const onCookie = (info: { cookie: { domain: string; partitionKey?: { topLevelSite?: string } } }): void => {
        if (concernsSite(info.cookie.domain, info.cookie.partitionKey?.topLevelSite)) notify();
      };
      // A layout preference, or the background's record of which tabs show a site it cleans up on
      // close, changes nothing the page shows from the site: no reload for them.
      const onStorage = (changes: Record<string, unknown>): void => {
        if (Object.keys(changes).some((key) => key !== VIEW_KEY && key !== CLEAN_UP_TABS_KEY)) notify();
      };
      browser.cookies.onChanged.addListener(onCookie);
      browser.storage.onChanged.addListener(onStorage);
      const stopFollowing = following ? onFollowedTabChange(() => tabId, notify) : () => undefined;
      return () => {
        browser.cookies.onChanged.removeListener(onCookie);
        browser.storage.onChanged.removeListener(onStorage);
        stopFollowing();
      };
    },
    send: sendRequest,
    async loadSettings(): Promise<SettingsSnapshot> {
      const [root, rawPolicy] = await Promise.all([readRoot(), readPolicy()]);
      const migrated = migrate(root);
      const rules = Object.values(effectiveRules(migrated.ok ? migrated.store.rules : {}, parseManagedPolicy(rawPolicy).policy));
      return migrated.ok ? { store: migrated.store, rules, problem: null } : { store: null, rules, problem: migrated.problem };
    },
    async loadCleanUp() {
      const [root, rawPolicy, notices] = await Promise.all([readRoot(), readPolicy(), readSession(CLEAN_UP_NOTICES_KEY).catch(() => undefined)]);
      return cleanUpSettings(root, rawPolicy, notices);
    },
    async loadViewPrefs() {
      return readViewPrefs(await readLocal(VIEW_KEY)).prefs;
    },
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
    ...(following ? { watchActivity: watchTabActivity } : {}),
  };
  return client;
}
