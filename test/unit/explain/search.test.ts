// The popup's cookie search: what each row can be found by, and which rows a query keeps.
import { describe, expect, test } from 'vitest';
import { buildSiteReport } from '../../../src/explain/report.ts';
import { lookupNameFacts } from '../../../src/explain/name-facts.ts';
import { filterRows, fold, queryWords, searchEntry, type SearchEntry } from '../../../src/explain/search.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';

const parsed = siteFromUrl('https://www.example.com/');
if (!parsed.ok) throw new Error('example site');
const site = parsed.site;
const NOW = Date.UTC(2024, 9, 15, 6, 0, 0);
const VISITOR = '0a1b2c3d4e5f40718293a4b5c6d7e8f9';

function cookie(name: string, value: string): CookieRecord {
  return { name, value, domain: '.example.com', hostOnly: false, path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0' };
}

const COOKIES = [
  cookie('__hstc', `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.7`),
  cookie('_ga', 'GA1.1.1234567890.1600000000'),
  cookie('plain_pref', 'theme=dark-Ölandsblå'),
];

/** Labels as a translated popup would pass them; fixed here so the test does not depend on the locale files. */
const VENDOR_LABELS: Readonly<Record<string, string>> = { hubspot: 'HubSpot', 'google-analytics': 'Google Analytics' };
const CATEGORY_LABELS: Readonly<Record<string, string>> = { analytics: 'Analys', necessary: 'Nödvändiga' };

function indexOf(cookies: readonly CookieRecord[]): SearchEntry[] {
  const report = buildSiteReport(cookies, site, NOW, lookupNameFacts);
  return report.views.map((view) => searchEntry(view, view.outcome, {
    vendor: view.vendor === null ? 'Not recognised' : (VENDOR_LABELS[view.vendor] ?? view.vendor),
    category: view.category === null ? 'Other' : (CATEGORY_LABELS[view.category] ?? view.category),
  }));
}

function namesFor(query: string): string[] | null {
  const index = indexOf(COOKIES);
  const ids = filterRows(index, query);
  if (ids === null) return null;
  const report = buildSiteReport(COOKIES, site, NOW, lookupNameFacts);
  return report.views.filter((view) => ids.has(view.id)).map((view) => view.cookie.name);
}

describe('cookie search', () => {
  test('an empty or blank query filters nothing', () => {
    expect(namesFor('')).toBeNull();
    expect(namesFor('   \t ')).toBeNull();
  });

  test('finds a row by part of its name, in any case', () => {
    expect(namesFor('HST')).toEqual(['__hstc']);
    expect(namesFor('_pref')).toEqual(['plain_pref']);
  });

  test('finds rows by the vendor as shown and by the category as shown', () => {
    expect(namesFor('hubspot')).toEqual(['__hstc']);
    expect(namesFor('google anal')).toEqual(['_ga']);
    expect(namesFor('analys')).toEqual(['__hstc', '_ga']);
  });

  test('finds a row by a decoded value (the visitor id, the session number as a number) and by its raw value', () => {
    expect(namesFor(VISITOR.slice(4, 14))).toEqual(['__hstc']);
    // The visits decode to instants, found by their ISO date (not in the raw value, which holds milliseconds).
    expect(namesFor('2024-10-15')).toEqual(['__hstc']);
    expect(namesFor('1234567890')).toEqual(['_ga']);
    expect(namesFor('dark')).toEqual(['plain_pref']);
  });

  test('every word must match; accents and case do not matter', () => {
    expect(namesFor('hubspot 114212440')).toEqual(['__hstc']);
    expect(namesFor('hubspot dark')).toEqual([]);
    expect(namesFor('olandsbla')).toEqual(['plain_pref']);
    expect(namesFor('NÖDVÄNDIGA')).toEqual(namesFor('nodvandiga'));
  });

  test('a query is split on white space and folded', () => {
    expect(queryWords('  Ga  ÅR ')).toEqual(['ga', 'ar']);
    expect(fold('Ärlig')).toBe('arlig');
  });
});
