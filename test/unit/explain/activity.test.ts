import { describe, expect, it } from 'vitest';
import { ActivityLog, cookieConcernsSite, activityToJson, activityVendors, classifyTrackingRequest, explainCookieWrite, ACTIVITY_LOG_LIMIT } from '../../../src/explain/activity.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';

const NOW = Date.UTC(2026, 0, 10, 12);
const VISITOR = '5a2c0b9f8e7d6c5b4a3928170615f4e3';
// __hstc = domainHash.visitorId.firstVisit.previousSession.currentSession.sessionNumber (docs/facts).
const hstc = (session: number, current: number): string => `114212440.${VISITOR}.1728971805584.1728971805584.${current}.${session}`;

function cookie(name: string, value: string, extra: Partial<CookieRecord> = {}): CookieRecord {
  return { name, value, domain: '.example.com', hostOnly: false, path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0', ...extra };
}

describe('explainCookieWrite', () => {
  it('reads a higher HubSpot session number as a new session, with that number', () => {
    const before = hstc(4, 1728971805584);
    expect(explainCookieWrite(before, cookie('__hstc', hstc(5, 1728981805584)), NOW)).toEqual({ event: 'session-started', sessionNumber: 5 });
  });

  it('calls a write of the same value a refresh', () => {
    const ga = 'GA1.1.804271633.1718000000';
    expect(explainCookieWrite(ga, cookie('_ga', ga), NOW)).toEqual({ event: 'refreshed' });
  });

  it('names the decoded fields that changed when the session number stays', () => {
    const result = explainCookieWrite(hstc(5, 1728971805584), cookie('__hstc', hstc(5, 1728981805584)), NOW);
    expect(result).toEqual({ event: 'changed', changedFields: ['currentVisit'] });
  });

  it('reports a first __hstc as a session start and an unknown new cookie as a write', () => {
    expect(explainCookieWrite(undefined, cookie('__hstc', hstc(1, 1728971805584)), NOW)).toEqual({ event: 'session-started', sessionNumber: 1 });
    expect(explainCookieWrite(undefined, cookie('theme', 'dark'), NOW)).toEqual({ event: 'written' });
  });

  it('says "changed" without fields when a value does not decode, and never throws', () => {
    expect(explainCookieWrite('garbage', cookie('__hstc', '\u0000\u{1F600}...'), NOW)).toEqual({ event: 'changed', changedFields: [] });
  });
});

describe('classifyTrackingRequest', () => {
  it('reads the HubSpot beacon kind from k', () => {
    expect(classifyTrackingRequest('https://track.hubspot.com/__ptq.gif?k=1&a=1')?.request).toBe('page-view');
    expect(classifyTrackingRequest('https://track.hubspot.com/__ptq.gif?k=3&n=e')?.request).toBe('event');
    expect(classifyTrackingRequest('https://track-eu1.hubspot.com/__ptq.gif?k=17')?.request).toBe('form');
    expect(classifyTrackingRequest('https://track.hubspot.com/__ptq.gif?k=28')?.request).toBe('other');
    expect(classifyTrackingRequest('https://track.hubspot.com/__ptq.gif?k=14')?.request).toBe('other');
    expect(classifyTrackingRequest('https://track.hubspot.com/__ptq.gif?k=20')?.request).toBe('other');
  });

  it('knows the other trackers\' collection hosts, paths included', () => {
    expect(classifyTrackingRequest('https://www.facebook.com/tr/?id=1&ev=PageView')?.vendor).toBe('meta');
    expect(classifyTrackingRequest('https://www.facebook.com/profile')).toBeNull();
  });

  it('knows Google Analytics by host, subdomains included, and nothing else', () => {
    expect(classifyTrackingRequest('https://region1.google-analytics.com/g/collect?v=2')).toEqual({ vendor: 'google-analytics', host: 'region1.google-analytics.com', request: 'other' });
    expect(classifyTrackingRequest('https://notgoogle-analytics.com/x')).toBeNull();
    expect(classifyTrackingRequest('https://www.example.com/__ptq.gif?k=1')).toBeNull();
    expect(classifyTrackingRequest('not a url')).toBeNull();
  });
});

describe('ActivityLog', () => {
  it('compares a write with the seeded value, skips the overwrite half, newest first', () => {
    const log = new ActivityLog();
    log.seed([cookie('__hstc', hstc(4, 1728971805584))]);
    const written = cookie('__hstc', hstc(5, 1728981805584));
    expect(log.cookieChanged({ removed: true, cause: 'overwrite', cookie: cookie('__hstc', hstc(4, 1728971805584)) }, 'example.com', NOW)).toBeNull();
    log.cookieChanged({ removed: false, cause: 'explicit', cookie: written }, 'example.com', NOW);
    log.cookieChanged({ removed: false, cause: 'explicit', cookie: written }, 'example.com', NOW + 1);
    log.cookieChanged({ removed: true, cause: 'expired_overwrite', cookie: written }, 'example.com', NOW + 2);
    expect(log.entries.map((e) => (e.kind === 'cookie' ? e.event : e.kind))).toEqual(['deleted', 'refreshed', 'session-started']);
    expect(log.entries[2]).toMatchObject({ vendor: 'hubspot', name: '__hstc', sessionNumber: 5, site: 'example.com' });
  });

  it('remembers when it saw each cookie variant written (for "last written"); a removal forgets it, clearing the log does not', () => {
    const log = new ActivityLog();
    const apex = cookie('__hstc', hstc(4, 1728971805584));
    const host = cookie('__hstc', hstc(4, 1728971805584), { domain: 'www.example.com', hostOnly: true });
    log.seed([apex]);
    expect(log.writtenAt(apex)).toBeUndefined();
    log.cookieChanged({ removed: false, cause: 'explicit', cookie: apex }, 'example.com', NOW + 10);
    log.cookieChanged({ removed: false, cause: 'explicit', cookie: host }, 'example.com', NOW + 20);
    log.cookieChanged({ removed: true, cause: 'overwrite', cookie: apex }, 'example.com', NOW + 30);
    expect(log.writtenAt(apex)).toBe(NOW + 10);
    expect(log.writtenAt(host)).toBe(NOW + 20);
    log.clear();
    expect(log.writtenAt(apex)).toBe(NOW + 10);
    log.cookieChanged({ removed: true, cause: 'explicit', cookie: host }, 'example.com', NOW + 40);
    expect(log.writtenAt(host)).toBeUndefined();
  });

  it('counts requests per vendor and site, and records blocked ones', () => {
    const log = new ActivityLog();
    log.requestSeen('https://track.hubspot.com/__ptq.gif?k=1', 'a.test', NOW);
    log.requestSeen('https://track.hubspot.com/__ptq.gif?k=3', 'a.test', NOW);
    log.requestSeen('https://track.hubspot.com/__ptq.gif?k=1', 'b.test', NOW);
    expect(log.requestSeen('https://www.a.test/', 'a.test', NOW)).toBeNull();
    log.requestBlocked('https://track.hubspot.com/__ptq.gif?k=1', 'a.test', NOW);
    expect(log.entries.map((e) => (e.kind === 'request' ? `${e.site}:${e.request}:${e.count}` : e.kind))).toEqual(['blocked', 'b.test:page-view:1', 'a.test:event:2', 'a.test:page-view:1']);
    expect(activityVendors(log.entries)).toEqual(['hubspot']);
  });

  it("records a blocked tracker's script, and a self-hosted tracker only on the site it is on", () => {
    const log = new ActivityLog();
    log.requestBlocked('https://www.googletagmanager.com/gtag/js?id=G-DEMO', 'a.test', NOW);
    log.requestBlocked('https://connect.facebook.net/en_US/fbevents.js', 'a.test', NOW);
    log.requestBlocked('https://www.a.test/matomo.js', 'a.test', NOW);
    expect(log.requestBlocked('https://www.b.test/matomo.js', 'a.test', NOW)).toBeNull();
    expect(log.requestBlocked('https://www.a.test/app.js', 'a.test', NOW)).toBeNull();
    expect(log.entries.map((e) => (e.kind === 'blocked' ? `${e.vendor} ${e.host}` : e.kind))).toEqual([
      'matomo www.a.test', 'meta connect.facebook.net', 'google-analytics www.googletagmanager.com',
    ]);
  });

  it('keeps at most the limit, dropping the oldest', () => {
    const log = new ActivityLog();
    for (let i = 0; i < ACTIVITY_LOG_LIMIT + 5; i++) log.cookieChanged({ removed: false, cause: 'explicit', cookie: cookie('n', String(i)) }, 'a.test', NOW + i);
    expect(log.entries).toHaveLength(ACTIVITY_LOG_LIMIT);
    expect(log.entries[0]?.at).toBe(NOW + ACTIVITY_LOG_LIMIT + 4);
    expect(log.entries.at(-1)?.at).toBe(NOW + 5);
  });

  it('exports plain JSON with ISO times', () => {
    const log = new ActivityLog();
    log.requestSeen('https://track.hubspot.com/__ptq.gif?k=1', 'a.test', NOW);
    expect(JSON.parse(activityToJson(log.entries))).toEqual([{ time: '2026-01-10T12:00:00.000Z', kind: 'request', site: 'a.test', vendor: 'hubspot', host: 'track.hubspot.com', request: 'page-view', count: 1 }]);
  });
});

describe('cookieConcernsSite', () => {
  it('takes the site, its subdomains and partitions under it in the same store, nothing else', () => {
    expect(cookieConcernsSite(cookie('a', '1', { domain: 'www.example.com' }), 'example.com', '0')).toBe(true);
    expect(cookieConcernsSite(cookie('a', '1', { domain: '.example.com' }), 'example.com', '0')).toBe(true);
    expect(cookieConcernsSite(cookie('a', '1', { domain: '.tracker.test', partitionKey: { topLevelSite: 'https://example.com' } }), 'example.com', '0')).toBe(true);
    expect(cookieConcernsSite(cookie('a', '1', { domain: '.example.com' }), 'example.com', '1')).toBe(false);
    expect(cookieConcernsSite(cookie('a', '1', { domain: '.badexample.com' }), 'example.com', '0')).toBe(false);
    expect(cookieConcernsSite(cookie('a', '1', { domain: '.other.test' }), 'example.com', '0')).toBe(false);
  });
});
