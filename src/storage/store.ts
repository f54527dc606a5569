// Pure updates of the current store. Each returns a new store; the background writes it.
import { isSnapshotLive, undoKey } from '../core/plans.ts';
import type { UndoSnapshot } from '../core/plans.ts';
import type { SiteRule } from '../core/rules.ts';
import { cookieStoreKind } from '../core/choice-state.ts';
import { emptyStore } from './schema.ts';
import type { Store } from './schema.ts';
import { jsonText } from './validate-v1.ts';

export function rulesOf(store: Store): SiteRule[] {
  return Object.values(store.rules);
}

export function ruleOf(store: Store, site: string): SiteRule | undefined {
  return Object.hasOwn(store.rules, site) ? store.rules[site] : undefined;
}

/** Adds or replaces the visitor's rule for a site. A rule set by policy (`managed`) is not replaced. */
export function putRule(store: Store, rule: SiteRule): Store {
  if (ruleOf(store, rule.site)?.managed === true) return store;
  return { ...store, rules: { ...store.rules, [rule.site]: rule } };
}

/** Forgets the visitor's rule for a site (not a managed one). */
export function deleteRule(store: Store, site: string): Store {
  const existing = ruleOf(store, site);
  if (existing === undefined || existing.managed === true) return store;
  return { ...store, rules: Object.fromEntries(Object.entries(store.rules).filter(([key]) => key !== site)) };
}

/** Keeps a reset's snapshot; it replaces the site's previous one in the same cookie store. */
export function putUndoSnapshot(store: Store, snapshot: UndoSnapshot): Store {
  return { ...store, undo: { ...store.undo, [undoKey(snapshot.site, snapshot.storeId)]: snapshot } };
}

/**
 * Takes a site's snapshot out of the store for an undo. The snapshot is removed either way, so a
 * second undo finds nothing; it is returned only while it is live.
 */
export function takeUndoSnapshot(store: Store, site: string, storeId: string, now: number): { store: Store; snapshot: UndoSnapshot | undefined } {
  const key = undoKey(site, storeId);
  if (!Object.hasOwn(store.undo, key)) return { store, snapshot: undefined };
  const snapshot = store.undo[key];
  const rest = Object.fromEntries(Object.entries(store.undo).filter(([other]) => other !== key));
  return { store: { ...store, undo: rest }, snapshot: snapshot !== undefined && isSnapshotLive(snapshot, now) ? snapshot : undefined };
}

/** The live snapshot of a site, without taking it (to offer Undo in the popup). */
export function peekUndoSnapshot(store: Store, site: string, storeId: string, now: number): UndoSnapshot | undefined {
  const key = undoKey(site, storeId);
  const snapshot = Object.hasOwn(store.undo, key) ? store.undo[key] : undefined;
  return snapshot !== undefined && isSnapshotLive(snapshot, now) ? snapshot : undefined;
}

/** Drops snapshots older than 24 hours; returns the same store when none is. */
export function pruneUndo(store: Store, now: number): Store {
  const live = Object.entries(store.undo).filter(([, snapshot]) => isSnapshotLive(snapshot, now));
  if (live.length === Object.keys(store.undo).length) return store;
  return { ...store, undo: Object.fromEntries(live) };
}

/**
 * The store without what it kept of private windows' cookie stores: the earlier choice cookies a
 * rule kept there and the undo snapshots taken there. The browser empties those stores when the
 * last private window closes; kept longer, a switch turned off or an Undo in a later private
 * session would write the old session's cookies into the new one. Returns the same store when
 * there is nothing to forget.
 */
export function forgetPrivateSessions(store: Store): Store {
  const isPrivate = (storeId: string): boolean => cookieStoreKind(storeId) === 'private';
  let changed = false;
  // Built as entries: a site named `__proto__` must stay an own property.
  const rules = Object.entries(store.rules).map(([site, rule]): [string, SiteRule] => {
    const stores = Object.entries(rule.earlier ?? {});
    const kept = stores.filter(([storeId]) => !isPrivate(storeId));
    if (kept.length === stores.length) return [site, rule];
    changed = true;
    const { earlier: _dropped, ...rest } = rule;
    return [site, kept.length === 0 ? rest : { ...rest, earlier: Object.fromEntries(kept) }];
  });
  const undo = Object.entries(store.undo).filter(([, snapshot]) => !isPrivate(snapshot.storeId));
  if (undo.length !== Object.keys(store.undo).length) changed = true;
  return changed ? { ...store, rules: Object.fromEntries(rules), undo: Object.fromEntries(undo) } : store;
}

/** Removes one set-aside entry once the visitor has seen it on the options page. */
export function dismissSetAside(store: Store, index: number): Store {
  if (index < 0 || index >= store.setAside.length) return store;
  return { ...store, setAside: store.setAside.filter((_, at) => at !== index) };
}

/**
 * For a root that migrate() could not read at all ('not-an-object', 'unknown-version'): an empty
 * store that keeps the old root in `setAside`, so writing it loses nothing. Never use it for
 * 'newer-version', where the data belongs to a newer Cookie Lens and must stay as it is.
 */
export function storeFromUnreadable(raw: unknown): Store {
  return {
    ...emptyStore(),
    setAside: [{ raw: jsonText(raw), from: '(whole store)', reason: 'unreadable-root', detail: 'the stored settings could not be read' }],
  };
}

/** Navigations to the site arrive without HubSpot's identity parameters from now on. */
export function putLinkStripping(store: Store, site: string, now: number): Store {
  if (Object.hasOwn(store.stripLinks, site)) return store;
  return { ...store, stripLinks: { ...store.stripLinks, [site]: { site, since: now } } };
}

export function deleteLinkStripping(store: Store, site: string): Store {
  if (!Object.hasOwn(store.stripLinks, site)) return store;
  return { ...store, stripLinks: Object.fromEntries(Object.entries(store.stripLinks).filter(([key]) => key !== site)) };
}

/** Marks the site "clean up when I close its last tab" (or changes what goes). */
export function putCleanUp(store: Store, site: string, scope: 'tracking' | 'all', now: number): Store {
  const current = store.cleanUp?.[site];
  if (current !== undefined && Object.hasOwn(store.cleanUp ?? {}, site) && current.scope === scope) return store;
  return { ...store, cleanUp: { ...store.cleanUp, [site]: { site, scope, since: now } } };
}

export function deleteCleanUp(store: Store, site: string): Store {
  const current = store.cleanUp;
  if (current === undefined || !Object.hasOwn(current, site)) return store;
  return { ...store, cleanUp: Object.fromEntries(Object.entries(current).filter(([key]) => key !== site)) };
}
