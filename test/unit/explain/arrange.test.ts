// The popup's row layouts: by category (the order the popup always had), by vendor, by name.
import { describe, expect, test } from 'vitest';
import { arrangeRows } from '../../../src/explain/arrange.ts';
import { buildSiteReport } from '../../../src/explain/report.ts';
import { lookupNameFacts } from '../../../src/explain/name-facts.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';

const parsed = siteFromUrl('https://www.example.com/');
if (!parsed.ok) throw new Error('example site');
const NOW = Date.UTC(2024, 9, 15);

function cookie(name: string, value = 'x'): CookieRecord {
  return { name, value, domain: '.example.com', hostOnly: false, path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0' };
}

// Browser order, deliberately not sorted. Categories and vendors as the decoders know them.
const views = buildSiteReport([
  cookie('zz_own_pref'), cookie('_ga_B10', 'GS2.1.s1728971805$o1$g1$t1728971805$j60$l0$h0'), cookie('hubspotutk', '0a1b2c3d4e5f40718293a4b5c6d7e8f9'),
  cookie('_ga', 'GA1.1.1.1728971805'), cookie('_ga_B2', 'GS2.1.s1728971805$o1$g1$t1728971805$j60$l0$h0'), cookie('aa_own_pref'),
], parsed.site, NOW, lookupNameFacts).views;
const label = (vendor: string): string => ({ hubspot: 'HubSpot', 'google-analytics': 'Google Analytics' })[vendor] ?? vendor;

function names(group: { views: readonly { cookie: CookieRecord }[] }): string[] {
  return group.views.map((v) => v.cookie.name);
}

describe('arrangeRows', () => {
  test('by name: one list, case-insensitive, numbers in names compared as numbers', () => {
    const groups = arrangeRows(views, 'name', label);
    expect(groups).toHaveLength(1);
    expect(names(groups[0] ?? { views: [] })).toEqual(['_ga', '_ga_B2', '_ga_B10', 'aa_own_pref', 'hubspotutk', 'zz_own_pref']);
  });

  test('by category: the categories in the popup\'s order, unknown last, rows in the browser\'s order', () => {
    const groups = arrangeRows(views, 'category', label);
    expect(groups.map((g) => g.key)).toEqual(['analytics', 'unknown']);
    expect(names(groups[0] ?? { views: [] })).toEqual(['_ga_B10', 'hubspotutk', '_ga', '_ga_B2']);
    expect(names(groups[1] ?? { views: [] })).toEqual(['zz_own_pref', 'aa_own_pref']);
  });

  test('by vendor: vendors by their shown name, unrecognised cookies last, rows by name', () => {
    const groups = arrangeRows(views, 'vendor', label);
    expect(groups.map((g) => (g.kind === 'vendor' ? g.vendor : g.kind))).toEqual(['google-analytics', 'hubspot', null]);
    expect(names(groups[0] ?? { views: [] })).toEqual(['_ga', '_ga_B2', '_ga_B10']);
    expect(names(groups[2] ?? { views: [] })).toEqual(['aa_own_pref', 'zz_own_pref']);
  });
});
