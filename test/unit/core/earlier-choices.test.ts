// Switching off puts back what was there: keeping the choice cookies before a rule writes them,
// and the plan that makes them exactly what they were again.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { keepEarlier, namesWrittenBy, needsEarlier, planRestore, releaseEarlier } from '../../../src/core/earlier-choices.ts';
import { recordFromSetDetails } from '../../../src/core/cookie-details.ts';
import { planOptOut } from '../../../src/core/plans.ts';
import type { CookieChanges } from '../../../src/core/plans.ts';
import type { EarlierChoices } from '../../../src/core/rules.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import { cookieIdentity } from '../../../src/model/cookie.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';
import { cookie } from './make-cookie.ts';

const NOW = Date.UTC(2025, 0, 1);
const LATER = Math.floor(NOW / 1000) + 86_400 * 30;
const DNT = '__hs_do_not_track';
const OPT_OUT = '__hs_opt_out';
const PREF = '__hs_cookie_cat_pref';

const sitesAccept = cookie(PREF, '1:true,2:false,3:true', '.example.com', { expirationDate: LATER });
const sitesOptOutNo = cookie(OPT_OUT, 'no', '.example.com', { expirationDate: LATER });
const ourDnt = cookie(DNT, 'yes', '.example.com', { expirationDate: LATER });
const ourOptOut = cookie(OPT_OUT, 'yes', '.example.com', { expirationDate: LATER });
const ourPref = cookie(PREF, '1:false,2:false,3:false', '.example.com', { expirationDate: LATER });
const hstc = cookie('__hstc', 'x', '.example.com');

describe('which cookies a rule writes', () => {
  test.each([
    [null, []],
    [{ doNotTrack: false, optOut: 'off' as const }, []],
    [{ doNotTrack: true, optOut: 'off' as const }, [DNT]],
    [{ doNotTrack: false, optOut: 'cookies' as const }, [DNT, OPT_OUT, PREF]],
    [{ doNotTrack: true, optOut: 'block' as const }, [DNT, OPT_OUT, PREF]],
  ])('%j -> %j', (rule, names) => {
    expect(namesWrittenBy(rule)).toEqual(names);
  });
});

