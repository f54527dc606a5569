// Consent against reality. Inputs are decoded cookies: some decoded by the real families from the
// doc's example values, some built by hand against the Field contract (as the HubSpot families
// emit them). Expected times are worked out by hand from those values and the expiry dates.
import { describe, expect, test } from 'vitest';
import { findConsentContradictions, lastWriteOf } from '../../src/core/consent-check.ts';
import type { ConsentCheckCookie } from '../../src/core/consent-check.ts';
import { DAY_MS, fail, ok } from '../../src/decode/types.ts';
import type { Category, CookieFamily, DocumentedLifetime, Field } from '../../src/decode/types.ts';
import { findFamily } from '../../src/decode/registry.ts';

const NOW = Date.UTC(2025, 9, 1);
const nowSeconds = NOW / 1000;

/** A cookie decoded by the real family for its name. */
function decodedCookie(name: string, value: string, expiresInDays?: number): ConsentCheckCookie {
  const family = findFamily(name);
  if (family === undefined) throw new Error(`no family for ${name}`);
  return {
    name,
    family,
    category: family.category,
    outcome: family.decode(value, { now: NOW, host: 'www.example.com' }),
    value,
    ...(expiresInDays === undefined ? {} : { expirationDate: nowSeconds + expiresInDays * 86_400 }),
  };
}

/** A stand-in family for the HubSpot cookies: the check only reads vendor and lifetime. */
function hubspotFamily(id: string, category: Category, lifetime: DocumentedLifetime): CookieFamily {
  return { id, vendor: 'hubspot', category, lifetime, matches: () => false, decode: () => fail('empty') };
}

const flagField = (key: string, value: boolean, uncertain = false): Field => (uncertain ? { key, value: { kind: 'flag', value }, uncertain } : { key, value: { kind: 'flag', value } });
const instantField = (key: string, epochMs: number): Field => ({ key, value: { kind: 'instant', epochMs } });

const ONETRUST_ANALYTICS_DECLINED =
  'isGpcEnabled=0&datestamp=Wed+Feb+01+2023+12%3A35%3A32+GMT%2B0100+(Central+European+Standard+Time)&version=202209.1.0&consentId=7f3cf16d-b3e1-4781-8db1-61482d0a9dff&interactionCount=1&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A1%2CC0004%3A1%2CC0005%3A1&AwaitingReconsent=false';
const DECLINED_AT = Date.UTC(2023, 1, 1, 11, 35, 32); // 12:35:32 at GMT+0100

const hstcFields = (currentVisit: number): Field[] => [
  { key: 'visitorId', value: { kind: 'id', value: '0a1b2c3d4e5f40718293a4b5c6d7e8f9' } },
  instantField('firstVisit', 1728971805584),
  instantField('previousVisit', 1728971805584),
  instantField('currentVisit', currentVisit),
  { key: 'sessionCount', value: { kind: 'count', value: 1 } },
];
const hstc = (currentVisit: number): ConsentCheckCookie => ({
  name: '__hstc',
  family: hubspotFamily('hubspot.hstc', 'analytics', { kind: 'duration', ms: 180 * DAY_MS, rolling: true }),
  category: 'analytics',
  outcome: ok(hstcFields(currentVisit)),
  expirationDate: nowSeconds + 170 * 86_400,
});

