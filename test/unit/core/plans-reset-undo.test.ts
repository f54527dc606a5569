import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createUndoSnapshot, isSnapshotLive, planReset, planUndo, undoKey } from '../../../src/core/plans.ts';
import type { CookieSetDetails } from '../../../src/core/cookie-details.ts';
import { recordFromSetDetails } from '../../../src/core/cookie-details.ts';
import { resetGroupOfAny } from '../../../src/core/vendors.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { SiteContext } from '../../../src/core/site.ts';
import { cookieIdentity } from '../../../src/model/cookie.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';
import { cookie } from './make-cookie.ts';

const NOW = Date.UTC(2025, 0, 1);
const HOUR_MS = 3_600_000;

function site(url: string): SiteContext {
  const result = siteFromUrl(url);
  if (!result.ok) throw new Error(`test setup: ${url}`);
  return result.site;
}

const www = site('https://www.example.com/');

const HSTC = '114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728971805584.1';
const hstcHost = cookie('__hstc', HSTC, 'www.example.com', { expirationDate: 1_751_241_600 });
const hstcDomain = cookie('__hstc', HSTC, '.example.com', { expirationDate: 1_751_241_600 });
const hstcPartitioned = cookie('__hstc', HSTC, '.example.com', { secure: true, sameSite: 'no_restriction', partitionKey: { topLevelSite: 'https://example.com' } });
const utk = cookie('hubspotutk', '0a1b2c3d4e5f40718293a4b5c6d7e8f9', '.example.com', { expirationDate: 1_751_241_600 });
const hssc = cookie('__hssc', '114212440.1.1728971805585', '.example.com', { expirationDate: 1_735_691_400 });
const hssrc = cookie('__hssrc', '1', '.example.com');
const chat = cookie('messagesUtk', '2137a056052844bc82dea8c9d53c9dd8', 'www.example.com', { path: '/support' });
const consent = cookie('__hs_cookie_cat_pref', '1:true_2:false_3:true', '.example.com');
const dnt = cookie('__hs_do_not_track', 'yes', '.example.com');
const login = cookie('__hsmem', '0:abcdefghijklmnopqrstuvwxyz', 'www.example.com', { httpOnly: true, secure: true });
const protectedPage = cookie('12345_key', 'encrypted', 'www.example.com');
const cloudflare = cookie('__cf_bm', 'token', '.example.com', { httpOnly: true, secure: true });
const ga = cookie('_ga', 'GA1.2.1.2', '.example.com');
const legacy = cookie('hsfirstvisit', 'x', '.example.com');
const otherSite = cookie('__hstc', HSTC, '.other.com');
const fbp = cookie('_fbp', 'fb.1.1596403881668.1116446470', '.example.com');
const matomo = cookie('_pk_id.1.2a0b', 'd09ebc08c43b8045.1723388297.', 'www.example.com');
const shopLogin = cookie('shop_session', 'abc', 'www.example.com', { httpOnly: true, secure: true });

describe('planReset', () => {
  const all = [hstcHost, hstcDomain, hstcPartitioned, utk, hssc, hssrc, chat, consent, dnt, login, protectedPage, cloudflare, ga, fbp, matomo, legacy, shopLogin, otherSite];

  test('by default: every tracker\'s identity cookies go (every variant); consent, login, necessary and the rest stay', () => {
    expect(planReset(www, all, { includeConsent: false, alsoRemove: [] })).toEqual({
      remove: [hstcHost, hstcDomain, hstcPartitioned, utk, hssc, hssrc, chat, ga, fbp, matomo],
      keep: [
        { cookie: consent, group: 'consent' },
        { cookie: dnt, group: 'consent' },
        { cookie: login, group: 'login-necessary' },
        { cookie: protectedPage, group: 'login-necessary' },
        { cookie: cloudflare, group: 'login-necessary' },
        { cookie: legacy, group: 'other-hubspot' },
        { cookie: shopLogin, group: 'not-hubspot' },
      ],
    });
  });

  test('consent goes only when asked', () => {
    const plan = planReset(www, all, { includeConsent: true, alsoRemove: [] });
    expect(plan.remove).toEqual([hstcHost, hstcDomain, hstcPartitioned, utk, hssc, hssrc, chat, consent, dnt, ga, fbp, matomo]);
  });

  test('ticked cookies go too', () => {
    const plan = planReset(www, all, { includeConsent: false, alsoRemove: [cookieIdentity(shopLogin), cookieIdentity(login)] });
    expect(plan.remove).toEqual([hstcHost, hstcDomain, hstcPartitioned, utk, hssc, hssrc, chat, login, ga, fbp, matomo, shopLogin]);
  });

  test("another site's cookie is in neither list, even when ticked", () => {
    const plan = planReset(www, [otherSite], { includeConsent: true, alsoRemove: [cookieIdentity(otherSite)] });
    expect(plan).toEqual({ remove: [], keep: [] });
  });

  test('a cookie listed twice is planned once', () => {
    expect(planReset(www, [hstcDomain, hstcDomain], { includeConsent: false, alsoRemove: [] }).remove).toEqual([hstcDomain]);
  });
});

