// What the browser adapter (src/browser) reads for a page, raw: the shapes it hands to the pure
// code that interprets them (src/core/site-reads.ts, src/storage/site-settings.ts).
import type { BrowserCookie } from './cookie.ts';

/** A tab and its cookie store. */
export interface TabTarget {
  readonly tabId: number;
  /** Undefined when the browser hides it (its own pages, the web store) or the tab has none. */
  readonly url: string | undefined;
  readonly storeId: string;
  readonly incognito: boolean;
  /** Firefox container name, when the tab is in one. */
  readonly containerName?: string;
}

/** Everything a page's first read of a tab found (src/browser/site-read.ts), uninterpreted. */
export interface RawSiteRead {
  /** The tab and its cookie store; null when there is no such tab. */
  readonly target: TabTarget | null;
  /** Only when the tab shows a web page (http or https). */
  readonly web: {
    /** The domain the cookies were read under (a guess without the Public Suffix List), and the partition site used. */
    readonly guessedDomain: string;
    readonly guessedTopLevelSite: string;
    readonly cookies: readonly BrowserCookie[];
    readonly hostAccess: boolean;
    readonly frames: ReadonlyArray<{ readonly url: string; readonly cookies: readonly BrowserCookie[] }>;
  } | null;
  /** Whether the extension may read every site; asked only when the browser hid the tab's address. */
  readonly allSitesAccess: boolean | null;
  /** The stored settings root, the holding counts and the managed policy, unvalidated. */
  readonly root: unknown;
  readonly evidence: unknown;
  readonly policy: unknown;
}
