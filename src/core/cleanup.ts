// "Clean up when I close its last tab", worked out without touching the browser: which sites are
// marked (the visitor's choices with the organisation's laid over them), which open tabs show
// them, when a site's last tab has gone, and which cookies go then. The background
// (src/background/cleanup.ts) keeps the state and applies the plan.
import type { CookieRecord } from '../model/cookie.ts';
import { cookieIdentity } from '../model/cookie.ts';
import type { ManagedPolicy } from './managed.ts';
import { isSnapshotLive, planReset, undoKey, type UndoSnapshot } from './plans.ts';
import type { SiteContext } from './site.ts';

/**
 * `tracking`: the identity cookies of every recognised tracker, exactly what a reset removes by
 * default (login, consent and every other cookie stay: that is the keep-list). `all`: every cookie
 * of the site, login included.
 */
export type CleanUpScope = 'tracking' | 'all';

export const CLEAN_UP_SCOPES: readonly CleanUpScope[] = ['tracking', 'all'];

export function isCleanUpScope(value: unknown): value is CleanUpScope {
  return value === 'tracking' || value === 'all';
}

export interface CleanUpChoice {
  /** Registrable domain. */
  readonly site: string;
  readonly scope: CleanUpScope;
  /** Milliseconds since the epoch when the visitor chose it (0 for the organisation's). */
  readonly since: number;
  /** Set by the organisation's policy (`cleanUpSites`): the visitor cannot remove it. */
  readonly managed?: boolean;
}

/** The visitor's choices with the policy's laid over them: a managed site cleans up its tracking cookies. */
export function effectiveCleanUp(user: Readonly<Record<string, CleanUpChoice>> | undefined, policy: ManagedPolicy): Record<string, CleanUpChoice> {
  const choices: Record<string, CleanUpChoice> = { ...user };
  for (const site of policy.cleanUpSites) choices[site] = { site, scope: 'tracking', since: 0, managed: true };
  return choices;
}

/**
 * The marked site a host belongs to: the host itself, then each shorter label suffix, one lookup
 * each (marked sites are registrable domains, so the walk reaches them without the Public Suffix
 * List). Hosts are browser-canonical (lower case).
 */
export function markedSiteOf(host: string, marked: ReadonlyMap<string, unknown>): string | undefined {
  if (marked.size === 0 || host === '') return undefined;
  let start = 0;
  for (;;) {
    const candidate = start === 0 ? host : host.slice(start);
    if (marked.has(candidate)) return candidate;
    const dot = host.indexOf('.', start);
    if (dot === -1) return undefined;
    start = dot + 1;
  }
}

/** The host of an http(s) address, or '' for anything else (browser pages, about:blank). */
export function webHostOf(url: string): string {
  const match = /^https?:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(url);
  return match?.[1]?.toLowerCase() ?? '';
}

/**
 * The hosts of a site its cookies live on (`.www.example.com` and `www.example.com` are both
 * `www.example.com`), the site itself first: the pages a clean-up at browser start reads, when no
 * tab says which of its hosts were shown. Cookies of other sites (a partitioned cookie of an
 * embedded frame) are not the site's.
 */
export function siteHostsOf(site: string, cookieDomains: readonly string[]): string[] {
  const hosts = new Set<string>([site]);
  for (const domain of cookieDomains) {
    const host = domain.replace(/^\./, '').toLowerCase();
    if (host.endsWith(`.${site}`)) hosts.add(host);
  }
  return [...hosts];
}

/** A tab showing a page of a marked site, in one cookie store. */
export interface TrackedTab {
  readonly site: string;
  readonly storeId: string;
  /** The last address of the site it showed: whose cookies a clean-up reads. */
  readonly url: string;
}

/**
 * What the background keeps in storage.session so a stopped worker loses nothing: the tabs of
 * marked sites (keyed by tab id as text) and, per site and store, the addresses of tabs that left
 * while another tab of the site stayed (their hosts' cookies go too when the last one leaves).
 */
export interface TabTracking {
  readonly tabs: Readonly<Record<string, TrackedTab>>;
  readonly earlierUrls: Readonly<Record<string, readonly string[]>>;
}

export const NO_TRACKING: TabTracking = { tabs: {}, earlierUrls: {} };

/** At most this many addresses are kept per site and store: one per host is what matters. */
const MAX_EARLIER_URLS = 10;

export function siteStoreKey(site: string, storeId: string): string {
  return `${storeId}/${site}`;
}

export function withTab(state: TabTracking, tabId: number, tab: TrackedTab): TabTracking {
  const current = state.tabs[String(tabId)];
  if (current !== undefined && current.site === tab.site && current.storeId === tab.storeId && current.url === tab.url) return state;
  return { ...state, tabs: { ...state.tabs, [String(tabId)]: tab } };
}

/** A site's tab has gone (closed, or moved to another site): what is left, and whether it was the site's last known tab. */
export interface TabLeft {
  readonly state: TabTracking;
  /** The tab that left, when it was tracked. */
  readonly left: TrackedTab | null;
  /** True when no other tracked tab shows the same site in the same store. */
  readonly lastKnown: boolean;
}

