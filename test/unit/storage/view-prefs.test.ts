// The popup's remembered layout: read forgivingly, never overwriting a newer version's data.
import { describe, expect, test } from 'vitest';
import { DEFAULT_VIEW_PREFS, readViewPrefs, withRowOrder } from '../../../src/storage/view-prefs.ts';

describe('readViewPrefs', () => {
  test('nothing stored, or something unreadable, gives the defaults (grouped by category)', () => {
    for (const raw of [undefined, null, 'vendor', [], { version: 0, rowOrder: 'vendor' }, { rowOrder: 'vendor' }]) {
      expect(readViewPrefs(raw)).toEqual({ ok: true, prefs: { version: 1, rowOrder: 'category' } });
    }
  });

  test('a stored choice is read back; an unknown order falls back to the default', () => {
    expect(readViewPrefs({ version: 1, rowOrder: 'vendor' })).toEqual({ ok: true, prefs: { version: 1, rowOrder: 'vendor' } });
    expect(readViewPrefs({ version: 1, rowOrder: 'name' }).prefs.rowOrder).toBe('name');
    expect(readViewPrefs({ version: 1, rowOrder: 'written' }).prefs.rowOrder).toBe('written');
    expect(readViewPrefs({ version: 1, rowOrder: 'size' }).prefs.rowOrder).toBe('category');
  });

  test('a newer version is used as defaults and marked so it is not overwritten', () => {
    expect(readViewPrefs({ version: 2, rowOrder: 'vendor', more: true })).toEqual({ ok: false, prefs: DEFAULT_VIEW_PREFS, newer: true });
  });

  test('withRowOrder changes only the order', () => {
    expect(withRowOrder(DEFAULT_VIEW_PREFS, 'name')).toEqual({ version: 1, rowOrder: 'name' });
  });
});
