// A browser cookie as Cookie Lens sees it, independent of any browser API, and the pure
// conversion from the shape the WebExtension cookies API reports (src/browser reads it raw).

export type SameSite = 'no_restriction' | 'lax' | 'strict' | 'unspecified';

export interface PartitionKey {
  /** Schemeful site of the top-level page, e.g. `https://example.com`. */
  readonly topLevelSite: string;
  /** Chromium only: true when the cookie was set in a frame with a cross-site ancestor. */
  readonly hasCrossSiteAncestor?: boolean;
}

export interface CookieRecord {
  readonly name: string;
  readonly value: string;
  /** As the browser reports it: `.example.com` for Domain cookies, `www.example.com` for host-only ones. */
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: SameSite;
  /** Seconds since the epoch; absent for session cookies. */
  readonly expirationDate?: number;
  readonly storeId: string;
  readonly partitionKey?: PartitionKey;
  /** Firefox first-party isolation; empty string when isolation is off. */
  readonly firstPartyDomain?: string;
}

/** Identity of one stored cookie: the browser keys cookies by these fields. */
export function cookieIdentity(cookie: Pick<CookieRecord, 'name' | 'domain' | 'path' | 'storeId' | 'partitionKey' | 'firstPartyDomain'>): string {
  return [
    cookie.storeId,
    cookie.partitionKey?.topLevelSite ?? '',
    cookie.partitionKey?.hasCrossSiteAncestor === true ? 'x' : '',
    cookie.firstPartyDomain ?? '',
    cookie.domain,
    cookie.path,
    cookie.name,
  ].join('\u0000');
}

/**
 * A cookie as the WebExtension cookies API reports it in both browsers (src/browser hands these
 * over unconverted). Only the fields Cookie Lens keeps are named.
 */
export interface BrowserCookie {
  readonly name: string;
  readonly value: string;
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: string;
  readonly expirationDate?: number;
  readonly storeId: string;
  /** Chromium also reports hasCrossSiteAncestor; Firefox's partition keys have no such field. */
  readonly partitionKey?: { readonly topLevelSite?: string; readonly hasCrossSiteAncestor?: unknown };
  /** Firefox only (empty when first-party isolation is off); Chromium has no such field. */
  readonly firstPartyDomain?: string;
}

/** A browser change event for one cookie, unconverted. */
export interface BrowserCookieChange {
  readonly removed: boolean;
  readonly cause: string;
  readonly cookie: BrowserCookie;
}

function toSameSite(value: string): SameSite {
  return value === 'no_restriction' || value === 'lax' || value === 'strict' ? value : 'unspecified';
}

/** Converts the browser's cookie into Cookie Lens's browser-neutral record. */
export function cookieFromBrowser(cookie: BrowserCookie): CookieRecord {
  const topLevelSite = cookie.partitionKey?.topLevelSite;
  const cross = cookie.partitionKey?.hasCrossSiteAncestor;
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    hostOnly: cookie.hostOnly,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: toSameSite(cookie.sameSite),
    ...(cookie.expirationDate === undefined ? {} : { expirationDate: cookie.expirationDate }),
    storeId: cookie.storeId,
    ...(typeof topLevelSite === 'string' && topLevelSite !== ''
      ? { partitionKey: typeof cross === 'boolean' ? { topLevelSite, hasCrossSiteAncestor: cross } : { topLevelSite } }
      : {}),
    // Firefox needs the first-party domain back on remove/set when isolation is on ('' when off).
    ...(typeof cookie.firstPartyDomain === 'string' ? { firstPartyDomain: cookie.firstPartyDomain } : {}),
  };
}

/** The cookie change with the cookie converted. */
export function cookieChangeFromBrowser(change: BrowserCookieChange): { readonly removed: boolean; readonly cause: string; readonly cookie: CookieRecord } {
  return { removed: change.removed, cause: change.cause, cookie: cookieFromBrowser(change.cookie) };
}
