// Do not track, opt out and enforcement. Expected cookies follow hubspot-cookies.md sections 4-5:
// path /, SameSite Lax, not Secure, 180 days, on the domain HubSpot reads for the site.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { declinedConsentValue, planDoNotTrack, planEnforcement, planOptOut } from '../../../src/core/plans.ts';
import type { ChoiceContext, CookieChanges } from '../../../src/core/plans.ts';
import { recordFromSetDetails } from '../../../src/core/cookie-details.ts';
import type { CookieSetDetails } from '../../../src/core/cookie-details.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { SiteContext } from '../../../src/core/site.ts';
import type { SiteRule } from '../../../src/core/rules.ts';
import { cookieIdentity } from '../../../src/model/cookie.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';
import { cookie } from './make-cookie.ts';

const NOW = Date.UTC(2025, 0, 1); // 1 735 689 600 000 ms
// 1 735 689 600 s + 180 days × 86 400 s = 1 735 689 600 + 15 552 000
const IN_180_DAYS = 1_751_241_600;

function site(url: string): SiteContext {
  const result = siteFromUrl(url);
  if (!result.ok) throw new Error(`test setup: ${url}`);
  return result.site;
}

const www = site('https://www.example.com/pricing');
const ctx: ChoiceContext = { now: NOW, storeId: '0', hstcDomainMatch: null };

function written(name: string, value: string, extra: Partial<CookieSetDetails> = {}): CookieSetDetails {
  return {
    url: 'https://www.example.com/',
    name,
    value,
    domain: '.example.com',
    path: '/',
    secure: false,
    httpOnly: false,
    sameSite: 'lax',
    expirationDate: IN_180_DAYS,
    storeId: '0',
    ...extra,
  };
}

const doNotTrackWritten = written('__hs_do_not_track', 'yes');
// The `,` form, which HubSpot's 2021 and 2024 banners both read; the `_` form where the banner wrote `_`.
const declinedWritten = written('__hs_cookie_cat_pref', '1:false,2:false,3:false');
const declined2024Written = written('__hs_cookie_cat_pref', '1:false_2:false_3:false');
const optOutWritten = written('__hs_opt_out', 'yes');

// hubspot-cookies.md section 7, first visit on www.example.com.
const HSTC = '114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728971805584.1';
const hstcDomain = cookie('__hstc', HSTC, '.example.com', { expirationDate: IN_180_DAYS });
const hstcHost = cookie('__hstc', HSTC, 'www.example.com', { expirationDate: IN_180_DAYS });
const hstcPartitioned = cookie('__hstc', HSTC, '.example.com', { secure: true, partitionKey: { topLevelSite: 'https://example.com' } });
const utk = cookie('hubspotutk', '0a1b2c3d4e5f40718293a4b5c6d7e8f9', '.example.com');
const hssc = cookie('__hssc', '114212440.1.1728971805585', '.example.com');
const hssrc = cookie('__hssrc', '1', '.example.com');
const chat = cookie('messagesUtk', '2137a056052844bc82dea8c9d53c9dd8', '.example.com');
const cloudflare = cookie('__cf_bm', 'token', '.example.com', { secure: true, httpOnly: true });

