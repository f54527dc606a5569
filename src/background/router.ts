// The handler table for every message in src/protocol/messages.ts. Its type requires a handler
// per message, so adding a message without one fails to compile.
import type { Api, MessageName, Reply, Request, WireError } from '../protocol/messages.ts';
import { ActionError, applyRuleChangeWithoutTab, removeRule, reset, saveRule, setDoNotTrack, setOptOut, setStripLinks, undo } from './site-actions.ts';
import { StoreRefusedError, loadStore, updateStore } from './settings.ts';
import { exportRules, mergeImportedRules, parseRulesFile, sitesIn } from '../storage/rules-file.ts';
import { deleteLinkStripping, dismissSetAside } from '../storage/store.ts';
import { syncNetworkRules } from './blocking.ts';
import { setVendorBlock } from './vendor-actions.ts';
import { portalDomains, setGpc } from './page-actions.ts';
import { logError } from './log.ts';
import { readChoiceCookies } from './choice-state.ts';
import { deleteCookies } from './delete.ts';
import { importCookies, undoImport } from './import.ts';
import { writeCookie } from './edit.ts';
import { readLocal, writeLocal, VIEW_KEY } from '../browser/storage.ts';
import { readViewPrefs, withRowOrder } from '../storage/view-prefs.ts';
import { removeCleanUp, setCleanUp } from './cleanup.ts';

type Handlers = { [K in MessageName]: (payload: Api[K]['req']) => Promise<Api[K]['res']> };

const handlers: Handlers = {
  setDoNotTrack: (p) => setDoNotTrack(p.tabId, p.on, Date.now()),
  setOptOut: (p) => setOptOut(p.tabId, p.level, Date.now()),
  setStripLinks: (p) => setStripLinks(p.tabId, p.on, Date.now()),
  setGpc: (p) => setGpc(p.tabId, p.on, Date.now()),
  portalDomains: (p) => portalDomains(p.tabId),
  setVendorBlock: (p) => setVendorBlock(p.tabId, p.vendor, p.blocked, Date.now()),
  reset: (p) => reset(p.tabId, p.includeConsent, p.alsoRemove, Date.now(), p.clearStoredData === true),
  undo: (p) => undo(p.tabId, p.snapshotId, Date.now()),
  deleteCookies: (p) => deleteCookies(p.tabId, p.cookies, Date.now()),
  importCookies: (p) => importCookies(p.tabId, p.text, Date.now()),
  undoImport: (p) => undoImport(p.tabId),
  writeCookie: (p) => writeCookie(p.tabId, p.cookie, Date.now()),
  setRowOrder: async (p) => {
    const read = readViewPrefs(await readLocal(VIEW_KEY));
    if (!read.ok) throw new StoreRefusedError('popup layout preferences from a newer version');
    await writeLocal(VIEW_KEY, withRowOrder(read.prefs, p.order));
    return { order: p.order };
  },
  // Changes on the options page have no tab: what a rule stops writing is put back in the store
  // where it was kept; what it starts writing is kept first by enforcement (enforce.ts).
  updateRule: async (p) => {
    const now = Date.now();
    const change = await saveRule(p.site, { doNotTrack: p.doNotTrack, optOut: p.optOut }, now);
    await syncNetworkRules();
    await applyRuleChangeWithoutTab(change, now);
    return { rule: change.rule };
  },
  removeRule: async (p) => {
    const change = await removeRule(p.site);
    await syncNetworkRules();
    if (change !== null) await applyRuleChangeWithoutTab(change, Date.now());
    return { removed: change !== null };
  },
  importRules: async (p) => {
    const parsed = parseRulesFile(p.text);
    if (!parsed.ok) throw new ActionError({ code: 'import-invalid', detail: parsed.message });
    await updateStore((current) => {
      const next = mergeImportedRules(current, parsed.file);
      return { store: next, result: next };
    });
    // The clean-up follows the new sites' tabs by itself: it watches the stored settings.
    await syncNetworkRules();
    return { imported: sitesIn(parsed.file) };
  },
  exportRules: async () => ({ text: exportRules(await loadStore(), Date.now()) }),
  discardSetAside: (p) =>
    updateStore((store) => {
      const next = dismissSetAside(store, p.index);
      return { store: next, result: { remaining: next.setAside.length } };
    }),
  setCleanUp: (p) => setCleanUp(p.tabId, p.scope, Date.now()),
  removeCleanUp: (p) => removeCleanUp(p.site),
  // The redirect goes before the reply (it stays while the site is opted out).
  removeLinkStripping: async (p) => {
    const removed = await updateStore((store) => {
      const next = deleteLinkStripping(store, p.site);
      return { store: next, result: next !== store };
    });
    await syncNetworkRules();
    return { removed };
  },
  choiceCookies: async () => ({ states: await readChoiceCookies() }),
};

function toWireError(error: unknown): WireError {
  if (error instanceof ActionError) return error.wire;
  if (error instanceof StoreRefusedError) return { code: 'store-newer', detail: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  // Browsers word quota errors differently; both mention the quota.
  if (/quota/i.test(detail)) return { code: 'storage-full', detail };
  if (/permission/i.test(detail)) return { code: 'no-permission', detail };
  return { code: 'internal', detail };
}

async function dispatch<K extends MessageName>(type: K, payload: Api[K]['req']): Promise<Reply<K>> {
  try {
    const handler: (payload: Api[K]['req']) => Promise<Api[K]['res']> = handlers[type];
    return { ok: true, value: await handler(payload) };
  } catch (error) {
    const wire = toWireError(error);
    if (!(error instanceof ActionError)) logError(`handling "${type}"`, error);
    return { ok: false, error: wire };
  }
}

export function route(request: Request): Promise<Reply<MessageName>> {
  return dispatch(request.type, request.payload);
}
