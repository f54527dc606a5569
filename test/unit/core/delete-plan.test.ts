// Deleting chosen cookies: exactly those, never another site's, copies the browser took back, and
// an undo snapshot that keeps earlier removals.
import { describe, expect, test } from 'vitest';
import { collateralLosses, planDelete, snapshotAfterDelete } from '../../../src/core/delete-plan.ts';
import { planUndo, UNDO_LIFETIME_MS, type UndoSnapshot } from '../../../src/core/plans.ts';
import { restoreDetailsFor } from '../../../src/core/cookie-details.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import { cookieIdentity } from '../../../src/model/cookie.ts';
import { cookie } from './make-cookie.ts';

const NOW = Date.UTC(2025, 0, 1);
const parsed = siteFromUrl('https://www.example.com/');
if (!parsed.ok) throw new Error('test setup');
const www = parsed.site;

const gaDomain = cookie('_ga', 'GA1.1.1.1', '.example.com', { expirationDate: 1_800_000_000 });
const gaHost = cookie('_ga', 'GA1.1.2.2', 'www.example.com');
const gaShop = cookie('_ga', 'GA1.1.3.3', '.example.com', { path: '/shop' });
const gaPartitioned = cookie('_ga', 'GA1.1.4.4', '.example.com', { secure: true, sameSite: 'no_restriction', partitionKey: { topLevelSite: 'https://example.com' } });
const gaOtherStore = cookie('_ga', 'GA1.1.5.5', '.example.com', { storeId: '1' });
const session = cookie('sessionid', 'abc', 'www.example.com', { httpOnly: true, secure: true });
const otherSite = cookie('_ga', 'GA1.1.9.9', '.other.com');
const ALL = [gaDomain, gaHost, gaShop, gaPartitioned, gaOtherStore, session, otherSite];

describe('planDelete', () => {
  test('removes exactly the chosen variant, not the same name on another domain, path, partition or store', () => {
    for (const chosen of [gaDomain, gaHost, gaShop, gaPartitioned, gaOtherStore]) {
      const plan = planDelete(www, ALL, [cookieIdentity(chosen)]);
      expect(plan.remove).toEqual([chosen]);
      expect(plan.notFound).toBe(0);
    }
  });

  test('never removes another site\'s cookie, and counts chosen cookies that are gone', () => {
    const plan = planDelete(www, ALL, [cookieIdentity(otherSite), cookieIdentity(session), 'no such cookie']);
    expect(plan.remove).toEqual([session]);
    expect(plan.notFound).toBe(2);
  });

  test('a cookie listed twice (by the browser or in the request) is removed once', () => {
    const plan = planDelete(www, [session, session], [cookieIdentity(session), cookieIdentity(session)]);
    expect(plan.remove).toEqual([session]);
  });
});

describe('collateralLosses', () => {
  test('same-named cookies that vanished without being chosen are given back; chosen and untouched ones are not', () => {
    const before = [gaDomain, gaHost, gaShop, session];
    // Removing the host-only _ga by URL took the Domain copy with it; /shop stayed.
    const after = [gaShop, session];
    expect(collateralLosses(before, [gaHost], after)).toEqual([gaDomain]);
    expect(collateralLosses(before, [gaHost], [gaDomain, gaShop, session])).toEqual([]);
  });

  test('other names that vanished meanwhile are not ours to restore', () => {
    expect(collateralLosses([gaHost, session], [gaHost], [])).toEqual([]);
  });
});

describe('snapshotAfterDelete', () => {
  const base = { id: 'd1', site: 'example.com', storeId: '0' };

  test('the removed cookies, restorable with every attribute by the existing undo', () => {
    const snapshot = snapshotAfterDelete(undefined, [gaPartitioned], base, NOW);
    expect(snapshot).toEqual({ id: 'd1', site: 'example.com', storeId: '0', takenAt: NOW, cookies: [gaPartitioned] });
    const plan = planUndo(snapshot, [], NOW + 1000);
    expect(plan.set).toEqual([restoreDetailsFor(gaPartitioned)]);
  });

  test('keeps a live earlier snapshot\'s cookies (a reset, another delete), once each', () => {
    const earlier: UndoSnapshot = { id: 'r1', site: 'example.com', storeId: '0', takenAt: NOW - 1000, cookies: [gaDomain, session] };
    const snapshot = snapshotAfterDelete(earlier, [session, gaHost], base, NOW);
    expect(snapshot.cookies).toEqual([gaDomain, session, gaHost]);
    expect(snapshot.takenAt).toBe(NOW);
  });

  test('an expired earlier snapshot is dropped', () => {
    const expired: UndoSnapshot = { id: 'r0', site: 'example.com', storeId: '0', takenAt: NOW - UNDO_LIFETIME_MS - 1, cookies: [gaDomain] };
    expect(snapshotAfterDelete(expired, [gaHost], base, NOW).cookies).toEqual([gaHost]);
  });
});
