import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { migrate } from '../../../src/storage/migrate.ts';
import { deleteCleanUp, putCleanUp } from '../../../src/storage/store.ts';
import { cleanUpSettings, readCleanUpNotices, readTabTracking, tabTrackingValue, withNotice } from '../../../src/storage/cleanup-session.ts';
import { emptyStore } from '../../../src/storage/schema.ts';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/storage/${name}`, import.meta.url), 'utf8'));
}

describe('the clean-up choices in settings version 3 (an optional field)', () => {
  test('a version 3 store without them reads as before: nothing added, nothing to write back', () => {
    const result = migrate(fixture('v3.json'));
    if (!result.ok) throw new Error(result.problem);
    expect(result.changed).toBe(false);
    expect('cleanUp' in result.store).toBe(false);
  });

  test('valid choices are kept; a malformed one is set aside with where and why, the rest kept', () => {
    const raw = {
      ...fixture('v3.json'),
      cleanUp: {
        'example.com': { site: 'example.com', scope: 'tracking', since: 10 },
        'hubdemo.test': { site: 'hubdemo.test', scope: 'all', since: 11 },
        'bad.example': { site: 'bad.example', scope: 'everything', since: 12 },
        'moved.example': { site: 'other.example', scope: 'all', since: 13 },
      },
    };
    const result = migrate(raw);
    if (!result.ok) throw new Error(result.problem);
    expect(result.store.cleanUp).toEqual({
      'example.com': { site: 'example.com', scope: 'tracking', since: 10 },
      'hubdemo.test': { site: 'hubdemo.test', scope: 'all', since: 11 },
    });
    expect(result.setAside.map((entry) => [entry.from, entry.reason])).toEqual([
      ['cleanUp["bad.example"]', 'invalid-entry'],
      ['cleanUp["moved.example"]', 'key-mismatch'],
    ]);
    // The rules and snapshots beside them are untouched.
    const plain = migrate(fixture('v3.json'));
    if (!plain.ok) throw new Error(plain.problem);
    expect({ rules: result.store.rules, undo: result.store.undo }).toEqual({ rules: plain.store.rules, undo: plain.store.undo });
  });

  test('a stored store with choices reads back unchanged (no write on every start)', () => {
    const stored = { ...fixture('v3.json'), cleanUp: { 'example.com': { site: 'example.com', scope: 'tracking', since: 10 } } };
    const result = migrate(JSON.parse(JSON.stringify(stored)));
    expect(result.ok && result.changed).toBe(false);
  });

  test('put and delete: a changed scope restamps, the same scope is the same store, removing the last leaves an empty map', () => {
    const marked = putCleanUp(emptyStore(), 'example.com', 'tracking', 5);
    expect(marked.cleanUp).toEqual({ 'example.com': { site: 'example.com', scope: 'tracking', since: 5 } });
    expect(putCleanUp(marked, 'example.com', 'tracking', 9)).toBe(marked);
    expect(putCleanUp(marked, 'example.com', 'all', 9).cleanUp).toEqual({ 'example.com': { site: 'example.com', scope: 'all', since: 9 } });
    expect(deleteCleanUp(marked, 'example.com').cleanUp).toEqual({});
    expect(deleteCleanUp(marked, 'other.example')).toBe(marked);
  });
});

describe('what the background keeps in storage.session', () => {
  test('tab tracking round-trips; malformed tabs and keys are dropped, never thrown', () => {
    const state = { tabs: { '4': { site: 'example.com', storeId: '0', url: 'https://www.example.com/' } }, earlierUrls: { '0/example.com': ['https://shop.example.com/'] } };
    expect(readTabTracking(JSON.parse(JSON.stringify(tabTrackingValue(state))))).toEqual(state);
    const hostile = JSON.parse('{"version":1,"tabs":{"__proto__":{"site":"example.com","storeId":"0","url":"https://x/"},"5":{"site":"<b>","storeId":"0","url":"https://x/"},"6":"nope","7":{"site":"example.com","storeId":"0","url":"https://www.example.com/"}},"earlierUrls":{"__proto__":["https://x/"],"0/a.example":[1]}}');
    const read = readTabTracking(hostile);
    expect(Object.keys(read.tabs)).toEqual(['7']);
    expect(Object.getPrototypeOf(read.earlierUrls)).toBe(Object.prototype);
    expect(readTabTracking({ version: 2, tabs: state.tabs })).toEqual({ tabs: {}, earlierUrls: {} });
    expect(readTabTracking('garbage')).toEqual({ tabs: {}, earlierUrls: {} });
  });

  test('notices: one per site and store, the newest; malformed ones dropped', () => {
    const notice = { site: 'example.com', storeId: '0', snapshotId: 's1', removed: 4, at: 100 };
    const written = withNotice({}, notice);
    expect(readCleanUpNotices(written)).toEqual({ '0/example.com': notice });
    const replaced = withNotice(readCleanUpNotices(written), { ...notice, snapshotId: 's2', at: 200 });
    expect(readCleanUpNotices(replaced)).toEqual({ '0/example.com': { ...notice, snapshotId: 's2', at: 200 } });
    expect(readCleanUpNotices({ version: 1, notices: { '0/example.com': { ...notice, removed: 0 }, '1/example.com': notice } })).toEqual({});
  });

  test('a notice says when the clean-up was made at browser start; any other word for it is dropped, the notice kept', () => {
    const atStart = { site: 'example.com', storeId: '0', snapshotId: 's1', removed: 2, at: 100, when: 'browser-start' as const };
    expect(readCleanUpNotices(withNotice({}, atStart))).toEqual({ '0/example.com': atStart });
    const { when: _when, ...plain } = atStart;
    expect(readCleanUpNotices({ version: 1, notices: { '0/example.com': { ...plain, when: 'yesterday' } } })).toEqual({ '0/example.com': plain });
  });

  test('the pages\' view: the visitor\'s choices with the organisation\'s, the notices and the undo snapshots', () => {
    const root = { version: 3, rules: {}, undo: {}, stripLinks: {}, setAside: [], cleanUp: { 'example.com': { site: 'example.com', scope: 'all', since: 3 } } };
    const view = cleanUpSettings(root, { cleanUpSites: ['corp.example'] }, undefined);
    expect(view.choices).toEqual({
      'example.com': { site: 'example.com', scope: 'all', since: 3 },
      'corp.example': { site: 'corp.example', scope: 'tracking', since: 0, managed: true },
    });
    expect(view.notices).toEqual({});
    // Settings from a newer version: no choices of the visitor's are guessed, the organisation's still hold.
    expect(cleanUpSettings({ version: 99 }, { cleanUpSites: ['corp.example'] }, undefined).choices).toEqual({ 'corp.example': { site: 'corp.example', scope: 'tracking', since: 0, managed: true } });
  });
});