describe('planDoNotTrack on', () => {
  test('writes __hs_do_not_track=yes on the domain HubSpot reads', () => {
    expect(planDoNotTrack(www, [], true, ctx)).toEqual({ set: [doNotTrackWritten], remove: [] });
  });

  test('nothing to do when our cookie is already there', () => {
    expect(planDoNotTrack(www, [cookie('__hs_do_not_track', 'yes', '.example.com')], true, ctx)).toEqual({ set: [], remove: [] });
  });

  test('a wrong value on our own spot is overwritten, not removed', () => {
    expect(planDoNotTrack(www, [cookie('__hs_do_not_track', '1', '.example.com')], true, ctx)).toEqual({ set: [doNotTrackWritten], remove: [] });
  });

  test('variants the tracker would not honour are removed wherever they sit; "yes" variants stay', () => {
    const hostOnlyTrue = cookie('__hs_do_not_track', 'true', 'www.example.com');
    const deeperNo = cookie('__hs_do_not_track', 'no', '.example.com', { path: '/blog' });
    const partitionedOne = cookie('__hs_do_not_track', '1', '.example.com', { secure: true, partitionKey: { topLevelSite: 'https://example.com' } });
    const hostOnlyYes = cookie('__hs_do_not_track', 'yes', 'www.example.com');
    expect(planDoNotTrack(www, [hostOnlyTrue, deeperNo, partitionedOne, hostOnlyYes], true, ctx)).toEqual({
      set: [doNotTrackWritten],
      remove: [hostOnlyTrue, deeperNo, partitionedOne],
    });
  });

  test('our cookie is written again after removing a variant: Chrome removes by URL and may take it along', () => {
    const ours = cookie('__hs_do_not_track', 'yes', '.example.com');
    const hostOnlyOne = cookie('__hs_do_not_track', '1', 'www.example.com');
    expect(planDoNotTrack(www, [ours, hostOnlyOne], true, ctx)).toEqual({ set: [doNotTrackWritten], remove: [hostOnlyOne] });
  });

  test('an HttpOnly copy does not count: page script cannot read it', () => {
    expect(planDoNotTrack(www, [cookie('__hs_do_not_track', 'yes', '.example.com', { httpOnly: true })], true, ctx).set).toEqual([doNotTrackWritten]);
  });

  test('the domain whose hash matched __hstc wins over the naive rule', () => {
    const deep = site('https://a.b.example.com/');
    expect(planDoNotTrack(deep, [], true, { ...ctx, hstcDomainMatch: '.example.com' }).set).toEqual([
      { ...doNotTrackWritten, url: 'https://a.b.example.com/' },
    ]);
    expect(planDoNotTrack(deep, [], true, ctx).set).toEqual([{ ...doNotTrackWritten, url: 'https://a.b.example.com/', domain: '.b.example.com' }]);
  });

  test('host-only where the browser allows no Domain cookie', () => {
    const local = site('http://localhost:8080/');
    const expected: CookieSetDetails = {
      url: 'http://localhost/',
      name: '__hs_do_not_track',
      value: 'yes',
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'lax',
      expirationDate: IN_180_DAYS,
      storeId: '0',
    };
    expect(planDoNotTrack(local, [], true, ctx)).toEqual({ set: [expected], remove: [] });
    expect(planDoNotTrack(local, [cookie('__hs_do_not_track', 'yes', 'localhost')], true, ctx)).toEqual({ set: [], remove: [] });
  });

  test('http sites, other stores and first-party isolation are carried into the write', () => {
    const http = site('http://www.example.com/');
    const isolated: ChoiceContext = { now: NOW, storeId: 'firefox-container-1', hstcDomainMatch: null, firstPartyDomain: 'example.com' };
    expect(planDoNotTrack(http, [], true, isolated).set).toEqual([
      { ...doNotTrackWritten, url: 'http://www.example.com/', storeId: 'firefox-container-1', firstPartyDomain: 'example.com' },
    ]);
    const present = cookie('__hs_do_not_track', 'yes', '.example.com', { storeId: 'firefox-container-1', firstPartyDomain: 'example.com' });
    expect(planDoNotTrack(http, [present], true, isolated)).toEqual({ set: [], remove: [] });
  });
});

describe('planDoNotTrack off', () => {
  test('removes every variant, partitioned and host-only included, and nothing else', () => {
    const variants = [
      cookie('__hs_do_not_track', 'yes', '.example.com'),
      cookie('__hs_do_not_track', 'yes', 'www.example.com'),
      cookie('__hs_do_not_track', 'yes', '.example.com', { path: '/blog' }),
      cookie('__hs_do_not_track', 'yes', '.example.com', { secure: true, partitionKey: { topLevelSite: 'https://example.com' } }),
    ];
    expect(planDoNotTrack(www, [...variants, hstcDomain, chat], false, ctx)).toEqual({ set: [], remove: variants });
  });

  test('nothing to do when there is no such cookie', () => {
    expect(planDoNotTrack(www, [hstcDomain], false, ctx)).toEqual({ set: [], remove: [] });
  });
});

describe('planOptOut', () => {
  test('do-not-track, __hs_opt_out=yes, every category declined in the banner\'s own form, analytics cookies gone', () => {
    const legacyNo = cookie('__hs_opt_out', 'no', '.example.com');
    const accepted = cookie('__hs_cookie_cat_pref', '1:true_2:false_3:true', '.example.com');
    const cookies = [hstcDomain, hstcHost, hstcPartitioned, utk, hssc, hssrc, legacyNo, accepted, chat, cloudflare];
    expect(planOptOut(www, cookies, ctx)).toEqual({
      set: [doNotTrackWritten, optOutWritten, declined2024Written],
      remove: [hstcDomain, hstcHost, hstcPartitioned, utk, hssc, hssrc],
    });
  });

  test('__hs_opt_out=yes is written even where no banner left one (opt-in and notify banners read it), consent in the , form', () => {
    expect(planOptOut(www, [hstcDomain], ctx)).toEqual({ set: [doNotTrackWritten, optOutWritten, declinedWritten], remove: [hstcDomain] });
  });

  test("a declined choice in the 2021 banner's , form already holds", () => {
    const legacyDeclined = cookie('__hs_cookie_cat_pref', '1:false,2:false,3:false', '.example.com');
    expect(planOptOut(www, [legacyDeclined], ctx)).toEqual({ set: [doNotTrackWritten, optOutWritten], remove: [] });
  });

  test('an accepting choice elsewhere on the site is removed so it cannot shadow ours, and ours is (re)written', () => {
    const hostOnlyAccepted = cookie('__hs_cookie_cat_pref', '1:true,2:true,3:true', 'www.example.com');
    expect(planOptOut(www, [hostOnlyAccepted], ctx)).toEqual({ set: [doNotTrackWritten, optOutWritten, declinedWritten], remove: [hostOnlyAccepted] });
  });

  test('an accepting 2024 value on our own spot is replaced in the 2024 form', () => {
    const accepted = cookie('__hs_cookie_cat_pref', '1:true_2:true_3:true', '.example.com');
    expect(planOptOut(www, [accepted], ctx)).toEqual({ set: [doNotTrackWritten, optOutWritten, declined2024Written], remove: [] });
  });
});