describe('findConsentContradictions', () => {
  test('OneTrust declined analytics, yet _ga and _ga_<ID> are there', () => {
    const cookies = [
      decodedCookie('OptanonConsent', ONETRUST_ANALYTICS_DECLINED, 200),
      // _ga expires in 300 days: Chrome caps its 2-year lifetime at 400 days, so it was written 100 days ago.
      decodedCookie('_ga', 'GA1.1.1958185836.1757409569', 300),
      decodedCookie('_ga_QEHZPBE5HH', 'GS2.1.s1757409568$o1$g0$t1757409591$j37$l0$h0', 300),
      // Advertising and functionality were accepted: no contradiction for these.
      decodedCookie('_fbp', 'fb.1.1596403881668.1116446470', 80),
      decodedCookie('OptanonAlertBoxClosed', '2023-02-01T11:35:40.000Z', 200),
    ];
    expect(findConsentContradictions(cookies, NOW)).toEqual([
      {
        consentCookie: 'OptanonConsent',
        manager: 'onetrust',
        category: 'analytics',
        declinedAt: DECLINED_AT,
        cookie: '_ga',
        vendor: 'google-analytics',
        lastWrite: { epochMs: NOW - 100 * DAY_MS, basis: 'expiry' },
        // C0002 is analytics only under OneTrust's default group ids.
        assumption: 'onetrust-default-groups',
      },
      {
        consentCookie: 'OptanonConsent',
        manager: 'onetrust',
        category: 'analytics',
        declinedAt: DECLINED_AT,
        cookie: '_ga_QEHZPBE5HH',
        vendor: 'google-analytics',
        // The last hit inside the value: t1757409591.
        lastWrite: { epochMs: 1757409591000, basis: 'decoded' },
        assumption: 'onetrust-default-groups',
      },
    ]);
  });

  test('HubSpot cookie-category preference declined analytics, yet __hstc is there', () => {
    const catPref: ConsentCheckCookie = {
      name: '__hs_cookie_cat_pref',
      family: hubspotFamily('hubspot.cookie-cat-pref', 'necessary', { kind: 'duration', ms: 180 * DAY_MS }),
      category: 'necessary',
      outcome: ok([flagField('analytics', false), flagField('advertisement', true), flagField('functionality', true)]),
      value: '1:false_2:true_3:true',
    };
    const currentVisit = Date.UTC(2025, 8, 30, 8);
    expect(findConsentContradictions([catPref, hstc(currentVisit)], NOW)).toEqual([
      { consentCookie: '__hs_cookie_cat_pref', manager: 'hubspot', category: 'analytics', cookie: '__hstc', vendor: 'hubspot', lastWrite: { epochMs: currentVisit, basis: 'decoded' } },
    ]);
  });

  test('__hs_opt_out=yes declines all three categories', () => {
    const optOut: ConsentCheckCookie = {
      name: '__hs_opt_out',
      family: hubspotFamily('hubspot.opt-out', 'necessary', { kind: 'duration', ms: 180 * DAY_MS }),
      category: 'necessary',
      outcome: ok([flagField('declined', true)]),
      value: 'yes',
    };
    const messagesUtk: ConsentCheckCookie = { name: 'messagesUtk', family: hubspotFamily('hubspot.messagesutk', 'functional', { kind: 'unknown' }), category: 'functional', outcome: ok([]) };
    const found = findConsentContradictions([optOut, hstc(NOW - DAY_MS), messagesUtk, decodedCookie('_fbp', 'fb.1.1596403881668.1116446470')], NOW);
    expect(found.map(({ category, cookie }) => [category, cookie])).toEqual([
      ['analytics', '__hstc'],
      ['advertising', '_fbp'],
      ['functional', 'messagesUtk'],
    ]);
  });

  test('__hs_opt_out=yes counts even when its decoder did not settle it', () => {
    const optOut: ConsentCheckCookie = { name: '__hs_opt_out', category: 'necessary', outcome: null, value: 'yes', vendor: 'hubspot' };
    expect(findConsentContradictions([optOut, hstc(NOW - DAY_MS)], NOW)).toMatchObject([{ consentCookie: '__hs_opt_out', manager: 'hubspot', category: 'analytics', cookie: '__hstc' }]);
  });

  test('everything accepted: no contradiction', () => {
    const cookies = [
      decodedCookie('CookieConsent', "{stamp:'abc',necessary:true,preferences:true,statistics:true,marketing:true,method:'explicit',ver:1,utc:1705162226478,region:'ae'}"),
      decodedCookie('_ga', 'GA1.1.1958185836.1757409569', 300),
      decodedCookie('_fbp', 'fb.1.1596403881668.1116446470'),
    ];
    expect(findConsentContradictions(cookies, NOW)).toEqual([]);
  });

  test('necessary cookies are never contradictions, nor are consent cookies themselves', () => {
    const cookies = [
      decodedCookie('CookieConsent', "{stamp:'abc',necessary:true,preferences:false,statistics:false,marketing:false,method:'explicit',ver:1,utc:1705162226478,region:'ae'}"),
      decodedCookie('cmplz_statistics', 'deny'),
      { name: '__cf_bm', category: 'necessary', outcome: null, vendor: 'cloudflare' } satisfies ConsentCheckCookie,
      decodedCookie('OptanonAlertBoxClosed', '2024-07-29T03:03:35.027Z'),
    ];
    expect(findConsentContradictions(cookies, NOW)).toEqual([]);
  });

  test('flags marked uncertain settle nothing', () => {
    const ccCookie = decodedCookie('cc_cookie', JSON.stringify({ categories: ['necessary'], consentTimestamp: '2025-04-16T01:32:51.025Z' }));
    expect(findConsentContradictions([ccCookie, decodedCookie('_fbp', 'fb.1.1596403881668.1116446470')], NOW)).toEqual([]);
  });

  test('the decline time comes from the same manager when the declining cookie has none', () => {
    const cookies = [
      decodedCookie('OptanonConsent', 'groups=C0001%3A1%2CC0004%3A0&consentId=abc'),
      decodedCookie('OptanonAlertBoxClosed', '2024-07-29T03:03:35.027Z'),
      decodedCookie('_gcl_au', '1.1.1765371502.1750842798', 30),
    ];
    expect(findConsentContradictions(cookies, NOW)).toEqual([
      {
        consentCookie: 'OptanonConsent',
        manager: 'onetrust',
        category: 'advertising',
        declinedAt: Date.UTC(2024, 6, 29, 3, 3, 35, 27),
        cookie: '_gcl_au',
        vendor: 'google-ads',
        // 90-day lifetime, 30 days left: written 60 days ago.
        lastWrite: { epochMs: NOW - 60 * DAY_MS, basis: 'expiry' },
        assumption: 'onetrust-default-groups',
      },
    ]);
  });

  test('an expired cookie is not present', () => {
    const cookies = [decodedCookie('OptanonConsent', ONETRUST_ANALYTICS_DECLINED), decodedCookie('_ga', 'GA1.1.1958185836.1757409569', -1)];
    expect(findConsentContradictions(cookies, NOW)).toEqual([]);
  });

  test('a cookie attributed by the database keeps its vendor; an unattributed one is `unknown`', () => {
    const cookies: ConsentCheckCookie[] = [
      decodedCookie('cmplz_marketing', 'deny'),
      { name: 'NID', category: 'advertising', outcome: null, vendor: 'Google' },
      { name: 'mystery', category: 'advertising' },
    ];
    expect(findConsentContradictions(cookies, NOW).map(({ manager, cookie, vendor }) => [manager, cookie, vendor])).toEqual([
      ['complianz', 'NID', 'Google'],
      ['complianz', 'mystery', 'unknown'],
    ]);
  });

  test('of several copies of one cookie, the most recently written is kept', () => {
    const older = hstc(Date.UTC(2025, 5, 1));
    const newer = hstc(Date.UTC(2025, 8, 1));
    const catPref: ConsentCheckCookie = { name: '__hs_cookie_cat_pref', category: 'necessary', vendor: 'hubspot', outcome: ok([flagField('analytics', false)]) };
    expect(findConsentContradictions([catPref, older, newer], NOW)).toMatchObject([{ cookie: '__hstc', lastWrite: { epochMs: Date.UTC(2025, 8, 1), basis: 'decoded' } }]);
  });
});

