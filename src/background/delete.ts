// "Delete <name>" and "Delete all of <vendor>'s cookies" from the popup, carried out: exactly the
// chosen cookies go, their copies are kept in the site's undo snapshot first, and the existing
// Undo (site-actions.ts `undo`) brings them back with every attribute.
import { cookieIdentity } from '../model/cookie.ts';
import { collateralLosses, planDelete, snapshotAfterDelete } from '../core/delete-plan.ts';
import { removeDetailsFor, restoreDetailsFor } from '../core/cookie-details.ts';
import type { DeleteOutcome, FailedCookie } from '../protocol/messages.ts';
import { removeCookie, setCookie } from '../browser/cookies.ts';
import { readSiteCookies } from './cookie-reads.ts';
import { snapshotKey } from '../storage/schema.ts';
import { pruneUndo, putUndoSnapshot, takeUndoSnapshot } from '../storage/store.ts';
import { tabSite } from './site-actions.ts';
import { updateStore } from './settings.ts';

export async function deleteCookies(tabId: number, chosen: readonly string[], now: number): Promise<DeleteOutcome> {
  const { target, site } = await tabSite(tabId);
  const before = await readSiteCookies(site, target.storeId);
  const plan = planDelete(site, before, chosen);
  if (plan.remove.length === 0) return { removed: 0, failed: [], notFound: plan.notFound, snapshotId: null };

  // As for a reset, the snapshot is stored before anything is removed: when it cannot be, nothing
  // is removed that Undo could not bring back.
  const key = snapshotKey(site.registrableDomain, target.storeId);
  const base = { id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`, site: site.registrableDomain, storeId: target.storeId };
  const previous = await updateStore((store) => {
    const pruned = pruneUndo(store, now);
    const earlier = pruned.undo[key];
    return { store: putUndoSnapshot(pruned, snapshotAfterDelete(earlier, plan.remove, base, now)), result: earlier };
  });

  const failures = await Promise.all(plan.remove.map((cookie) => removeCookie(removeDetailsFor(cookie))));
  // What counts is what the browser holds afterwards: removing one variant by URL can take another
  // chosen variant with it (its own removal then finds nothing), and can take cookies that were
  // not chosen, which are written back as they were.
  const after = await readSiteCookies(site, target.storeId);
  const remaining = new Set(after.map(cookieIdentity));
  const failed: FailedCookie[] = [];
  const removed = plan.remove.filter((cookie, i) => {
    if (!remaining.has(cookieIdentity(cookie))) return true;
    const failure = failures[i];
    failed.push(failure ?? { name: cookie.name, domain: cookie.domain, path: cookie.path, partitioned: cookie.partitionKey !== undefined, reason: 'the cookie was still there afterwards' });
    return false;
  });
  const restored = await Promise.all(collateralLosses(before, plan.remove, after).map((cookie) => setCookie(restoreDetailsFor(cookie))));
  failed.push(...restored.filter((r): r is FailedCookie => r !== null));

  if (removed.length < plan.remove.length) {
    // The snapshot keeps only what was really removed; with nothing removed, the earlier one comes back.
    await updateStore((store) => {
      if (removed.length > 0) return { store: putUndoSnapshot(store, snapshotAfterDelete(previous, removed, base, now)), result: undefined };
      if (previous !== undefined) return { store: putUndoSnapshot(store, previous), result: undefined };
      return { store: takeUndoSnapshot(store, site.registrableDomain, target.storeId, now).store, result: undefined };
    });
  }
  return { removed: removed.length, failed, notFound: plan.notFound, snapshotId: removed.length > 0 ? base.id : null };
}
