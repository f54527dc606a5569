// Registers the scripts Cookie Lens runs in the pages of ruled sites (src/core/page-scripts.ts says
// which and where): in the page's own world (`world: 'MAIN'`, Chromium 102+, Firefox 128+), at
// document_start, in every frame of the site's pages.
import { browser } from './api.ts';
import type { PageScriptId, PageScriptSpec } from '../core/page-scripts.ts';

// One change at a time: a second reconcile reading the registrations while the first is still
// registering would try to register the same id twice, which the browser refuses.
let updates: Promise<unknown> = Promise.resolve();

/**
 * Makes Cookie Lens's registered page scripts (the `ownIds`) exactly `wanted`: missing ones
 * registered, changed ones given their new pages, unwanted ones removed. Other ids are left alone.
 */
export function reconcilePageScripts(ownIds: readonly PageScriptId[], wanted: readonly PageScriptSpec[]): Promise<void> {
  const run = updates.then(() => reconcileNow(ownIds, wanted));
  updates = run.catch(() => undefined);
  return run;
}

async function reconcileNow(ownIds: readonly PageScriptId[], wanted: readonly PageScriptSpec[]): Promise<void> {
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [...ownIds] });
  const byId = new Map(registered.map((script) => [script.id, script]));
  const remove = ownIds.filter((id) => byId.has(id) && !wanted.some((spec) => spec.id === id));
  if (remove.length > 0) await browser.scripting.unregisterContentScripts({ ids: remove });
  for (const spec of wanted) {
    const current = byId.get(spec.id);
    if (current === undefined) {
      await browser.scripting.registerContentScripts([{
        id: spec.id, js: [spec.file], matches: [...spec.matches], runAt: 'document_start', world: 'MAIN', allFrames: true,
      }]);
    } else if (!sameList(current.matches ?? [], spec.matches) || current.world !== 'MAIN') {
      // Re-registered rather than updated, so that a registration of another shape is corrected too.
      await browser.scripting.unregisterContentScripts({ ids: [spec.id] });
      await browser.scripting.registerContentScripts([{
        id: spec.id, js: [spec.file], matches: [...spec.matches], runAt: 'document_start', world: 'MAIN', allFrames: true,
      }]);
    }
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.length === sortedB.length && sortedA.every((value, i) => value === sortedB[i]);
}
