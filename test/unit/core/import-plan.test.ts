// Importing a cookie file into one site: only that site's cookies, never expired ones, the last copy
// of a cookie wins, and the cookies it overwrites are known for Undo.
import { describe, expect, test } from 'vitest';
import { planImport } from '../../../src/core/import-plan.ts';
import type { FileCookie } from '../../../src/core/cookie-files.ts';
import { readImportUndoMap, importUndoKey } from '../../../src/storage/import-undo.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import { cookie } from './make-cookie.ts';

const NOW = Date.UTC(2026, 0, 1);
const parsed = siteFromUrl('https://www.example.com/');
if (!parsed.ok) throw new Error('test setup');
const www = parsed.site;
const file = ({ storeId: _s, ...rest }: ReturnType<typeof cookie>): FileCookie => rest;
const future = NOW / 1000 + 86_400;

describe('planImport', () => {
  const ga = file(cookie('_ga', 'GA1.1.2.2', '.example.com', { expirationDate: future }));
  const own = file(cookie('pref', 'dark', 'www.example.com'));
  const otherHost = file(cookie('pref', 'x', 'shop.example.com'));
  const otherSite = file(cookie('_ga', 'GA1.1.9.9', '.other.com', { expirationDate: future }));
  const expired = file(cookie('old', '1', '.example.com', { expirationDate: NOW / 1000 - 1 }));

  test('writes the site\'s cookies into the tab\'s store; refuses other sites\' and expired ones, saying why', () => {
    const plan = planImport(www, '7', [ga, own, otherHost, otherSite, expired], [], NOW);
    expect(plan.write).toEqual([{ ...ga, storeId: '7' }, { ...own, storeId: '7' }]);
    expect(plan.refused).toEqual([{ cookie: otherHost, reason: 'other-site' }, { cookie: otherSite, reason: 'other-site' }, { cookie: expired, reason: 'expired' }]);
    expect(plan.replaced).toEqual([]);
  });

  test('the cookies it overwrites (same name, domain and path in the store) are listed for Undo', () => {
    const existing = cookie('_ga', 'GA1.1.1.1', '.example.com', { storeId: '7' });
    const elsewhere = cookie('_ga', 'GA1.1.1.1', '.example.com', { storeId: '0' });
    expect(planImport(www, '7', [ga], [existing, elsewhere], NOW).replaced).toEqual([existing]);
  });

  test('a cookie listed twice: the later copy is written, the earlier one reported', () => {
    const first = file(cookie('pref', 'light', 'www.example.com'));
    const plan = planImport(www, '0', [first, own], [], NOW);
    expect(plan.write).toEqual([{ ...own, storeId: '0' }]);
    expect(plan.refused).toEqual([{ cookie: { ...first, storeId: '0' }, reason: 'duplicate' }]);
  });

  test('under first-party isolation the cookies carry the site\'s first-party domain', () => {
    expect(planImport(www, '0', [own], [], NOW, 'example.com').write).toEqual([{ ...own, storeId: '0', firstPartyDomain: 'example.com' }]);
  });
});

describe('readImportUndoMap', () => {
  const written = [cookie('pref', 'dark', 'www.example.com')];
  test('keeps well-formed records under their own key, drops anything else', () => {
    const good = { version: 1, site: 'example.com', storeId: '0', takenAt: NOW, written, replaced: [] };
    expect(readImportUndoMap({ [importUndoKey('example.com', '0')]: good })).toEqual({ '0/example.com': good });
    for (const raw of [null, [], 'x', { '0/example.com': { ...good, version: 2 } }, { 'wrong key': good }, { '0/example.com': { ...good, written: [{ name: 1 }] } }]) {
      expect(readImportUndoMap(raw)).toEqual({});
    }
  });
});
