// A browser cookie as Cookie Lens sees it, independent of any browser API.
// The adapter in src/browser converts to and from the WebExtension `cookies.Cookie` shape.

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
