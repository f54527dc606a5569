// Importing a cookie file into the tab's site, worked out without touching the browser: which
// cookies will be written, which are refused and why (the preview shows both), and what Undo
// needs to put things back (the cookies the import replaced, and those it added).
import { cookieIdentity, type CookieRecord } from '../model/cookie.ts';
import type { FileCookie } from './cookie-files.ts';
import { scopeOf, type SiteContext } from './site.ts';

export type ImportRefusal = 'other-site' | 'expired' | 'duplicate';

export interface ImportPlan {
  /** The file's cookies for this site, in the tab's store, each once (the last copy in the file wins). */
  readonly write: readonly CookieRecord[];
  readonly refused: readonly { readonly cookie: FileCookie; readonly reason: ImportRefusal }[];
  /** Cookies of the site that the import overwrites (same name, domain, path): Undo restores them. */
  readonly replaced: readonly CookieRecord[];
}

/**
 * A file's cookies are written only where this site's cookies live (its host, or a Domain the
 * site may set), never for another site; cookies already expired are not written (writing them
 * would delete). Partitioned cookies are not imported: a file cannot say which partition is meant.
 */
export function planImport(site: SiteContext, storeId: string, cookies: readonly FileCookie[], current: readonly CookieRecord[], now: number, firstPartyDomain?: string): ImportPlan {
  const refused: { cookie: FileCookie; reason: ImportRefusal }[] = [];
  const byIdentity = new Map<string, CookieRecord>();
  for (const cookie of cookies) {
    // Under Firefox first-party isolation every cookie of the site carries the site's domain.
    const record: CookieRecord = { ...cookie, storeId, ...(firstPartyDomain === undefined ? {} : { firstPartyDomain }) };
    if (scopeOf(record, site) === null) {
      refused.push({ cookie, reason: 'other-site' });
      continue;
    }
    if (cookie.expirationDate !== undefined && cookie.expirationDate * 1000 <= now) {
      refused.push({ cookie, reason: 'expired' });
      continue;
    }
    const identity = cookieIdentity(record);
    const earlier = byIdentity.get(identity);
    if (earlier !== undefined) refused.push({ cookie: earlier, reason: 'duplicate' });
    byIdentity.set(identity, record);
  }
  const write = [...byIdentity.values()];
  const writing = new Set(byIdentity.keys());
  const replaced = current.filter((cookie) => cookie.partitionKey === undefined && writing.has(cookieIdentity(cookie)));
  return { write, refused, replaced };
}
