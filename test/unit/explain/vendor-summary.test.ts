// What each tracker other than HubSpot knows, from documented example values
// (docs/VENDORS.md; the GA4 GS2 and Matomo 4 examples of the vendors' formats). Expected times are
// worked out by hand from the example values, not by the decoders.
import { describe, expect, test } from 'vitest';
import { buildSiteReport } from '../../../src/explain/report.ts';
import { summariseVendors } from '../../../src/explain/vendor-summary.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';

const parsed = siteFromUrl('https://www.example.com/');
if (!parsed.ok) throw new Error('example site');
const site = parsed.site;
const NOW = Date.UTC(2025, 9, 1);

function cookie(name: string, value: string, extra: Partial<CookieRecord> = {}): CookieRecord {
  return { name, value, domain: '.example.com', hostOnly: false, path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0', ...extra };
}

describe('summariseVendors', () => {
  test('Google Analytics, Meta and Matomo, each with what its cookies say, in the table order; HubSpot and ordinary cookies left out', () => {
    const { views } = buildSiteReport([
      cookie('_fbp', 'fb.1.1596403881668.1116446470'),
      cookie('_ga', 'GA1.1.1958185836.1757409569'),
      cookie('_ga_QEHZPBE5HH', 'GS2.1.s1757409568$o7$g0$t1757409591$j37$l0$h0'),
      cookie('_pk_id.1.2a0b', 'd09ebc08c43b8045.1723388297.', { domain: 'www.example.com', hostOnly: true }),
      cookie('__hstc', '114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728971805584.1'),
      cookie('shop_session', 'abc'),
    ], site, NOW);
    const summaries = summariseVendors(views);
    expect(summaries.map((summary) => summary.vendor)).toEqual(['google-analytics', 'meta', 'matomo']);
    const [ga, meta, matomo] = summaries;
    expect(ga).toEqual({
      vendor: 'google-analytics',
      cookieNames: ['_ga', '_ga_QEHZPBE5HH'],
      // 1757409569 s = 2025-09-09T09:19:29Z; the session started at ...568 and its last hit was ...591.
      firstSeen: 1757409569000,
      sessionCount: 7,
      lastActivity: 1757409591000,
      ids: [{ key: 'clientId', value: '1958185836.1757409569', cookie: '_ga' }],
    });
    expect(meta).toEqual({
      vendor: 'meta', cookieNames: ['_fbp'], firstSeen: 1596403881668,
      ids: [{ key: 'randomId', value: '1116446470', cookie: '_fbp' }],
    });
    expect(matomo).toMatchObject({
      vendor: 'matomo', cookieNames: ['_pk_id.1.2a0b'], firstSeen: 1723388297000,
      ids: [{ key: 'visitorId', value: 'd09ebc08c43b8045', cookie: '_pk_id.1.2a0b' }],
    });
  });

  test('a cookie no decoder reads still names its vendor; a value that does not decode adds no facts', () => {
    const { views } = buildSiteReport([cookie('__utmv', '173272373.member'), cookie('_fbp', 'not-a-pixel-cookie')], site, NOW);
    expect(summariseVendors(views)).toEqual([
      { vendor: 'google-analytics', cookieNames: ['__utmv'], ids: [] },
      { vendor: 'meta', cookieNames: ['_fbp'], ids: [] },
    ]);
  });

  test('no tracker cookies, no summaries', () => {
    const { views } = buildSiteReport([cookie('shop_session', 'abc'), cookie('OptanonConsent', 'groups=C0001%3A1')], site, NOW);
    expect(summariseVendors(views)).toEqual([]);
  });
});
