// The popup's JSON export carries the consent-against-reality findings the popup shows.
import { describe, expect, test } from 'vitest';
import en from '../../locales/en/trackers.json';
import { buildExport } from '../../src/explain/export.ts';
import { buildSiteReport } from '../../src/explain/report.ts';
import { lookupNameFacts } from '../../src/explain/name-facts.ts';
import { siteFromUrl } from '../../src/core/site.ts';
import { createCatalogTranslator } from '../../src/i18n/messages.ts';
import type { CookieRecord } from '../../src/model/cookie.ts';

/** 2024-10-15T07:00:00Z */
const NOW = Date.UTC(2024, 9, 15, 7);
const translate = createCatalogTranslator(en, 'en');

function siteCookie(name: string, value: string, expirationDate?: number): CookieRecord {
  return {
    name, value, domain: '.example.com', hostOnly: false, path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0',
    ...(expirationDate === undefined ? {} : { expirationDate }),
  };
}

function exportOf(cookies: CookieRecord[]) {
  const result = siteFromUrl('https://www.example.com/');
  if (!result.ok) throw new Error('the test URL is a site');
  const report = buildSiteReport(cookies, result.site, NOW, lookupNameFacts);
  return buildExport(result.site, report.views, report.summary, NOW, translate);
}

describe('buildExport: contradictions', () => {
  test('analytics declined in HubSpot’s banner, yet _ga and __hstc are there', () => {
    const exported = exportOf([
      siteCookie('__hs_cookie_cat_pref', '1:false_2:true_3:true'),
      siteCookie('_ga', 'GA1.1.804271633.1728971805'),
      siteCookie('__hstc', '114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728975405584.2'),
      siteCookie('_fbp', 'fb.1.1728971805584.1406383152'),
    ]);
    expect(exported.contradictions).toEqual([
      { consentCookie: '__hs_cookie_cat_pref', manager: 'hubspot', category: 'analytics', declinedAt: null, cookie: '_ga', vendor: 'google-analytics', lastWrite: null, lastWriteBasis: null, assumption: null },
      { consentCookie: '__hs_cookie_cat_pref', manager: 'hubspot', category: 'analytics', declinedAt: null, cookie: '__hstc', vendor: 'hubspot', lastWrite: '2024-10-15T06:56:45.584Z', lastWriteBasis: 'decoded', assumption: null },
    ]);
  });

  test('an expired cookie is not present, and with nothing declined there is nothing to report', () => {
    expect(exportOf([siteCookie('__hs_cookie_cat_pref', '1:false_2:true_3:true'), siteCookie('_ga', 'GA1.1.804271633.1728971805', NOW / 1000 - 1)]).contradictions).toEqual([]);
    expect(exportOf([siteCookie('__hs_cookie_cat_pref', '1:true_2:true_3:true'), siteCookie('_ga', 'GA1.1.804271633.1728971805')]).contradictions).toEqual([]);
  });

  test('the export keeps its other keys', () => {
    expect(Object.keys(exportOf([]))).toEqual(['format', 'version', 'site', 'host', 'generatedAt', 'summary', 'cookies', 'contradictions']);
  });
});
