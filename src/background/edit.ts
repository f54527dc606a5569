// An edit or an addition from the popup's details view, carried out: the cookie is checked as an
// import's would be (this site's, not expired, its name prefix's rules kept), a cookie it replaces (an edit) is kept in the
// site's undo snapshot first, as a delete keeps what it removes, so the existing Undo brings the
// old cookie back exactly. The browser has the last word: its refusal is passed on as it says it.
import { planImport } from '../core/import-plan.ts';
import { prefixProblem } from '../core/cookie-prefix.ts';
import { snapshotAfterDelete } from '../core/delete-plan.ts';
import { restoreDetailsFor } from '../core/cookie-details.ts';
import type { CookieInput, WriteCookieOutcome } from '../protocol/messages.ts';
import { setCookie } from '../browser/cookies.ts';
import { readSiteCookies } from './cookie-reads.ts';
import { snapshotKey } from '../storage/schema.ts';
import { pruneUndo, putUndoSnapshot, takeUndoSnapshot } from '../storage/store.ts';
import { choiceContext, tabSite } from './site-actions.ts';
import { updateStore } from './settings.ts';

export async function writeCookie(tabId: number, input: CookieInput, now: number): Promise<WriteCookieOutcome> {
  const { target, site } = await tabSite(tabId);
  const prefix = prefixProblem(input);
  if (prefix !== null) return { written: false, failure: null, refused: prefix, snapshotId: null };
  const current = await readSiteCookies(site, target.storeId);
  const isolated = choiceContext(site, current, target.storeId, now).firstPartyDomain;
  const plan = planImport(site, target.storeId, [input], current, now, isolated);
  const refusal = plan.refused[0]?.reason;
  if (refusal === 'other-site' || refusal === 'expired') return { written: false, failure: null, refused: refusal, snapshotId: null };
  const cookie = plan.write[0];
  if (cookie === undefined) return { written: false, failure: null, refused: null, snapshotId: null };

  const key = snapshotKey(site.registrableDomain, target.storeId);
  const base = { id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`, site: site.registrableDomain, storeId: target.storeId };
  const previous = plan.replaced.length === 0 ? undefined : await updateStore((store) => {
    const pruned = pruneUndo(store, now);
    const earlier = pruned.undo[key];
    return { store: putUndoSnapshot(pruned, snapshotAfterDelete(earlier, plan.replaced, base, now)), result: earlier };
  });

  const failed = await setCookie(restoreDetailsFor(cookie));
  if (failed === null) return { written: true, failure: null, refused: null, snapshotId: plan.replaced.length > 0 ? base.id : null };
  if (plan.replaced.length > 0) {
    // Nothing changed in the browser: the snapshot goes back to what it was.
    await updateStore((store) => (previous !== undefined
      ? { store: putUndoSnapshot(store, previous), result: undefined }
      : { store: takeUndoSnapshot(store, site.registrableDomain, target.storeId, now).store, result: undefined }));
  }
  return { written: false, failure: failed.reason, refused: null, snapshotId: null };
}
