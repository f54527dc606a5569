import { describe, expect, test } from 'vitest';
import {
  deleteRule,
  dismissSetAside,
  forgetPrivateSessions,
  peekUndoSnapshot,
  pruneUndo,
  putRule,
  putUndoSnapshot,
  ruleOf,
  rulesOf,
  storeFromUnreadable,
  takeUndoSnapshot,
} from '../../../src/storage/store.ts';
import { emptyStore, snapshotKey } from '../../../src/storage/schema.ts';
import { migrate } from '../../../src/storage/migrate.ts';
import type { UndoSnapshot } from '../../../src/core/plans.ts';
import type { SiteRule } from '../../../src/core/rules.ts';

const NOW = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;
const rule: SiteRule = { site: 'example.com', doNotTrack: true, optOut: 'off', since: NOW };
const managed: SiteRule = { site: 'corp.example', doNotTrack: true, optOut: 'block', since: 0, managed: true };

function snapshot(site: string, storeId: string, takenAt: number): UndoSnapshot {
  return { site, storeId, takenAt, cookies: [], id: `${storeId}/${site}@${takenAt}` };
}

describe('rules', () => {
  test('put, read and delete a rule', () => {
    const withRule = putRule(emptyStore(), rule);
    expect(ruleOf(withRule, 'example.com')).toEqual(rule);
    expect(rulesOf(withRule)).toEqual([rule]);
    expect(ruleOf(deleteRule(withRule, 'example.com'), 'example.com')).toBeUndefined();
    expect(ruleOf(withRule, 'constructor')).toBeUndefined();
  });

  test('a rule set by policy is neither replaced nor deleted', () => {
    const withPolicy = putRule(emptyStore(), managed);
    expect(putRule(withPolicy, { ...managed, optOut: 'off', managed: false })).toBe(withPolicy);
    expect(deleteRule(withPolicy, 'corp.example')).toBe(withPolicy);
  });
});

describe('undo snapshots', () => {
  test('a new reset of the same site and store replaces the older snapshot', () => {
    const first = putUndoSnapshot(emptyStore(), snapshot('example.com', '0', NOW));
    const second = putUndoSnapshot(first, snapshot('example.com', '0', NOW + 1000));
    const otherStore = putUndoSnapshot(second, snapshot('example.com', '1', NOW));
    expect(Object.keys(otherStore.undo)).toEqual(['0/example.com', '1/example.com']);
    expect(otherStore.undo[snapshotKey('example.com', '0')]?.takenAt).toBe(NOW + 1000);
  });

  test('taking a snapshot removes it, so a second undo finds nothing', () => {
    const stored = putUndoSnapshot(emptyStore(), snapshot('example.com', '0', NOW));
    const first = takeUndoSnapshot(stored, 'example.com', '0', NOW + 1000);
    expect(first.snapshot).toEqual(snapshot('example.com', '0', NOW));
    expect(first.store.undo).toEqual({});
    expect(takeUndoSnapshot(first.store, 'example.com', '0', NOW + 2000)).toEqual({ store: first.store, snapshot: undefined });
  });

  test('an expired snapshot is removed but not returned', () => {
    const stored = putUndoSnapshot(emptyStore(), snapshot('example.com', '0', NOW));
    expect(peekUndoSnapshot(stored, 'example.com', '0', NOW + DAY_MS - 1)).toEqual(snapshot('example.com', '0', NOW));
    expect(peekUndoSnapshot(stored, 'example.com', '0', NOW + DAY_MS)).toBeUndefined();
    const taken = takeUndoSnapshot(stored, 'example.com', '0', NOW + DAY_MS);
    expect(taken.snapshot).toBeUndefined();
    expect(taken.store.undo).toEqual({});
  });

  test('pruning drops snapshots older than 24 hours only', () => {
    const stored = putUndoSnapshot(putUndoSnapshot(emptyStore(), snapshot('old.example', '0', NOW - DAY_MS)), snapshot('new.example', '0', NOW - 1000));
    expect(Object.keys(pruneUndo(stored, NOW).undo)).toEqual(['0/new.example']);
    const fresh = putUndoSnapshot(emptyStore(), snapshot('new.example', '0', NOW));
    expect(pruneUndo(fresh, NOW)).toBe(fresh);
  });
});

describe('set-aside entries', () => {
  test('dismissing one entry keeps the others; an index out of range changes nothing', () => {
    const store = storeFromUnreadable('garbage');
    expect(store.setAside).toEqual([{ raw: '"garbage"', from: '(whole store)', reason: 'unreadable-root', detail: 'the stored settings could not be read' }]);
    expect(dismissSetAside(store, 0).setAside).toEqual([]);
    expect(dismissSetAside(store, 1)).toBe(store);
    expect(dismissSetAside(store, -1)).toBe(store);
  });

  test('a store rebuilt from an unreadable root is itself a valid store', () => {
    const rebuilt = storeFromUnreadable([1, 2, 3]);
    expect(migrate(JSON.parse(JSON.stringify(rebuilt)))).toEqual({ ok: true, store: rebuilt, changed: false, setAside: [] });
  });
});

describe('forgetting what was kept of private windows', () => {
  const earlierIn = (storeId: string) => ({ storeId, host: 'www.example.com', names: ['__hs_opt_out'], cookies: [] });

  test('drops the private stores\' earlier cookies and undo snapshots, keeps every other store\'s', () => {
    let store = putRule(emptyStore(), {
      ...rule,
      earlier: { '0': earlierIn('0'), '1': earlierIn('1'), 'firefox-private': earlierIn('firefox-private'), 'firefox-container-2': earlierIn('firefox-container-2') },
    });
    store = putRule(store, { ...rule, site: 'only-private.example', earlier: { '1': earlierIn('1') } });
    store = putUndoSnapshot(store, snapshot('example.com', '1', NOW));
    store = putUndoSnapshot(store, snapshot('example.com', 'firefox-private', NOW));
    store = putUndoSnapshot(store, snapshot('example.com', '0', NOW));
    store = putUndoSnapshot(store, snapshot('example.com', 'firefox-container-2', NOW));

    const after = forgetPrivateSessions(store);
    expect(Object.keys(ruleOf(after, 'example.com')?.earlier ?? {}).sort()).toEqual(['0', 'firefox-container-2']);
    expect(ruleOf(after, 'only-private.example')).toEqual({ ...rule, site: 'only-private.example' });
    expect(Object.values(after.undo).map((kept) => kept.storeId).sort()).toEqual(['0', 'firefox-container-2']);
  });

  test('returns the same store when no private store was kept', () => {
    const store = putUndoSnapshot(putRule(emptyStore(), { ...rule, earlier: { '0': earlierIn('0') } }), snapshot('example.com', '0', NOW));
    expect(forgetPrivateSessions(store)).toBe(store);
  });

  test('a site named __proto__ stays an own rule', () => {
    const store = putRule(emptyStore(), { ...rule, site: '__proto__', earlier: { '1': earlierIn('1') } });
    const after = forgetPrivateSessions(store);
    expect(Object.hasOwn(after.rules, '__proto__')).toBe(true);
    expect(ruleOf(after, '__proto__')?.earlier).toBeUndefined();
  });
});
