// One report per site (src/explain/page-report.ts): what the popup and side panel render, without
// calling the core themselves.
import { describe, expect, test } from 'vitest';
import { scopedSiteCookies, siteFromUrl } from '../../../src/core/site.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';
import type { HoldingView } from '../../../src/core/verification.ts';
import { planReset, type UndoSnapshot } from '../../../src/core/plans.ts';
import type { SiteRule } from '../../../src/core/rules.ts';
import { completeReport, previewReset, reportSite, type PageReportInput } from '../../../src/explain/page-report.ts';
import { lookupNameFacts } from '../../../src/explain/name-facts.ts';
import { cookie } from '../core/make-cookie.ts';

/** 2024-10-15T07:00:00Z */
const NOW = Date.UTC(2024, 9, 15, 7);
const parsed = siteFromUrl('https://www.example.com/page?__hstc=1.2.3&x=1');
if (!parsed.ok) throw new Error('the test URL is a site');
const site = parsed.site;

const HSTC = cookie('__hstc', '114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728975405584.2', '.example.com');
const GA = cookie('_ga', 'GA1.1.804271633.1728971805', '.example.com');
const CONSENT = cookie('__hs_cookie_cat_pref', '1:false_2:true_3:true', '.example.com');
const CART = cookie('cart', 'x', 'www.example.com');

/** The site's cookies as a page reads them: in the tab's store, each with its scope. */
const ofSite = (cookies: readonly CookieRecord[]) => scopedSiteCookies(cookies, site, '0');

function input(extra: Partial<PageReportInput> = {}): PageReportInput {
  return {
    site, cookies: ofSite([CART, GA, HSTC, CONSENT]), rule: null, undo: null, resetLocked: false, embedded: [],
    verification: null, browserFamily: 'chromium', ...extra,
  };
}

function rule(extra: Partial<SiteRule>): SiteRule {
  return { site: 'example.com', doNotTrack: false, optOut: 'off', since: NOW - 1000, ...extra } as SiteRule;
}