describe('declinedConsentValue', () => {
  test.each([
    [[], '1:false,2:false,3:false'],
    [[cookie('__hs_cookie_cat_pref', '1:true,2:false,3:true', '.example.com')], '1:false,2:false,3:false'],
    [[cookie('__hs_cookie_cat_pref', '1:true_2:false_3:true', '.example.com')], '1:false_2:false_3:false'],
    [[cookie('__hs_do_not_track', 'yes_no', '.example.com')], '1:false,2:false,3:false'],
  ])('%j -> %s', (cookies, value) => {
    expect(declinedConsentValue(cookies)).toBe(value);
  });
});

describe('planEnforcement', () => {
  const optedOut: SiteRule = { site: 'example.com', doNotTrack: false, optOut: 'cookies', since: NOW };
  const blocked: SiteRule = { ...optedOut, optOut: 'block' };
  const doNotTrackOnly: SiteRule = { ...optedOut, doNotTrack: true, optOut: 'off' };
  const nothing: SiteRule = { ...optedOut, optOut: 'off' };
  const dntYes = cookie('__hs_do_not_track', 'yes', '.example.com');
  const declined = cookie('__hs_cookie_cat_pref', '1:false_2:false_3:false', '.example.com');
  const legacyYes = cookie('__hs_opt_out', 'yes', '.example.com');

  test.each([
    { label: 'opt-out holds', rule: optedOut, cookies: [dntYes, declined, legacyYes, chat, cloudflare] },
    { label: 'opt-out with blocking holds', rule: blocked, cookies: [dntYes, declined, legacyYes] },
    { label: 'do-not-track holds', rule: doNotTrackOnly, cookies: [dntYes, hstcDomain, utk] },
    { label: 'a rule with everything off asks nothing', rule: nothing, cookies: [hstcDomain, utk, hssc] },
  ])('empty when $label', ({ rule, cookies }) => {
    expect(planEnforcement(rule, www, cookies, ctx)).toEqual({ set: [], remove: [] });
  });

  test('the tracker writing __hstc again: removed', () => {
    expect(planEnforcement(optedOut, www, [dntYes, declined, legacyYes, hstcDomain], ctx)).toEqual({ set: [], remove: [hstcDomain] });
  });

  test('the banner revoking consent deleted do-not-track: written again', () => {
    expect(planEnforcement(doNotTrackOnly, www, [hstcDomain], ctx)).toEqual({ set: [doNotTrackWritten], remove: [] });
  });
});

// ---- property: enforcement converges in one run and never fights itself ---------------------

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

const siteCookie: fc.Arbitrary<CookieRecord> = fc
  .record({
    name: fc.constantFrom('__hstc', 'hubspotutk', '__hssc', '__hssrc', '__hs_do_not_track', '__hs_cookie_cat_pref', '__hs_opt_out', 'messagesUtk', '_ga'),
    value: fc.constantFrom('yes', 'no', '1', 'true', '1:false_2:false_3:false', '1:true,2:false,3:false', ''),
    domain: fc.constantFrom('www.example.com', '.example.com', '.www.example.com'),
    path: fc.constantFrom('/', '/blog'),
    partitioned: fc.boolean(),
    httpOnly: fc.boolean(),
  })
  .map(({ name, value, domain, path, partitioned, httpOnly }) =>
    cookie(name, value, domain, { path, httpOnly, ...(partitioned ? { secure: true, partitionKey: { topLevelSite: 'https://example.com' } } : {}) }),
  );

const anyRule: fc.Arbitrary<SiteRule> = fc.record({
  site: fc.constant('example.com'),
  doNotTrack: fc.boolean(),
  optOut: fc.constantFrom('off', 'cookies', 'block'),
  since: fc.constant(NOW),
});

test('after applying an enforcement plan, the next plan is empty; no plan removes what it writes', () => {
  fc.assert(
    fc.property(anyRule, fc.uniqueArray(siteCookie, { selector: cookieIdentity, maxLength: 12 }), fc.constantFrom(null, '.example.com', '.www.example.com'), (rule, cookies, match) => {
      const context: ChoiceContext = { ...ctx, hstcDomainMatch: match };
      const first = planEnforcement(rule, www, cookies, context);
      const written = new Set(first.set.map((details) => cookieIdentity(recordFromSetDetails(details))));
      for (const removed of first.remove) expect(written.has(cookieIdentity(removed))).toBe(false);
      expect(planEnforcement(rule, www, apply(cookies, first), context)).toEqual({ set: [], remove: [] });
    }),
  );
});
