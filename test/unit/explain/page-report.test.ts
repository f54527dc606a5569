// One report per site (src/explain/page-report.ts): what the popup and side panel render, without
// calling the core themselves.
import { describe, expect, test } from 'vitest';
import { siteFromUrl } from '../../../src/core/site.ts';
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

function input(extra: Partial<PageReportInput> = {}): PageReportInput {
  return { site, cookies: [CART, GA, HSTC, CONSENT], rule: null, undo: null, resetLocked: false, embedded: [], ...extra };
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
    const report = reportSite(input({ cookies: [GA], rule: rule({ optOut: 'block', vendors: { 'google-analytics': 'allow', 'microsoft-clarity': 'block' } }) }), NOW);
    expect(report.vendors.map((v) => [v.vendor, v.blocked, v.exception, v.cookieNames.length])).toEqual([
      ['google-analytics', false, true, 1],
      ['microsoft-clarity', true, false, 0],
    ]);
    expect(report.showHubspot).toBe(false);
  });

  test('previews a reset exactly as the background plans it, by vendor', () => {
    const report = reportSite(input(), NOW);
    for (const includeConsent of [false, true]) {
      for (const ticked of [new Set<string>(), new Set([report.reset.entries.find((e) => e.cookie === CART)?.id ?? ''])]) {
        const preview = previewReset(report.reset, includeConsent, ticked);
        const plan = planReset(site, input().cookies, { includeConsent, alsoRemove: [...ticked] });
        expect(preview.remove.flatMap((group) => group.entries.map((e) => e.cookie)).sort((a, b) => a.name.localeCompare(b.name)))
          .toEqual([...plan.remove].sort((a, b) => a.name.localeCompare(b.name)));
        expect(preview.optionalCount).toBe(plan.keep.filter((k) => k.group !== 'consent').length);
      }
    }
    expect(previewReset(report.reset, false, new Set()).remove.map((group) => group.vendor)).toEqual(['hubspot', 'google-analytics']);
    expect(report.reset.hasConsent).toBe(true);
    expect(report.reset.address?.removed.map((r) => r.name)).toEqual(['__hstc']);
    const locked = reportSite(input({ resetLocked: true }), NOW).reset;
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
    const first = reportSite(input({ cookies: [tcf] }), NOW);
    const before = first.views[0]?.outcome;
    expect([first.pending, before?.ok]).toEqual([true, false]);
    const done = await completeReport(first);
    expect(done).not.toBe(first);
    expect([done.pending, done.views[0]?.outcome?.ok]).toEqual([false, true]);
    expect(first.views[0]?.outcome).toBe(before);
    expect(await completeReport(done)).toBe(done);
  });
});
