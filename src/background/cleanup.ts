// "Clean up when I close its last tab": the background follows the tabs of marked sites and, when
// a site's last tab in a cookie store closes or moves to another site, removes the site's tracking
// cookies (or all of them, if the visitor chose so) into an undo snapshot, as a reset does.
//
// Cheap for every other site: once loaded (one storage read per worker start), a tab event costs a
// Map probe for the tab and a few for the host's label suffixes, with no storage read. The state
// survives a stopped worker: the marked sites come from the settings, the tabs of marked sites from
// storage.session, and before cleaning up the live tabs are asked whether another one still shows
// the site (a tab the state missed, e.g. opened while the worker was starting, counts too). A
// browser that quits with a marked site's tabs open closes no tab: such a site is cleaned up once
// at the start of the next session (cleanUpAtSessionStart).
import { effectiveCleanUp, markedSiteOf, NO_TRACKING, onlyMarked, planCleanUp, siteHostsOf, takeUrls, webHostOf, withoutTab, withTab, type CleanUpChoice, type CleanUpScope, type TabTracking, type TrackedTab } from '../core/cleanup.ts';
import { siteCookies, siteFromUrl, type SiteContext } from '../core/site.ts';
import { removeDetailsFor } from '../core/cookie-details.ts';
import { cookieIdentity, type CookieRecord } from '../model/cookie.ts';
import { migrate } from '../storage/migrate.ts';
import { snapshotKey } from '../storage/schema.ts';
import { deleteCleanUp, pruneUndo, putCleanUp, putUndoSnapshot, takeUndoSnapshot } from '../storage/store.ts';
import { readCleanUpNotices, readTabTracking, tabTrackingValue, withNotice } from '../storage/cleanup-session.ts';
import { removeCookie } from '../browser/cookies.ts';
import { readCookiesAroundPages } from './cookie-reads.ts';
import { CLEAN_UP_NOTICES_KEY, CLEAN_UP_SESSION_KEY, CLEAN_UP_TABS_KEY, onManagedChanged, onRootChanged, readRoot, readSession, writeSession } from '../browser/storage.ts';
import { lastingCookieStores, tabTarget, webTabsWithStores } from '../browser/tabs.ts';
import { loadPolicy, policyNow, updateStore } from './settings.ts';
import { ActionError, tabSite } from './site-actions.ts';
import { logError } from './log.ts';

let marked: ReadonlyMap<string, CleanUpChoice> | null = null;
let tracking: TabTracking | null = null;
let loading: Promise<void> | null = null;
// Every change of the state runs in order, one at a time (events arrive faster than storage answers).
let chain: Promise<unknown> = Promise.resolve();

function queue(step: () => Promise<void>, what: string): Promise<void> {
  const run = chain.then(step).catch((error: unknown) => logError(what, error));
  chain = run;
  return run;
}

async function readMarked(): Promise<ReadonlyMap<string, CleanUpChoice>> {
  const [root, known] = await Promise.all([readRoot(), policyNow()]);
  const migrated = migrate(root);
  return new Map(Object.entries(effectiveCleanUp(migrated.ok ? migrated.store.cleanUp : undefined, known.policy)));
}

function ensureLoaded(): Promise<void> {
  if (marked !== null && tracking !== null) return Promise.resolve();
  loading ??= (async () => {
    const [nextMarked, rawTracking] = await Promise.all([readMarked(), readSession(CLEAN_UP_TABS_KEY).catch(() => undefined)]);
    marked = nextMarked;
    tracking = onlyMarked(readTabTracking(rawTracking), nextMarked);
    if (rawTracking !== undefined) persisted = tracking;
    // The first start in a browser session knows no tabs yet: the restored ones are found now.
    if (rawTracking === undefined && nextMarked.size > 0) await trackOpenTabs(new Set(nextMarked.keys()));
  })().finally(() => {
    loading = null;
  });
  return loading;
}

function currentState(): { marked: ReadonlyMap<string, CleanUpChoice>; tracking: TabTracking } {
  return { marked: marked ?? new Map(), tracking: tracking ?? NO_TRACKING };
}

// The state last written: unchanged state is not written again (every write reaches every page's storage listener).
let persisted: TabTracking | null = null;

async function persist(): Promise<void> {
  const state = currentState().tracking;
  if (state === persisted) return;
  await writeSession(CLEAN_UP_TABS_KEY, tabTrackingValue(state));
  persisted = state;
}

/** Adds the open tabs showing one of `sites` (each with its cookie store) to the state. */
async function trackOpenTabs(sites: ReadonlySet<string>): Promise<void> {
  const open = await webTabsWithStores();
  let state = currentState().tracking;
  for (const tab of open) {
    const site = markedSiteOf(webHostOf(tab.url), currentState().marked);
    if (site !== undefined && sites.has(site)) state = withTab(state, tab.tabId, { site, storeId: tab.storeId, url: tab.url });
  }
  tracking = state;
  await persist();
}