describe('the site report', () => {
  test('holds the rows, HubSpot’s summary, the trackers and the contradictions in one', () => {
    const report = reportSite(input(), NOW, lookupNameFacts);
    expect(report.views.map((v) => v.cookie.name)).toEqual(['cart', '_ga', '__hstc', '__hs_cookie_cat_pref']);
    expect(report.summary.sessionCount).toBe(2);
    expect(report.showHubspot).toBe(true);
    expect(report.vendors.map((v) => [v.vendor, v.blocked, v.exception])).toEqual([['google-analytics', false, false]]);
    expect(report.contradictions.map((c) => c.cookie)).toEqual(['_ga', '__hstc']);
    expect(report.pending).toBe(false);
  });

  test('says which trackers the visitor blocked or excepted, and keeps a chosen tracker without cookies', () => {
    const report = reportSite(input({ cookies: ofSite([GA]), rule: rule({ optOut: 'block', vendors: { 'google-analytics': 'allow', 'microsoft-clarity': 'block' } }) }), NOW);
    expect(report.vendors.map((v) => [v.vendor, v.blocked, v.exception, v.cookieNames.length])).toEqual([
      ['google-analytics', false, true, 1],
      ['microsoft-clarity', true, false, 0],
    ]);
    expect(report.showHubspot).toBe(false);
  });

  test('previews a reset exactly as the background plans it, by vendor', () => {
    const report = reportSite(input(), NOW);
    for (const includeConsent of [false, true]) {
      for (const ticked of [new Set<string>(), new Set([report.reset().entries.find((e) => e.cookie.name === 'cart')?.id ?? ''])]) {
        const preview = previewReset(report.reset(), includeConsent, ticked);
        const plan = planReset(site, input().cookies, { includeConsent, alsoRemove: [...ticked] });
        expect(preview.remove.flatMap((group) => group.entries.map((e) => e.cookie.name)).sort())
          .toEqual(plan.remove.map((c) => c.name).sort());
        expect(preview.optionalCount).toBe(plan.keep.filter((k) => k.group !== 'consent').length);
      }
    }
    expect(previewReset(report.reset(), false, new Set()).remove.map((group) => group.vendor)).toEqual(['hubspot', 'google-analytics']);
    expect(report.reset().hasConsent).toBe(true);
    // Made once, when first asked for, then kept: the panel's renders share one preview.
    expect(report.reset()).toBe(report.reset());
    expect(report.reset().address?.removed.map((r) => r.name)).toEqual(['__hstc']);
    const locked = reportSite(input({ resetLocked: true }), NOW).reset();
    expect([locked.hasConsent, previewReset(locked, false, new Set()).optional]).toEqual([false, []]);
  });

  test('offers an undo only while it is live', () => {
    const undo: UndoSnapshot = { site: 'example.com', storeId: '0', takenAt: NOW - 1000, cookies: [HSTC], id: 'x' };
    expect(reportSite(input({ undo }), NOW).undo).toBe(undo);
    expect(reportSite(input({ undo: { ...undo, takenAt: NOW - 25 * 3_600_000 } }), NOW).undo).toBeNull();
  });

  test('explains the embedded sites’ cookies apart', () => {
    const report = reportSite(input({ embedded: [{ host: 'embed.test', cookies: [cookie('_ga', 'GA1.1.1.1728971805', 'embed.test')] }, { host: 'empty.test', cookies: [] }] }), NOW);
    expect(report.embedded.map((e) => [e.host, e.views.map((v) => [v.scope, v.vendor])])).toEqual([['embed.test', [['embedded', 'google-analytics']]]]);
  });

  test('finishing a deferred decode (IAB TCF) returns a new report with the outcome in its row', async () => {
    const tcf = cookie('euconsent-v2', 'CPXxGfAPXxGfAAHABBENBCCsAP_AAH_AAAYgABqAAAAA', '.example.com');
    const first = reportSite(input({ cookies: ofSite([tcf]) }), NOW);
    const before = first.views[0]?.outcome;
    expect([first.pending, before?.ok]).toEqual([true, false]);
    const done = await completeReport(first);
    expect(done).not.toBe(first);
    expect([done.pending, done.views[0]?.outcome?.ok]).toEqual([false, true]);
    expect(first.views[0]?.outcome).toBe(before);
    expect(await completeReport(done)).toBe(done);
  });

  test('each row keeps how its cookie belongs to the site', () => {
    const host = cookie('hubspotutk', '0a1b2c3d4e5f40718293a4b5c6d7e8f9', 'www.example.com');
    const partitioned = cookie('__hssrc', '1', 'embed.example.net', { partitionKey: { topLevelSite: 'https://example.com' } });
    const report = reportSite(input({ cookies: ofSite([host, GA, partitioned]) }), NOW);
    expect(report.views.map((v) => [v.cookie.name, v.scope])).toEqual([['hubspotutk', 'host-only'], ['_ga', 'domain'], ['__hssrc', 'partitioned']]);
  });

  test('gives a blocked tracker’s stopped requests only while it is blocked and counted', () => {
    const since = NOW - 3_600_000;
    const counted: HoldingView = { watched: true, count: { since, trackingRequests: 0 }, sinceChoice: true, blocked: { since, byVendor: { 'google-analytics': 3 } } };
    const blocking = rule({ vendors: { 'google-analytics': 'block', meta: 'block' } });
    const report = reportSite(input({ cookies: ofSite([GA, cookie('_fbp', 'fb.1.1728971805584.1234567890', '.example.com')]), rule: blocking, verification: counted }), NOW);
    expect(report.vendors.map((v) => [v.vendor, v.blockedRequests])).toEqual([
      ['google-analytics', { count: 3, since }],
      ['meta', { count: 0, since }],
    ]);
    // Not blocked: no figure, though the browser counted.
    expect(reportSite(input({ cookies: ofSite([GA]), rule: rule({}), verification: counted }), NOW).vendors[0]?.blockedRequests).toBeNull();
    // Blocked, but nothing watched: no figure either.
    const unwatched: HoldingView = { watched: false };
    expect(reportSite(input({ cookies: ofSite([GA]), rule: blocking, verification: unwatched }), NOW).vendors[0]?.blockedRequests).toBeNull();
  });

  test('names the stored data a reset may clear, and what this browser cannot clear', () => {
    const sub = cookie('pref', 'x', 'shop.example.com');
    const chromium = reportSite(input({ cookies: ofSite([GA, sub]) }), NOW).reset().storedData;
    expect(chromium?.hosts).toEqual(['www.example.com', 'example.com']);
    expect(chromium?.cannot).toEqual([]);
    expect(reportSite(input({ browserFamily: 'firefox' }), NOW).reset().storedData?.cannot).toEqual(['cacheStorage']);
    expect(reportSite(input({ resetLocked: true }), NOW).reset().storedData).toBeNull();
  });

  test('names copies of a cookie that disagree about the visitor', () => {
    const other = cookie('__hstc', '114212440.ffffffffffffffffffffffffffffffff.1728971805584.1728971805584.1728975405584.2', 'www.example.com');
    const report = reportSite(input({ cookies: ofSite([HSTC, other]) }), NOW);
    expect(report.disagreements.map((d) => [d.name, d.field, d.distinct])).toEqual([['__hstc', 'visitorId', 2]]);
    expect(reportSite(input(), NOW).disagreements).toEqual([]);
  });

  test('says whether Global Privacy Control is sent, and whether it is all the rule asks', () => {
    expect(reportSite(input(), NOW).gpc).toEqual({ on: false, only: false });
    expect(reportSite(input({ rule: rule({ optOut: 'cookies' }) }), NOW).gpc).toEqual({ on: true, only: false });
    expect(reportSite(input({ rule: rule({ optOut: 'cookies', gpc: false }) }), NOW).gpc).toEqual({ on: false, only: false });
    expect(reportSite(input({ rule: rule({ gpc: true }) }), NOW).gpc).toEqual({ on: true, only: true });
  });
});
