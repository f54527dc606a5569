// Registers the scripts Cookie Lens runs in the pages of ruled sites (src/core/page-scripts.ts says
// which and where): in the page's own world (`world: 'MAIN'`, Chromium 102+, Firefox 128+), at
// document_start, in every frame of the site's pages.
import { browser } from './api.ts';
import type { PageScriptId, PageScriptSpec } from '../core/page-scripts.ts';
import type { PortalDomainsSeen } from '../core/portal-domains.ts';

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

/**
 * Runs in the page's own world, once, when the popup asks (scripting.executeScript, serialised: it
 * must use nothing from outside itself). Hands back raw strings; src/core/portal-domains.ts
 * interprets them. HubSpot's tracker empties its `_hsq` queue once it has run, so the queue shows
 * the domains only before that (or where the tracker never ran); decorated links show them after.
 */
function collectPortalDomains(): { queued: string[]; decoratedLinks: string[] } {
  const queued: string[] = [];
  const queue: unknown = Reflect.get(window, '_hsq');
  if (Array.isArray(queue)) {
    for (const command of queue.slice(0, 500)) {
      if (Array.isArray(command) && command[0] === 'addCookieDomain' && typeof command[1] === 'string') queued.push(command[1].slice(0, 300));
    }
  }
  const decoratedLinks: string[] = [];
  const links = document.links;
  for (let i = 0; i < links.length && i < 2000 && decoratedLinks.length < 100; i += 1) {
    const href = links[i]?.href ?? '';
    if (/[?&](?:__hstc|__hsfp)=/.test(href)) decoratedLinks.push(href.slice(0, 2000));
  }
  return { queued, decoratedLinks };
}

/** What the tab's top page shows of its HubSpot portal's domains; nothing when it cannot be read (no access, a browser page). */
export async function readPortalDomainsSeen(tabId: number): Promise<PortalDomainsSeen> {
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, world: 'MAIN', func: collectPortalDomains });
    const result: unknown = first?.result;
    if (typeof result !== 'object' || result === null) return { queued: [], decoratedLinks: [] };
    const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
    return { queued: strings(Reflect.get(result, 'queued')), decoratedLinks: strings(Reflect.get(result, 'decoratedLinks')) };
  } catch {
    return { queued: [], decoratedLinks: [] };
  }
}