/** Re-reads the marked sites (settings or policy changed); newly marked sites' open tabs are tracked. */
function refresh(): Promise<void> {
  return queue(async () => {
    const before = marked;
    const next = await readMarked();
    marked = next;
    if (tracking === null) return;
    tracking = onlyMarked(tracking, next);
    const added = new Set([...next.keys()].filter((site) => before !== null && !before.has(site)));
    if (added.size > 0) await trackOpenTabs(added);
    else await persist();
  }, 'updating the sites cleaned up on close');
}

/** Registered once at worker start, beside the rule watcher. */
export function watchCleanUp(): void {
  onRootChanged(() => void refresh());
  onManagedChanged(() => void refresh());
  // At browser start the organisation's policy arrives seconds late: read the sites again then.
  void loadPolicy().then(refresh, () => undefined);
}

/** A top-level page committed in a tab: it may start showing a marked site, or leave one. */
export function handleCommitted(tabId: number, url: string): void {
  if (marked !== null && tracking !== null && !Object.hasOwn(tracking.tabs, String(tabId)) && markedSiteOf(webHostOf(url), marked) === undefined) return;
  void queue(async () => {
    await ensureLoaded();
    const state = currentState();
    const site = markedSiteOf(webHostOf(url), state.marked);
    const known = state.tracking.tabs[String(tabId)];
    if (known === undefined && site === undefined) return;
    if (known !== undefined && known.site !== site) {
      const left = withoutTab(state.tracking, tabId);
      tracking = left.state;
      if (left.left !== null && left.lastKnown) await lastTabLeft(left.left, tabId);
    }
    if (site !== undefined) {
      const storeId = known?.storeId ?? (await tabTarget(tabId))?.storeId;
      if (storeId !== undefined) tracking = withTab(currentState().tracking, tabId, { site, storeId, url });
    }
    await persist();
  }, `following tab ${tabId}`);
}

export function handleTabRemoved(tabId: number): void {
  if (marked !== null && tracking !== null && !Object.hasOwn(tracking.tabs, String(tabId))) return;
  void queue(async () => {
    await ensureLoaded();
    const left = withoutTab(currentState().tracking, tabId);
    if (left.left === null) return;
    tracking = left.state;
    if (left.lastKnown) await lastTabLeft(left.left, tabId);
    await persist();
  }, `following the closed tab ${tabId}`);
}

/**
 * The last tab the state knows of has left the site: unless the browser still shows the site in
 * another tab of the same store (one the state missed, now tracked), the site is cleaned up.
 */
async function lastTabLeft(left: TrackedTab, tabId: number): Promise<void> {
  const open = await webTabsWithStores();
  const sites = currentState().marked;
  const others = open.filter((tab) => tab.tabId !== tabId && tab.storeId === left.storeId && markedSiteOf(webHostOf(tab.url), sites) === left.site);
  if (others.length > 0) {
    let state = currentState().tracking;
    for (const tab of others) state = withTab(state, tab.tabId, { site: left.site, storeId: tab.storeId, url: tab.url });
    tracking = state;
    return;
  }
  const taken = takeUrls(currentState().tracking, left);
  tracking = taken.state;
  // The choice as stored now (it may have been removed a moment ago): one read, only here.
  const choice = (await readMarked()).get(left.site);
  if (choice === undefined) return;
  const pages = sitePages(choice.site, taken.urls);
  if (pages.length > 0) await cleanUpSite(choice, left.storeId, pages, await readCookiesAroundPages(pages, left.storeId), Date.now());
}

/**
 * How long after the session's first worker start the open tabs are asked which sites they show:
 * a restored session brings its tabs back a moment after the browser starts, and a site whose tab
 * came back is still open.
 */
const SESSION_START_SETTLE_MS = 3_000;

/**
 * Once per browser session (storage.session starts empty with it): a marked site whose tabs were
 * open when the browser quit never had its last tab closed. Unless a tab of it came back, it is
 * cleaned up now, in each store whose cookies outlive the browser, on every host its cookies live
 * on. Keyed on the session rather than on runtime.onStartup, which an extension loaded from the
 * command line (as in the tests) does not get; an update of Cookie Lens also starts afresh, when a
 * marked site without tabs has nothing to clean up unless something wrote to it meanwhile.
 */
export function cleanUpAtSessionStart(): void {
  void queue(async () => {
    if ((await readSession(CLEAN_UP_SESSION_KEY).catch(() => true)) !== undefined) return;
    await writeSession(CLEAN_UP_SESSION_KEY, Date.now());
    setTimeout(() => void queue(cleanUpSitesWithoutTabs, 'cleaning up at browser start'), SESSION_START_SETTLE_MS);
  }, 'checking for a new browser session');
}

