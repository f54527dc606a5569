// The PopupClient the extension pages use: reads cookies and settings directly (fast, no wake-up
// of the background), and sends every write to the background, the single writer.
import type { PopupClient, SiteSnapshot, SettingsSnapshot, EmbeddedSite, TabInfo } from '../protocol/client.ts';
import { siteFromUrl, type SiteContext } from '../core/site.ts';
import { parseVerificationMap, verificationKey } from '../core/verification.ts';
import { undoKey } from '../core/plans.ts';
import { migrate } from '../storage/migrate.ts';
import { effectiveRules, parseManagedPolicy, type ManagedPolicy } from '../core/managed.ts';
import { browser } from './api.ts';
import { cookiesForUrl, readSiteCookies } from './cookies.ts';
import { activeTabTarget, frameUrls, tabTarget } from './tabs.ts';
import { POLICY_KEY, VERIFY_KEY, readManaged, readRoot, readSession } from './storage.ts';
import { sendRequest } from './messaging.ts';

// Pages where the browser lets no extension act, though they are https: its own stores.
const BROWSER_STORE_HOSTS: ReadonlySet<string> = new Set(['chromewebstore.google.com', 'addons.mozilla.org']);
function isStorePage(site: SiteContext): boolean {
  return BROWSER_STORE_HOSTS.has(site.host) || (site.host === 'chrome.google.com' && site.url.includes('/webstore'));
}

async function hasHostAccess(site: SiteContext): Promise<boolean> {
  return browser.permissions.contains({ origins: [`${site.scheme}://${site.host}/*`] }).catch(() => false);
}

async function hasAllSitesAccess(): Promise<boolean> {
  return browser.permissions.contains({ origins: ['<all_urls>'] }).catch(() => false);
}

async function embeddedSites(tabId: number, site: SiteContext, storeId: string): Promise<EmbeddedSite[]> {
  const byHost = new Map<string, string>();
  for (const url of await frameUrls(tabId)) {
    const frame = siteFromUrl(url);
    if (frame.ok && frame.site.registrableDomain !== site.registrableDomain && !byHost.has(frame.site.host)) byHost.set(frame.site.host, url);
  }
  return Promise.all([...byHost].map(async ([host, url]) => ({ host, cookies: await cookiesForUrl(url, storeId) })));
}

/**
 * The managed policy without waiting on Chromium's slow first read of a session: the background
 * shares the parsed policy in storage.session; only when it has not yet, ask storage.managed.
 */
async function managedPolicy(): Promise<ManagedPolicy> {
  const shared = await readSession(POLICY_KEY).catch(() => undefined);
  if (shared !== undefined) return parseManagedPolicy(shared).policy;
  // Not shared yet (the browser has just started): wait briefly, then show the page without it.
  // The background shares it as soon as it has it, and the page reloads on that storage change.
  const slow = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50));
  return parseManagedPolicy(await Promise.race([readManaged(), slow])).policy;
}

async function settingsOf(site: string, storeId: string): Promise<Pick<Extract<SiteSnapshot, { kind: 'site' }>, 'rule' | 'undo' | 'verification' | 'settingsProblem' | 'resetLocked'>> {
  const [root, session, policy] = await Promise.all([readRoot(), readSession(VERIFY_KEY).catch(() => undefined), managedPolicy()]);
  const migrated = migrate(root);
  const verification = parseVerificationMap(session)[verificationKey(site, storeId)] ?? null;
  const rules = effectiveRules(migrated.ok ? migrated.store.rules : {}, policy);
  return {
    rule: rules[site] ?? null,
    undo: migrated.ok ? (migrated.store.undo[undoKey(site, storeId)] ?? null) : null,
    verification,
    resetLocked: policy.lockResetScope,
    settingsProblem: migrated.ok ? null : migrated.problem,
  };
}

export function createBrowserClient(search: string): PopupClient {
  const param = new URLSearchParams(search).get('tabId');
  const targetTabId = param !== null && /^\d+$/.test(param) ? Number(param) : null;
  let tabId: number | null = targetTabId;
  // The site last loaded: cookie changes elsewhere do not concern this page.
  let watchedDomain: string | null = null;
  const concernsSite = (domain: string, topLevelSite: string | undefined): boolean => {
    if (watchedDomain === null) return true;
    const host = domain.startsWith('.') ? domain.slice(1) : domain;
    return host === watchedDomain || host.endsWith(`.${watchedDomain}`) || (topLevelSite?.endsWith(`//${watchedDomain}`) ?? false);
  };

  const client: PopupClient = {
    targetTabId,
    async load(): Promise<SiteSnapshot> {
      const target = tabId === null ? await activeTabTarget() : await tabTarget(tabId);
      if (target === null) return { kind: 'no-tab' };
      // The toolbar popup stays on the tab it opened for, whatever becomes active later.
      tabId = target.tabId;
      const tab: TabInfo = target;
      const parsed = siteFromUrl(target.url ?? '');
      if (!parsed.ok || isStorePage(parsed.site)) {
        // Without access to a site the browser hides a tab's address (there is no "tabs"
        // permission), so a website whose access the visitor withheld ("on click", "on specific
        // sites") looks like a browser page: say what is missing instead.
        if (target.url === undefined && !(await hasAllSitesAccess())) return { kind: 'no-permission', tab, site: null };
        return { kind: 'unsupported-page', tab };
      }
      const site = parsed.site;
      watchedDomain = site.registrableDomain;
      // Started together: the cookie read is the long pole, the rest rides along.
      const [cookies, access, settings, embedded] = await Promise.all([
        readSiteCookies(site, target.storeId),
        hasHostAccess(site),
        settingsOf(site.registrableDomain, target.storeId),
        embeddedSites(target.tabId, site, target.storeId).catch(() => []),
      ]);
      if (!access) return { kind: 'no-permission', tab, site };
      return { kind: 'site', tab, site, cookies, embedded, ...settings };
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
      const onStorage = (): void => notify();
      browser.cookies.onChanged.addListener(onCookie);
      browser.storage.onChanged.addListener(onStorage);
      return () => {
        browser.cookies.onChanged.removeListener(onCookie);
        browser.storage.onChanged.removeListener(onStorage);
      };
    },
    send: sendRequest,
    async loadSettings(): Promise<SettingsSnapshot> {
      const [root, policy] = await Promise.all([readRoot(), managedPolicy()]);
      const migrated = migrate(root);
      const rules = Object.values(effectiveRules(migrated.ok ? migrated.store.rules : {}, policy));
      return migrated.ok ? { store: migrated.store, rules, problem: null } : { store: null, rules, problem: migrated.problem };
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
  };
  return client;
}