export function withoutTab(state: TabTracking, tabId: number): TabLeft {
  const key = String(tabId);
  const left = Object.hasOwn(state.tabs, key) ? state.tabs[key] : undefined;
  if (left === undefined) return { state, left: null, lastKnown: false };
  const tabs = Object.fromEntries(Object.entries(state.tabs).filter(([id]) => id !== key));
  const lastKnown = !Object.values(tabs).some((tab) => tab.site === left.site && tab.storeId === left.storeId);
  const group = siteStoreKey(left.site, left.storeId);
  const earlier = state.earlierUrls[group] ?? [];
  const earlierUrls = lastKnown || earlier.includes(left.url)
    ? state.earlierUrls
    : { ...state.earlierUrls, [group]: [...earlier, left.url].slice(-MAX_EARLIER_URLS) };
  return { state: { tabs, earlierUrls }, left, lastKnown };
}

/** The addresses whose cookies a clean-up of the site reads (the last tab's first), taking them out of the state. */
export function takeUrls(state: TabTracking, left: TrackedTab): { state: TabTracking; urls: string[] } {
  const group = siteStoreKey(left.site, left.storeId);
  const earlier = state.earlierUrls[group] ?? [];
  const earlierUrls = Object.fromEntries(Object.entries(state.earlierUrls).filter(([key]) => key !== group));
  return { state: { ...state, earlierUrls }, urls: [left.url, ...earlier.filter((url) => url !== left.url)] };
}

/** Forgets tabs and addresses of sites no longer marked. */
export function onlyMarked(state: TabTracking, marked: ReadonlyMap<string, unknown>): TabTracking {
  const tabs = Object.entries(state.tabs).filter(([, tab]) => marked.has(tab.site));
  const earlier = Object.entries(state.earlierUrls).filter(([key]) => marked.has(key.slice(key.indexOf('/') + 1)));
  if (tabs.length === Object.keys(state.tabs).length && earlier.length === Object.keys(state.earlierUrls).length) return state;
  return { tabs: Object.fromEntries(tabs), earlierUrls: Object.fromEntries(earlier) };
}

/**
 * The cookies a clean-up removes: for each page the site's tabs showed (`sites`, one context per
 * host), the reset plan's removals (every recognised tracker's identity cookies, every variant) or,
 * for `all`, every cookie that page could read; each cookie once. `cookies` are those pages'
 * cookies in the store, as readSiteCookies returns them.
 */
export function planCleanUp(sites: readonly SiteContext[], cookies: readonly CookieRecord[], scope: CleanUpScope): CookieRecord[] {
  const seen = new Set<string>();
  const remove: CookieRecord[] = [];
  for (const site of sites) {
    const everything = scope === 'all' ? cookies.map(cookieIdentity) : [];
    const plan = planReset(site, cookies, { includeConsent: scope === 'all', alsoRemove: everything });
    for (const cookie of plan.remove) {
      const identity = cookieIdentity(cookie);
      if (seen.has(identity)) continue;
      seen.add(identity);
      remove.push(cookie);
    }
  }
  return remove;
}

/** Shown by the site's popup until the snapshot is undone or replaced: what the last clean-up removed. */
export interface CleanUpNotice {
  readonly site: string;
  readonly storeId: string;
  /** The undo snapshot holding the removed cookies (see UndoSnapshot.id). */
  readonly snapshotId: string;
  readonly removed: number;
  /** Milliseconds since the epoch. */
  readonly at: number;
  /**
   * `browser-start`: the site's tabs were open when the browser quit, and none came back when it
   * started again, so it was cleaned up then; absent: its last tab closed.
   */
  readonly when?: 'browser-start';
}

export type CleanUpNotices = Readonly<Record<string, CleanUpNotice>>;

/** What the popup and the options page show of the clean-up choices (read directly, as the rules are). */
export interface CleanUpSettings {
  /** The sites cleaned up on close: the visitor's, with the organisation's laid over them. */
  readonly choices: Readonly<Record<string, CleanUpChoice>>;
  readonly notices: CleanUpNotices;
  /** The live undo snapshots, keyed as in the store, to match a notice with its snapshot. */
  readonly undo: Readonly<Record<string, UndoSnapshot>>;
}

/** A site's clean-up as its popup shows it, in one cookie store. */
export interface SiteCleanUp {
  /** The choice in force (the visitor's, or the organisation's), null when the site is not cleaned up. */
  readonly choice: CleanUpChoice | null;
  /** The last clean-up, while it can be undone. */
  readonly notice: CleanUpNotice | null;
}

export function siteCleanUp(settings: CleanUpSettings, site: string, storeId: string, now: number): SiteCleanUp {
  return {
    choice: Object.hasOwn(settings.choices, site) ? (settings.choices[site] ?? null) : null,
    notice: liveNotice(settings.notices, settings.undo, site, storeId, now),
  };
}

/**
 * The notice the site's popup shows: only while the clean-up's snapshot is still the site's live
 * undo snapshot (an Undo, a later reset or 24 hours end it).
 */
export function liveNotice(notices: CleanUpNotices, undo: Readonly<Record<string, UndoSnapshot>>, site: string, storeId: string, now: number): CleanUpNotice | null {
  const notice = notices[siteStoreKey(site, storeId)];
  if (notice === undefined) return null;
  const snapshot = undo[undoKey(site, storeId)];
  return snapshot !== undefined && snapshot.id === notice.snapshotId && isSnapshotLive(snapshot, now) ? notice : null;
}