async function cleanUpSitesWithoutTabs(): Promise<void> {
  await ensureLoaded();
  const [sites, open, stores] = await Promise.all([readMarked(), webTabsWithStores(), lastingCookieStores()]);
  for (const [site, choice] of sites) {
    for (const storeId of stores) {
      if (open.some((tab) => tab.storeId === storeId && markedSiteOf(webHostOf(tab.url), sites) === site)) continue;
      // One read of the site's cookies says which hosts they live on and serves every host's page.
      const around = await readCookiesAroundPages(sitePages(site, [`https://${site}/`]), storeId);
      const hosts = siteHostsOf(site, around.map((cookie) => cookie.domain));
      await cleanUpSite(choice, storeId, sitePages(site, hosts.map((host) => `https://${host}/`)), around, Date.now(), 'browser-start');
    }
  }
}

/** The pages of `site` among `urls`, each host and scheme once. */
function sitePages(site: string, urls: readonly string[]): SiteContext[] {
  const pages: SiteContext[] = [];
  for (const url of urls) {
    const parsed = siteFromUrl(url);
    if (parsed.ok && parsed.site.registrableDomain === site && !pages.some((page) => page.host === parsed.site.host && page.scheme === parsed.site.scheme)) pages.push(parsed.site);
  }
  return pages;
}

/**
 * Removes the planned cookies of the site's pages in one store, from `around` (read for those
 * pages with readCookiesAroundPages). As for a reset, the undo snapshot is stored first (it
 * replaces the site's previous one), so nothing goes that Undo could not bring back; what fails
 * to go is left out of it. The popup's notice is kept in storage.session.
 */
async function cleanUpSite(choice: CleanUpChoice, storeId: string, pages: readonly SiteContext[], around: readonly CookieRecord[], now: number, when?: 'browser-start'): Promise<void> {
  const byIdentity = new Map<string, CookieRecord>();
  for (const page of pages) for (const cookie of siteCookies(around, page, storeId)) byIdentity.set(cookieIdentity(cookie), cookie);
  const remove = planCleanUp(pages, [...byIdentity.values()], choice.scope);
  if (remove.length === 0) return;

  const key = snapshotKey(choice.site, storeId);
  const snapshot = { id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`, site: choice.site, storeId, takenAt: now, cookies: remove };
  const previous = await updateStore((store) => ({ store: putUndoSnapshot(pruneUndo(store, now), snapshot), result: store.undo[key] }));
  const results = await Promise.all(remove.map(async (cookie) => ({ cookie, failure: await removeCookie(removeDetailsFor(cookie)) })));
  const removed = results.filter((result) => result.failure === null).map((result) => result.cookie);
  if (removed.length < remove.length) {
    logError(`cleaning up ${choice.site}`, results.flatMap((result) => (result.failure === null ? [] : [result.failure])));
    await updateStore((store) => {
      if (removed.length > 0) return { store: putUndoSnapshot(store, { ...snapshot, cookies: removed }), result: undefined };
      if (previous !== undefined) return { store: putUndoSnapshot(store, previous), result: undefined };
      return { store: takeUndoSnapshot(store, choice.site, storeId, now).store, result: undefined };
    });
  }
  if (removed.length === 0) return;
  const notices = readCleanUpNotices(await readSession(CLEAN_UP_NOTICES_KEY).catch(() => undefined));
  await writeSession(CLEAN_UP_NOTICES_KEY, withNotice(notices, { site: choice.site, storeId, snapshotId: snapshot.id, removed: removed.length, at: now, ...(when === undefined ? {} : { when }) }));
}

async function refuseManaged(site: string): Promise<void> {
  const { policy } = await policyNow();
  if (policy.cleanUpSites.includes(site)) throw new ActionError({ code: 'managed-rule', detail: `${site} is set by your organisation` });
}

/** The popup's choice for the tab's site; `off` removes it. The site's open tabs are followed from now on. */
export async function setCleanUp(tabId: number, scope: CleanUpScope | 'off', now: number): Promise<{ choice: CleanUpChoice | null }> {
  const { site } = await tabSite(tabId);
  const domain = site.registrableDomain;
  await refuseManaged(domain);
  const choice = await updateStore((store) => {
    const next = scope === 'off' ? deleteCleanUp(store, domain) : putCleanUp(store, domain, scope, now);
    return { store: next, result: next.cleanUp?.[domain] ?? null };
  });
  // The site's open tabs are followed before the reply, so a tab closed right after the click is known.
  await queue(async () => {
    await ensureLoaded();
    marked = await readMarked();
    if (choice !== null) await trackOpenTabs(new Set([domain]));
  }, `following the tabs of ${domain}`);
  return { choice };
}

/** The options page's "Stop cleaning up" (it has no tab). */
export async function removeCleanUp(site: string): Promise<{ removed: boolean }> {
  await refuseManaged(site);
  const removed = await updateStore((store) => {
    const next = deleteCleanUp(store, site);
    return { store: next, result: next !== store };
  });
  await refresh();
  return { removed };
}
