// The popup's summary of what HubSpot knows, from the documented example values
// (docs/facts/hubspot-cookies.md section 7, for www.example.com).
import { describe, expect, test } from 'vitest';
import { buildSiteReport } from '../../../src/explain/report.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';

const parsed = siteFromUrl('https://www.example.com/');
if (!parsed.ok) throw new Error('example site');
const site = parsed.site;
const NOW = Date.UTC(2024, 9, 15, 6, 0, 0);

function cookie(name: string, value: string, extra: Partial<CookieRecord> = {}): CookieRecord {
  return { name, value, domain: '.example.com', hostOnly: false, path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0', ...extra };
}

const VISITOR = '0a1b2c3d4e5f40718293a4b5c6d7e8f9';
const FIRST_VISIT = [
  cookie('__hstc', `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.1`),
  cookie('hubspotutk', VISITOR),
  cookie('__hssc', '114212440.1.1728971805585'),
  cookie('__hssrc', '1'),
];

describe('buildSiteReport summary', () => {
  test('a first visit, with consent and a do-not-track value HubSpot ignores', () => {
    const { summary, views } = buildSiteReport(
      [...FIRST_VISIT, cookie('__hs_cookie_cat_pref', '1:true_2:false_3:true'), cookie('__hs_do_not_track', '1')],
      site,
      NOW,
    );
    expect(summary).toEqual({
      present: true,
      hstcCopies: 1,
      visitorId: VISITOR,
      firstVisit: 1728971805584,
      previousVisit: 1728971805584,
      currentVisit: 1728971805584,
      sessionCount: 1,
      pageViews: 1,
      sessionStart: 1728971805585,
      sessionStale: false,
      consent: { analytics: true, advertisement: false, functionality: true },
      doNotTrack: 'not-honoured',
    });
    expect(views.map((v) => v.attribution)).toEqual(['decoder', 'decoder', 'decoder', 'decoder', 'decoder', 'decoder']);
  });

  test('__hssc without __hssrc is stale; exactly "yes" is do-not-track on', () => {
    const { summary } = buildSiteReport([FIRST_VISIT[0], FIRST_VISIT[2], cookie('__hs_do_not_track', 'yes')].filter((c) => c !== undefined), site, NOW);
    expect(summary.sessionStale).toBe(true);
    expect(summary.doNotTrack).toBe('on');
  });

  test('of two __hstc copies, the later session is the one summarised', () => {
    const older = cookie('__hstc', `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.1`, { domain: 'www.example.com', hostOnly: true });
    const newer = cookie('__hstc', `114212440.${VISITOR}.1728971805584.1728971805584.1729000000000.2`);
    const { summary } = buildSiteReport([older, newer], site, NOW + 86_400_000);
    expect(summary.hstcCopies).toBe(2);
    expect(summary.currentVisit).toBe(1729000000000);
    expect(summary.sessionCount).toBe(2);
  });

  test('no HubSpot cookie: nothing present, nothing invented', () => {
    expect(buildSiteReport([cookie('cart_id', 'x')], site, NOW).summary).toEqual({ present: false, hstcCopies: 0, consent: null, doNotTrack: 'off' });
  });
});
