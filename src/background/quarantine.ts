// Identity quarantine after a reset. The page being reset keeps the old visitor id in memory until
// it reloads and may write it back in between; such writes are removed on sight for a short
// window. In memory on purpose: the window is seconds long and the worker is busy (alive)
// throughout it. Its own module so that the reset (site-actions.ts) and the enforcement
// (enforce.ts) can both use it without importing each other.
import type { CookieRecord } from '../model/cookie.ts';
import { ownerHost } from '../core/cookie-change.ts';
import { IDENTITY_COOKIES } from '../core/hubspot-sets.ts';
import { hsscSessionStartText, hstcVisitorId } from '../decode/hubspot/tracking-fields.ts';

const QUARANTINE_MS = 15_000;
const quarantine = new Map<string, { readonly storeId: string; readonly values: ReadonlySet<string>; readonly until: number }>();

export function quarantineIdentity(site: string, storeId: string, removed: readonly CookieRecord[], now: number): void {
  const values = new Set<string>();
  for (const cookie of removed) {
    if (cookie.name === 'hubspotutk' || cookie.name === 'messagesUtk') values.add(cookie.value);
    if (cookie.name === '__hstc') {
      const id = hstcVisitorId(cookie.value);
      if (id !== undefined) values.add(id);
    }
    // The old session (`hash.pageViews.startMs`): written back, the reloaded page would carry on
    // the old session instead of starting a new one. Its start time is specific enough to match.
    if (cookie.name === '__hssc') {
      const start = hsscSessionStartText(cookie.value);
      if (start !== undefined) values.add(start);
    }
  }
  if (values.size > 0) quarantine.set(site, { storeId, values, until: now + QUARANTINE_MS });
}

/** Undo brings the old identity back on purpose: stop removing it. */
export function liftQuarantine(site: string): void {
  quarantine.delete(site);
}

export function carriesQuarantinedId(cookie: CookieRecord, now: number): boolean {
  if (!IDENTITY_COOKIES.has(cookie.name)) return false;
  for (const [site, entry] of quarantine) {
    if (entry.until < now) {
      quarantine.delete(site);
      continue;
    }
    const host = ownerHost(cookie);
    if (entry.storeId !== cookie.storeId || !(host === site || host.endsWith(`.${site}`))) continue;
    for (const id of entry.values) if (cookie.value.includes(id)) return true;
  }
  return false;
}

/** Whether any site is in quarantine: the cheap check before the cookie event's full test. */
export function quarantineActive(): boolean {
  return quarantine.size > 0;
}