const names = ['__hstc', 'hubspotutk', 'messagesUtk', '__hs_do_not_track', '__hs_opt_out', '__hsmem', 'hs-membership-csrf', '42_key', 'hs_ab_test', '__cf_bm', '_cfuvid', '_ga', '_ga_QEHZPBE5HH', '_fbp', '_pk_id.1.2a0b', 'session', 'hs_dbg'];
const anyCookie: fc.Arbitrary<CookieRecord> = fc
  .record({
    name: fc.constantFrom(...names),
    domain: fc.constantFrom('www.example.com', '.example.com', '.www.example.com', 'example.com', '.other.com'),
    path: fc.constantFrom('/', '/a'),
    partitioned: fc.boolean(),
    storeId: fc.constantFrom('0', '1'),
  })
  .map(({ name, domain, path, partitioned, storeId }) =>
    cookie(name, 'v', domain, { path, storeId, ...(partitioned ? { secure: true, partitionKey: { topLevelSite: 'https://example.com' } } : {}) }),
  );

test('planReset removes every tracker identity cookie of the site and never a login/necessary or unrecognised cookie the visitor did not tick (property)', () => {
  fc.assert(
    fc.property(fc.array(anyCookie, { maxLength: 20 }), fc.boolean(), fc.func(fc.boolean()), (cookies, includeConsent, ticks) => {
      const alsoRemove = cookies.filter((c) => ticks(cookieIdentity(c))).map(cookieIdentity);
      const ticked = new Set(alsoRemove);
      const plan = planReset(www, cookies, { includeConsent, alsoRemove });
      for (const kept of plan.keep) expect(resetGroupOfAny(kept.cookie.name), kept.cookie.name).not.toBe('identity');
      for (const removed of plan.remove) {
        const group = resetGroupOfAny(removed.name);
        if (group === 'login-necessary' || group === 'not-hubspot') expect(ticked.has(cookieIdentity(removed))).toBe(true);
        if (group === 'consent' && !includeConsent) expect(ticked.has(cookieIdentity(removed))).toBe(true);
      }
    }),
  );
});

describe('undo', () => {
  const snapshot = createUndoSnapshot('example.com', '0', [hstcHost, hstcDomain, hstcPartitioned, hssrc, chat, hssc], NOW);

  test('a snapshot is keyed by store and site and names when it was taken', () => {
    expect(snapshot).toEqual({
      site: 'example.com',
      storeId: '0',
      takenAt: NOW,
      cookies: [hstcHost, hstcDomain, hstcPartitioned, hssrc, chat, hssc],
      id: `0/example.com@${NOW}`,
    });
    expect(undoKey('example.com', 'firefox-container-1')).toBe('firefox-container-1/example.com');
  });

  test.each([
    [NOW, true],
    [NOW + 24 * HOUR_MS - 1, true],
    [NOW + 24 * HOUR_MS, false],
    [NOW - HOUR_MS, true],
    [NOW - 25 * HOUR_MS, false],
  ])('live at %i: %s', (now, live) => {
    expect(isSnapshotLive(snapshot, now)).toBe(live);
  });

  test('restores exactly the snapshot, with every attribute', () => {
    const later = NOW + HOUR_MS; // __hssc (30 minutes) has expired by then
    const plan = planUndo(snapshot, [], later);
    const expected: CookieSetDetails[] = [
      { url: 'http://www.example.com/', name: '__hstc', value: HSTC, path: '/', secure: false, httpOnly: false, sameSite: 'lax', expirationDate: 1_751_241_600, storeId: '0' },
      { url: 'http://example.com/', name: '__hstc', value: HSTC, domain: '.example.com', path: '/', secure: false, httpOnly: false, sameSite: 'lax', expirationDate: 1_751_241_600, storeId: '0' },
      {
        url: 'https://example.com/',
        name: '__hstc',
        value: HSTC,
        domain: '.example.com',
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'no_restriction',
        storeId: '0',
        partitionKey: { topLevelSite: 'https://example.com' },
      },
      { url: 'http://example.com/', name: '__hssrc', value: '1', domain: '.example.com', path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0' },
      { url: 'http://www.example.com/support', name: 'messagesUtk', value: '2137a056052844bc82dea8c9d53c9dd8', path: '/support', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0' },
    ];
    expect(plan).toEqual({
      snapshotLive: true,
      set: expected,
      setFrom: [hstcHost, hstcDomain, hstcPartitioned, hssrc, chat],
      expired: [hssc],
      replaced: [],
      alreadyPresent: [],
    });
  });

  test('the snapshot wins over a cookie the site wrote since the reset', () => {
    const fresh = cookie('__hstc', '114212440.ffffffffffffffffffffffffffffffff.1735693200000.1735693200000.1735693200000.1', '.example.com');
    const plan = planUndo(snapshot, [fresh], NOW + HOUR_MS);
    expect(plan.replaced).toEqual([fresh]);
    expect(plan.setFrom).toContain(hstcDomain);
  });

  test('undo twice restores once', () => {
    const first = planUndo(snapshot, [], NOW + HOUR_MS);
    const restored = first.set.map(recordFromSetDetails);
    const second = planUndo(snapshot, restored, NOW + HOUR_MS);
    expect(second.set).toEqual([]);
    expect(second.alreadyPresent).toEqual([hstcHost, hstcDomain, hstcPartitioned, hssrc, chat]);
  });

  test('a snapshot older than 24 hours restores nothing', () => {
    expect(planUndo(snapshot, [], NOW + 24 * HOUR_MS)).toEqual({
      snapshotLive: false,
      set: [],
      setFrom: [],
      expired: [hstcHost, hstcDomain, hstcPartitioned, hssrc, chat, hssc],
      replaced: [],
      alreadyPresent: [],
    });
  });
});