describe('lastWriteOf', () => {
  const ga = (expiresInDays: number): ConsentCheckCookie => decodedCookie('_ga', 'GA1.1.1958185836.1757409569', expiresInDays);

  test('a lifetime over 400 days with an expiry further out than 400 days: the browser did not cap it', () => {
    // 2 years = 730 days; expiring in 700 days means written 30 days ago.
    expect(lastWriteOf(ga(700), NOW)).toEqual({ epochMs: NOW - 30 * DAY_MS, basis: 'expiry' });
  });

  test('an expiry further out than the documented lifetime gives no estimate', () => {
    expect(lastWriteOf(decodedCookie('_gcl_au', '1.1.1765371502.1750842798', 120), NOW)).toBeUndefined();
  });

  test('no expiry, an unknown lifetime, or a session cookie: no estimate', () => {
    expect(lastWriteOf(decodedCookie('_ga', 'GA1.1.1958185836.1757409569'), NOW)).toBeUndefined();
    expect(lastWriteOf(decodedCookie('_fbp', 'fb.1.1596403881668.1116446470', 80), NOW)).toBeUndefined();
    expect(lastWriteOf(decodedCookie('__utmc', '60493049', 1), NOW)).toBeUndefined();
  });

  test('HubSpot writers use 180 or 390 days: only an expiry past 180 days tells which, so only then is there an estimate', () => {
    const consent = (expiresInDays: number): ConsentCheckCookie => decodedCookie('__hs_opt_out', 'yes', expiresInDays);
    // 300 days left: only a 390-day writer gives that, 90 days ago.
    expect(lastWriteOf(consent(300), NOW)).toEqual({ epochMs: NOW - 90 * DAY_MS, basis: 'expiry' });
    // 170 days left: written 10 days ago (180) or 220 days ago (390): cannot be known.
    expect(lastWriteOf(consent(170), NOW)).toBeUndefined();
  });

  test('the visitor id on an opt-in site expires a fixed time after the first visit: no estimate from its expiry', () => {
    expect(lastWriteOf(decodedCookie('hubspotutk', '0a1b2c3d4e5f40718293a4b5c6d7e8f9', 300), NOW)).toBeUndefined();
    expect(lastWriteOf(decodedCookie('hubspotutk', '0a1b2c3d4e5f40718293a4b5c6d7e8f9', 179), NOW)).toBeUndefined();
  });

  test('a decoded time wins over the expiry estimate; uncertain fields are not used', () => {
    expect(lastWriteOf(decodedCookie('_clsk', 'd9hl|1748200929441|1|1|e.clarity.ms/collect', 1), NOW)).toEqual({ epochMs: 1748200929441, basis: 'decoded' });
    const uncertainOnly: ConsentCheckCookie = { name: 'x', category: 'analytics', outcome: ok([{ key: 'lastHit', value: { kind: 'instant', epochMs: 1 }, uncertain: true }]) };
    expect(lastWriteOf(uncertainOnly, NOW)).toBeUndefined();
  });
});
