// Deleting chosen cookies of a site (the popup's "Delete <name>" and "Delete all of <vendor>'s
// cookies"), worked out without touching the browser. The background removes the planned cookies
// through removeDetailsFor, then gives back any other cookie the browser took with them, and keeps
// what it removed in the site's undo snapshot, which the existing Undo restores.
import { cookieIdentity, type CookieRecord } from '../model/cookie.ts';
import { scopeOf, type SiteContext } from './site.ts';
import { isSnapshotLive, type UndoSnapshot } from './plans.ts';

export interface DeletePlan {
  /** The chosen cookies that are the site's and still there, each once. */
  readonly remove: readonly CookieRecord[];
  /** Chosen identities not found among the site's cookies (gone meanwhile, or not the site's). */
  readonly notFound: number;
}

/**
 * The cookies to remove: exactly those whose identity (name, domain, path, store, partition) was
 * chosen. Anything that is not one of the site's own cookies is left out, so a stale or hostile
 * request can never delete another site's cookies.
 */
export function planDelete(site: SiteContext, cookies: readonly CookieRecord[], chosen: readonly string[]): DeletePlan {
  const wanted = new Set(chosen);
  const remove: CookieRecord[] = [];
  const found = new Set<string>();
  for (const cookie of cookies) {
    const identity = cookieIdentity(cookie);
    if (!wanted.has(identity) || found.has(identity) || scopeOf(cookie, site) === null) continue;
    found.add(identity);
    remove.push(cookie);
  }
  return { remove, notFound: wanted.size - found.size };
}

/**
 * Cookies that were there before, were not to be removed, and are gone after: Chrome's
 * cookies.remove takes every cookie of that name the browser would send to the URL (a
 * `.example.com` copy along with the host-only one), so these are written back.
 */
export function collateralLosses(before: readonly CookieRecord[], removed: readonly CookieRecord[], after: readonly CookieRecord[]): CookieRecord[] {
  const removedIds = new Set(removed.map(cookieIdentity));
  const removedNames = new Set(removed.map((cookie) => cookie.name));
  const still = new Set(after.map(cookieIdentity));
  return before.filter((cookie) => removedNames.has(cookie.name) && !removedIds.has(cookieIdentity(cookie)) && !still.has(cookieIdentity(cookie)));
}

/**
 * The site's undo snapshot after a deletion. A live snapshot (from a reset or an earlier deletion)
 * is kept and the removed cookies are added to it, so a second deletion never makes the first
 * one impossible to undo; Undo then brings back everything removed since. Expired snapshots are
 * replaced. The snapshot's 24 hours start again at `now`.
 */
export function snapshotAfterDelete(previous: UndoSnapshot | undefined, removed: readonly CookieRecord[], base: { readonly id: string; readonly site: string; readonly storeId: string }, now: number): UndoSnapshot {
  const removedIds = new Set(removed.map(cookieIdentity));
  const kept = previous !== undefined && isSnapshotLive(previous, now) ? previous.cookies.filter((cookie) => !removedIds.has(cookieIdentity(cookie))) : [];
  return { id: base.id, site: base.site, storeId: base.storeId, takenAt: now, cookies: [...kept, ...removed] };
}