describe('keepEarlier', () => {
  test('keeps the cookies of the names not kept yet, including "none" for a name without a cookie', () => {
    const kept = keepEarlier(undefined, [DNT, OPT_OUT, PREF], [sitesAccept, hstc], '0', 'www.example.com');
    expect(kept).toEqual({ '0': { storeId: '0', host: 'www.example.com', names: [DNT, OPT_OUT, PREF], cookies: [sitesAccept] } });
  });

  test('a name already kept keeps its first state (do-not-track on, then opt-out)', () => {
    const first = keepEarlier(undefined, [DNT], [], '0', 'www.example.com');
    const second = keepEarlier(first, [DNT, OPT_OUT, PREF], [ourDnt, sitesOptOutNo, sitesAccept], '0', 'www.example.com');
    expect(second).toEqual({ '0': { storeId: '0', host: 'www.example.com', names: [DNT, OPT_OUT, PREF], cookies: [sitesOptOutNo, sitesAccept] } });
  });

  test('every cookie store keeps its own: a container\'s consent next to the normal windows\' none', () => {
    const first = keepEarlier(undefined, [DNT], [], '0', 'www.example.com');
    const inContainer = { ...sitesAccept, storeId: 'firefox-container-1' };
    const both = keepEarlier(first, [DNT, PREF], [inContainer], 'firefox-container-1', 'shop.example.com');
    expect(both).toEqual({
      '0': { storeId: '0', host: 'www.example.com', names: [DNT], cookies: [] },
      'firefox-container-1': { storeId: 'firefox-container-1', host: 'shop.example.com', names: [DNT, PREF], cookies: [inContainer] },
    });
    // Cookies of another store are never kept as this store's.
    expect(keepEarlier(undefined, [PREF], [sitesAccept], 'firefox-private', 'www.example.com')).toEqual({
      'firefox-private': { storeId: 'firefox-private', host: 'www.example.com', names: [PREF], cookies: [] },
    });
  });

  test('a store id that is an object key of JavaScript stays data', () => {
    const kept = keepEarlier(undefined, [DNT], [], '__proto__', 'www.example.com');
    expect(Object.keys(kept ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
  });

  test('needsEarlier: a rule missing a name it writes in this store; never a managed one', () => {
    const rule = { doNotTrack: false, optOut: 'cookies' as const };
    const entry = (storeId: string, names: string[]): EarlierChoices => ({ storeId, host: 'a.example', names, cookies: [] });
    expect(needsEarlier(rule, '0')).toBe(true);
    expect(needsEarlier({ ...rule, earlier: { '0': entry('0', [DNT]) } }, '0')).toBe(true);
    expect(needsEarlier({ ...rule, earlier: { '0': entry('0', [DNT, OPT_OUT, PREF]) } }, '0')).toBe(false);
    // Another store's entry does not speak for this one.
    expect(needsEarlier({ ...rule, earlier: { '1': entry('1', [DNT, OPT_OUT, PREF]) } }, '0')).toBe(true);
    expect(needsEarlier({ ...rule, managed: true }, '0')).toBe(false);
  });
});

describe('releaseEarlier', () => {
  const earlier: EarlierChoices = { storeId: '0', host: 'www.example.com', names: [DNT, OPT_OUT, PREF], cookies: [sitesOptOutNo, sitesAccept] };
  const privateOne: EarlierChoices = { storeId: '1', host: 'www.example.com', names: [DNT, OPT_OUT, PREF], cookies: [{ ...sitesOptOutNo, storeId: '1' }] };

  test('opt-out off with do-not-track still on: the consent cookies are released, do-not-track kept', () => {
    expect(releaseEarlier({ '0': earlier }, [DNT])).toEqual({
      kept: { '0': { ...earlier, names: [DNT], cookies: [] } },
      released: [{ ...earlier, names: [OPT_OUT, PREF], cookies: [sitesOptOutNo, sitesAccept] }],
    });
  });

  test('everything off: everything released, from every store', () => {
    expect(releaseEarlier({ '0': earlier, '1': privateOne }, [])).toEqual({ kept: undefined, released: [earlier, privateOne] });
  });

  test('nothing stops being written: nothing released', () => {
    const both = { '0': earlier, '1': privateOne };
    expect(releaseEarlier(both, [DNT, OPT_OUT, PREF])).toEqual({ kept: both, released: [] });
  });

  test('nothing kept: nothing released', () => {
    expect(releaseEarlier(undefined, [])).toEqual({ kept: undefined, released: [] });
  });
});

describe('planRestore', () => {
  const released: EarlierChoices = { storeId: '0', host: 'www.example.com', names: [DNT, OPT_OUT, PREF], cookies: [sitesOptOutNo, sitesAccept] };

  test('ours overwritten by the site\'s own where they share a place; a name that had none is removed', () => {
    const plan = planRestore([ourDnt, ourOptOut, ourPref, hstc], released, NOW);
    expect(plan.remove).toEqual([ourDnt]);
    expect(plan.set.map(recordFromSetDetails).map((c) => `${c.name}=${c.value}@${c.domain}`)).toEqual([`${OPT_OUT}=no@.example.com`, `${PREF}=1:true,2:false,3:true@.example.com`]);
  });

  test('an extra copy in another place is removed and the earlier one of that name written again', () => {
    const hostOnly = cookie(PREF, '1:false,2:false,3:false', 'www.example.com');
    const plan = planRestore([sitesOptOutNo, sitesAccept, hostOnly], released, NOW);
    expect(plan.remove).toEqual([hostOnly]);
    expect(plan.set.map((d) => d.name)).toEqual([PREF]);
  });

  test('already as it was: nothing to do', () => {
    expect(planRestore([sitesOptOutNo, sitesAccept, hstc], released, NOW)).toEqual({ set: [], remove: [] });
  });

  test('an earlier cookie that has expired since stays gone', () => {
    const expired = cookie(PREF, '1:true,2:true,3:true', '.example.com', { expirationDate: Math.floor(NOW / 1000) - 1 });
    expect(planRestore([ourPref], { ...released, names: [PREF], cookies: [expired] }, NOW)).toEqual({ set: [], remove: [ourPref] });
  });
});

// ---- property: opt out, then switch off, gives back exactly the cookies of before ----------------

function apply(cookies: readonly CookieRecord[], changes: CookieChanges): CookieRecord[] {
  const removed = new Set(changes.remove.map(cookieIdentity));
  const after = new Map<string, CookieRecord>();
  for (const c of cookies) if (!removed.has(cookieIdentity(c))) after.set(cookieIdentity(c), c);
  for (const details of changes.set) {
    const record = recordFromSetDetails(details);
    after.set(cookieIdentity(record), record);
  }
  return [...after.values()];
}

const choiceCookie: fc.Arbitrary<CookieRecord> = fc
  .record({
    name: fc.constantFrom(DNT, OPT_OUT, PREF),
    value: fc.constantFrom('yes', 'no', '1', '1:true_2:true_3:true', '1:false,2:true,3:false'),
    domain: fc.constantFrom('www.example.com', '.example.com'),
    path: fc.constantFrom('/', '/blog'),
  })
  .map(({ name, value, domain, path }) => cookie(name, value, domain, { path, expirationDate: LATER }));

test('opt-out on, then off, leaves the choice cookies exactly as they were', () => {
  const www = siteFromUrl('https://www.example.com/');
  if (!www.ok) throw new Error('test setup');
  const names = [DNT, OPT_OUT, PREF];
  const key = (c: CookieRecord): string => `${cookieIdentity(c)}=${c.value}`;
  fc.assert(
    fc.property(fc.uniqueArray(choiceCookie, { selector: cookieIdentity, maxLength: 6 }), (before) => {
      const earlier = keepEarlier(undefined, names, before, '0', 'www.example.com')?.['0'];
      if (earlier === undefined) throw new Error('kept nothing');
      const optedOut = apply(before, planOptOut(www.site, before, { now: NOW, storeId: '0', hstcDomainMatch: null }));
      const after = apply(optedOut, planRestore(optedOut, earlier, NOW));
      expect(after.map(key).sort()).toEqual(before.map(key).sort());
    }),
  );
});
