// Importing a cookie file into the tab's site, and undoing that import: the background is the
// only writer. The file is parsed and planned again here (the popup's preview is only a preview).
import { cookieIdentity } from '../model/cookie.ts';
import { parseCookieFile } from '../core/cookie-files.ts';
import { planImport } from '../core/import-plan.ts';
import { removeDetailsFor, restoreDetailsFor } from '../core/cookie-details.ts';
import type { FailedCookie, ImportOutcome, UndoImportOutcome } from '../protocol/messages.ts';
import { removeCookie, setCookie } from '../browser/cookies.ts';
import { readSiteCookies } from './cookie-reads.ts';
import { readSession, writeSession } from '../browser/storage.ts';
import { importUndoKey, readImportUndoMap } from '../storage/import-undo.ts';
import { ActionError, choiceContext, tabSite } from './site-actions.ts';

export const IMPORT_UNDO_KEY = 'importUndo';

export async function importCookies(tabId: number, text: string, now: number): Promise<ImportOutcome> {
  const { target, site } = await tabSite(tabId);
  const parsed = parseCookieFile(text);
  if (!parsed.ok) throw new ActionError({ code: 'import-invalid', detail: parsed.reason });
  const current = await readSiteCookies(site, target.storeId);
  const isolated = choiceContext(site, current, target.storeId, now).firstPartyDomain;
  const plan = planImport(site, target.storeId, parsed.cookies, current, now, isolated);

  // What Undo needs is kept before anything is written.
  const key = importUndoKey(site.registrableDomain, target.storeId);
  const undo = { version: 1 as const, site: site.registrableDomain, storeId: target.storeId, takenAt: now, written: plan.write, replaced: plan.replaced };
  await writeSession(IMPORT_UNDO_KEY, { ...readImportUndoMap(await readSession(IMPORT_UNDO_KEY)), [key]: undo });

  const results = await Promise.all(plan.write.map((cookie) => setCookie(restoreDetailsFor(cookie))));
  const failed = results.filter((r): r is FailedCookie => r !== null);
  return { written: results.length - failed.length, failed, skipped: plan.refused.length };
}

export async function undoImport(tabId: number): Promise<UndoImportOutcome> {
  const { target, site } = await tabSite(tabId);
  const key = importUndoKey(site.registrableDomain, target.storeId);
  const map = readImportUndoMap(await readSession(IMPORT_UNDO_KEY));
  const undo = map[key];
  if (undo === undefined) return { removed: 0, restored: 0, failed: [], nothing: true };
  const rest = { ...map };
  delete rest[key];
  await writeSession(IMPORT_UNDO_KEY, rest);

  // Removals first (the cookies the import added or overwrote), then the overwritten ones come back.
  const replacedIds = new Set(undo.replaced.map(cookieIdentity));
  const removals = await Promise.all(undo.written.map((cookie) => removeCookie(removeDetailsFor(cookie))));
  const restores = await Promise.all(undo.replaced.map((cookie) => setCookie(restoreDetailsFor(cookie))));
  // A written cookie that replaced another is back as the old one: its removal was only a step.
  const failedRemovals = undo.written.flatMap((cookie, i) => {
    const failure = removals[i];
    return failure === null || failure === undefined || replacedIds.has(cookieIdentity(cookie)) ? [] : [failure];
  });
  const failedRestores = restores.filter((r): r is FailedCookie => r !== null);
  return { removed: removals.length - failedRemovals.length, restored: restores.length - failedRestores.length, failed: [...failedRemovals, ...failedRestores], nothing: false };
}
