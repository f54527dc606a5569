// What the extension pages (popup, side panel, options) may ask of the extension. Pages hold a PageClient and never
// touch browser APIs; src/pages/client.ts implements it (reads directly, writes through the
// background) on a PageAdapter, the raw browser calls of src/browser/page-adapter.ts, and tests can
// hand the components a fake.
import type { BrowserCookie, BrowserCookieChange, CookieRecord } from '../model/cookie.ts';
import type { RawSiteRead } from '../model/browser-reads.ts';
import type { SiteContext, SiteCookie } from '../core/site.ts';
import type { SiteRule } from '../core/rules.ts';
import type { UndoSnapshot } from '../core/plans.ts';
import type { HoldingView } from '../core/verification.ts';
import type { Store } from '../storage/schema.ts';
import type { ViewPrefs } from '../storage/view-prefs.ts';
import type { Api, MessageName, Reply } from './messages.ts';
import type { ObservedCookieChange } from '../explain/activity.ts';
import type { CleanUpSettings, SiteCleanUp } from '../core/cleanup.ts';

/** What the side panel observes in the tab it shows (src/browser/panel.ts). */
export interface ActivityListener {
  cookie(change: ObservedCookieChange, at: number): void;
  request(url: string, at: number): void;
  blocked(url: string, at: number): void;
}

export interface TabInfo {
  readonly tabId: number;
  readonly url: string | undefined;
  readonly storeId: string;
  readonly incognito: boolean;
  readonly containerName?: string;
}

export interface EmbeddedSite {
  /** Host of a third-party frame on the page. */
  readonly host: string;
  readonly cookies: readonly CookieRecord[];
}

export type SiteSnapshot =
  | {
      readonly kind: 'site';
      readonly tab: TabInfo;
      readonly site: SiteContext;
      /** The site's cookies in the tab's store, each with how it belongs to the site. */
      readonly cookies: readonly SiteCookie[];
      readonly embedded: readonly EmbeddedSite[];
      readonly rule: SiteRule | null;
      readonly undo: UndoSnapshot | null;
      /** Links to the site are stripped of HubSpot's identity (the choice; opt-out includes it). */
      readonly stripLinks: boolean;
      /** What may be said about whether the rule holds; null without a rule. */
      readonly verification: HoldingView | null;
      /** The organisation's policy limits a reset to the visitor-identity cookies. */
      readonly resetLocked: boolean;
      /** Set when the stored settings could not be read (e.g. written by a newer version). */
      readonly settingsProblem: string | null;
    }
  | { readonly kind: 'no-tab' }
  | { readonly kind: 'unsupported-page'; readonly tab: TabInfo }
  /** `site` is null when the browser hides the tab's address, as it does without access to it. */
  | { readonly kind: 'no-permission'; readonly tab: TabInfo; readonly site: SiteContext | null };

export interface SettingsSnapshot {
  readonly store: Store | null;
  /** Rules in force: the visitor's, with the organisation's managed rules laid over them. */
  readonly rules: readonly SiteRule[];
  readonly problem: string | null;
}

export interface PageClient {
  /** The tab the page is about: `?tabId=N` when given, else the active tab. */
  readonly targetTabId: number | null;
  load(): Promise<SiteSnapshot>;
  /** Calls back (coalesced) whenever the site's cookies or Cookie Lens's settings change. */
  watch(onChange: () => void): () => void;
  send<K extends MessageName>(type: K, payload: Api[K]['req']): Promise<Reply<K>>;
  loadSettings(): Promise<SettingsSnapshot>;
  /** The sites cleaned up when their last tab closes, and the last clean-up of each (absent in fakes without it). */
  loadCleanUp?(): Promise<CleanUpSettings>;
  /** One site's clean-up in one cookie store, as its popup shows it (absent in fakes without it). */
  loadSiteCleanUp?(site: string, storeId: string): Promise<SiteCleanUp>;
  /** How the visitor likes the popup laid out (defaults when nothing is stored). */
  loadViewPrefs(): Promise<ViewPrefs>;
  /** Offers a text file to the visitor (export). */
  download(filename: string, mime: string, text: string): void;
  copyText(text: string): Promise<boolean>;
  openOptions(): void;
  /** Asks the browser for access to all sites (must run inside a click); true when granted. */
  requestHostAccess(): Promise<boolean>;
  now(): number;
  /**
   * The side panel only (undefined elsewhere): observes cookie changes and the tracking requests of
   * the tab `tabId` until the returned function is called.
   */
  watchActivity?(tabId: number, listener: ActivityListener): () => void;
}

/** Which URLs the activity log watches: requests as they are made, and requests a blocking rule stopped. */
export interface ActivityPatterns {
  readonly requests: readonly string[];
  readonly blocked: readonly string[];
}

/** What the side panel's adapter observes in a tab, unconverted (see ActivityListener). */
export interface RawActivityListener {
  cookie(change: BrowserCookieChange, at: number): void;
  request(url: string, at: number): void;
  blocked(url: string, at: number): void;
}

/**
 * The browser calls a page needs, raw: what it reads is handed over uninterpreted (src/pages/client.ts
 * interprets it with the pure core). Implemented by src/browser/page-adapter.ts.
 */
export interface PageAdapter extends Pick<PageClient, 'targetTabId' | 'send' | 'download' | 'copyText' | 'openOptions' | 'requestHostAccess' | 'now'> {
  /** Starts every read of the tab `tabId` (the active tab when null), its cookies read under `guessRegistrableDomain(host)`. */
  readSite(tabId: number | null, guessRegistrableDomain: (host: string) => string): Promise<RawSiteRead>;
  /** Every cookie of a registrable domain and its subdomains, plus those partitioned under `topLevelSite`. */
  readCookiesAround(registrableDomain: string, topLevelSite: string, storeId: string): Promise<readonly BrowserCookie[]>;
  /** The stored settings root and the managed policy, unvalidated. */
  readSettings(): Promise<{ readonly root: unknown; readonly policy: unknown }>;
  /** The stored layout preferences, unvalidated. */
  readViewPrefs(): Promise<unknown>;
  /** The stored settings root, the managed policy and the background's last clean-ups, unvalidated. */
  readCleanUp(): Promise<{ readonly root: unknown; readonly policy: unknown; readonly notices: unknown }>;
  /** The active tab of the page's own window; `lastShown` when that tab is the page itself. */
  followedTabId(lastShown: number | null): Promise<number | null>;
  onCookieChanged(listener: (change: BrowserCookieChange) => void): () => void;
  /** Any change to what Cookie Lens stores, except the layout preferences and the background's tab bookkeeping. */
  onSettingsChanged(listener: () => void): () => void;
  /** A tab of the page's window became active, or the shown tab moved to another address. */
  onFollowedTabChange(shownTabId: () => number | null, listener: () => void): () => void;
  /**
   * Cookie changes, the tab's requests to URLs matching `patterns.requests` and those matching
   * `patterns.blocked` that a blocking rule stopped, until the returned function is called.
   */
  watchActivity(tabId: number, patterns: ActivityPatterns, listener: RawActivityListener): () => void;
}
