// Google Analytics and Google Ads. Expected values come from the worked examples in
// docs/facts/other-trackers.md section 1 (dates as the doc states them) or are read off the
// example values by hand (a time in seconds times 1000).
import { describe, expect, test } from 'vitest';
import { count, decodeAs, decoded, domain, familyFor, flag, id, instant, plainContext, problemOf, text, uncertainKeys, valuesOf } from './helpers.ts';
import { urchinDomainHash } from '../../../../src/decode/vendors/util.ts';

describe('_ga', () => {
  test('the doc example: client id and first visit 2025-09-09T09:19:29Z', () => {
    const outcome = decodeAs('_ga', 'GA1.1.1958185836.1757409569');
    expect(valuesOf(outcome)).toEqual({
      domainDepth: text('1'),
      clientId: id('1958185836.1757409569'),
      firstVisit: instant(Date.UTC(2025, 8, 9, 9, 19, 29)),
    });
    // The depth field's GA4 rule is unsettled (section 1.1).
    expect(uncertainKeys(outcome)).toEqual(['domainDepth']);
  });

  test('percent-encoded and quoted values are cleaned first', () => {
    expect(valuesOf(decodeAs('_ga', '"GA1.1.1958185836.1757409569"')).clientId).toEqual(id('1958185836.1757409569'));
    expect(valuesOf(decodeAs('_ga', 'GA1%2E1%2E1958185836%2E1757409569')).clientId).toEqual(id('1958185836.1757409569'));
  });

  test.each([
    ['', 'empty'],
    ['GA1.1.1958185836', 'segment-count'],
    ['GA1.1.1958185836.1757409569.7', 'segment-count'],
    ['XX1.1.1958185836.1757409569', 'unknown-format'],
    ['GA1.1.abc.1757409569', 'not-integer'],
    ['GA1.1.1958185836.1757409569000', 'not-timestamp'],
    ['GA1.1.1958185836.17574', 'not-timestamp'],
    ['GA1.1.1958185836.%E0%A4%A', 'bad-encoding'],
  ])('refuses %j with %s', (value, code) => {
    expect(problemOf(decodeAs('_ga', value))).toBe(code);
  });

  test('a first visit after now is decoded with a warning', () => {
    const outcome = decodeAs('_ga', 'GA1.1.1958185836.1900000000');
    expect(decoded(outcome).warnings).toEqual([{ code: 'future-timestamp', field: 'firstVisit' }]);
  });
});

describe('_ga_<ID>', () => {
  test('GS2, the doc worked example: first session, not engaged, last hit 23 s after the start', () => {
    const outcome = decodeAs('_ga_QEHZPBE5HH', 'GS2.1.s1757409568$o1$g0$t1757409591$j37$l0$h0');
    expect(valuesOf(outcome)).toEqual({
      version: text('GS2'),
      measurementId: id('G-QEHZPBE5HH'),
      sessionStart: instant(Date.UTC(2025, 8, 9, 9, 19, 28)),
      sessionCount: count(1),
      engagedSession: flag(false),
      lastHit: instant(Date.UTC(2025, 8, 9, 9, 19, 51)),
      joinTimer: count(37),
      loggedIn: flag(false),
    });
    expect(uncertainKeys(outcome)).toEqual(['joinTimer', 'loggedIn']);
  });

  test('GS2 keys in another order, with unknown keys, are read the same way', () => {
    const values = valuesOf(decodeAs('_ga_QEHZPBE5HH', 'GS2.1.t1757409591$dR2Yvabc$g1$s1757409568$x9$o4'));
    expect(values).toMatchObject({ sessionStart: instant(1757409568000), sessionCount: count(4), engagedSession: flag(true), lastHit: instant(1757409591000) });
  });

  test('GS1, the doc real example', () => {
    const outcome = decodeAs('_ga_QEHZPBE5HH', 'GS1.1.1689765380.3.1.1689766550.0.0.0');
    expect(valuesOf(outcome)).toEqual({
      version: text('GS1'),
      measurementId: id('G-QEHZPBE5HH'),
      sessionStart: instant(1689765380000),
      sessionCount: count(3),
      engagedSession: flag(true),
      lastHit: instant(1689766550000),
      joinTimer: count(0),
    });
  });

  test('without the cookie name in the context there is no measurement id', () => {
    const values = valuesOf(familyFor('_ga_QEHZPBE5HH').decode('GS1.1.1689765380.3.1.1689766550.0.0.0', plainContext()));
    expect(values.measurementId).toBeUndefined();
  });

  test('a last hit before the session start is an order warning', () => {
    expect(decoded(decodeAs('_ga_X1', 'GS2.1.s1757409568$t1757409500')).warnings).toEqual([{ code: 'order', field: 'lastHit', detail: 'last hit is before the session start' }]);
  });

  test.each([
    ['GS3.1.s1757409568', 'unknown-format'],
    ['GS2.1.o1$g0$j37', 'unknown-format'],
    ['GS2.1.s17574x9568$o1', 'not-timestamp'],
    ['GS2.1.s1757409568$g2', 'not-boolean'],
    ['GS1.1.1689765380.3', 'segment-count'],
    ['GS1.1.1689765380.three.1.1689766550', 'not-integer'],
  ])('refuses %j with %s', (value, code) => {
    expect(problemOf(decodeAs('_ga_QEHZPBE5HH', value))).toBe(code);
  });
});

describe('_gid, _gat', () => {
  test('_gid: daily id and creation time', () => {
    expect(valuesOf(decodeAs('_gid', 'GA1.2.1546017697.1720017649'))).toEqual({ domainDepth: text('2'), dailyId: id('1546017697.1720017649'), created: instant(1720017649000) });
  });

  test.each(['_gat', '_gat_UA-12345-1', '_gat_gtag_UA_12345_1', '_dc_gtm_UA-12345-1'])('%s = 1 is the throttle flag', (name) => {
    expect(valuesOf(decodeAs(name, '1'))).toEqual({ throttling: flag(true) });
  });

  test('another throttle value is shown raw with a warning', () => {
    const outcome = decodeAs('_gat', '2');
    expect(valuesOf(outcome)).toEqual({ value: text('2') });
    expect(decoded(outcome).warnings[0]?.code).toBe('unexpected-value');
  });
});

describe('Google Ads', () => {
  test('_gcl_au: version, random id and creation time', () => {
    const outcome = decodeAs('_gcl_au', '1.1.1765371502.1750842798');
    expect(valuesOf(outcome)).toEqual({ version: text('1'), domainDepth: text('1'), randomId: id('1765371502'), created: instant(1750842798000) });
    expect(uncertainKeys(outcome)).toEqual(['domainDepth']);
  });

  test('_gcl_au: the longer variant keeps its first four fields and ignores the rest', () => {
    expect(valuesOf(decodeAs('_gcl_au', '1.1.838220091.1787569302.-.-.1787569303.1614764677', { now: Date.UTC(2027, 0, 1) })).created).toEqual(instant(1787569302000));
  });

  test.each(['_gcl_aw', '_gcl_dc'])('%s: click time and gclid', (name) => {
    expect(valuesOf(decodeAs(name, 'GCL.1750842800.CjwKCAjwvO7CBhAqEiwA9q2YJUtEa_C_DUIbD6Eai9'))).toEqual({
      clickTime: instant(1750842800000),
      clickId: id('CjwKCAjwvO7CBhAqEiwA9q2YJUtEa_C_DUIbD6Eai9'),
    });
  });

  test('_gac_<property>: the doc example (its time is an illustrative 9-digit value)', () => {
    expect(valuesOf(decodeAs('_gac_UA-12345-1', '1.123456789.CM-a9evq8dFDGUNR8BpeUWxBZB'))).toEqual({
      clickTime: instant(123456789000),
      clickId: id('CM-a9evq8dFDGUNR8BpeUWxBZB'),
    });
  });

  test.each([
    ['_gcl_au', '1.1.1765371502', 'segment-count'],
    ['_gcl_au', 'x.1.1765371502.1750842798', 'unknown-format'],
    ['_gcl_aw', 'GCX.1750842800.abc', 'unknown-format'],
    ['_gcl_aw', 'GCL.1750842800.', 'empty'],
    ['_gcl_aw', 'GCL.1750842800', 'segment-count'],
    ['_gac_UA-1', '1.abc.gclid', 'not-timestamp'],
  ])('%s refuses %j with %s', (name, value, code) => {
    expect(problemOf(decodeAs(name, value))).toBe(code);
  });
});

describe('ga.js (Urchin)', () => {
  test('the domain hash: the doc worked values', () => {
    expect(urchinDomainHash('google.com')).toBe(173272373);
    expect(urchinDomainHash('example.com')).toBe(60493049);
    expect(urchinDomainHash('www.example.com')).toBe(217344784);
    expect(urchinDomainHash('.example.com')).toBe(114212440);
    expect(urchinDomainHash('ab')).toBe(104356048);
    // Urchin hashes the empty string to 1, where HubSpot's hash gives 0.
    expect(urchinDomainHash('')).toBe(1);
  });

  test('__utma: the doc example on google.com', () => {
    const outcome = decodeAs('__utma', '173272373.1566673519.1385940746.1426129425.1426444516.2', { host: 'www.google.com' });
    expect(valuesOf(outcome)).toEqual({
      domainHash: id('173272373'),
      domainHashMatches: domain('google.com'),
      visitorId: id('1566673519'),
      firstVisit: instant(1385940746000),
      previousVisit: instant(1426129425000),
      currentVisit: instant(1426444516000),
      sessionCount: count(2),
    });
    expect(decoded(outcome).warnings).toEqual([]);
  });

  test('__utma written for another domain: no match and a warning', () => {
    const outcome = decodeAs('__utma', '173272373.1566673519.1385940746.1426129425.1426444516.2', { host: 'www.example.com' });
    expect(valuesOf(outcome).domainHashMatches).toEqual(domain(null));
    expect(decoded(outcome).warnings.map((problem) => problem.code)).toEqual(['domain-mismatch']);
  });

  test('__utma with hash 1 (hashing turned off) has nothing to compare', () => {
    const values = valuesOf(decodeAs('__utma', '1.437088539.1385940746.1426129425.1426444516.5'));
    expect(values.domainHash).toEqual(id('1'));
    expect(values.domainHashMatches).toBeUndefined();
  });

  test('__utma out of order: a warning, the fields still shown', () => {
    const outcome = decodeAs('__utma', '60493049.1.1426444516.1426129425.1426444516.2', { host: 'example.com' });
    expect(decoded(outcome).warnings).toEqual([{ code: 'order', field: 'previousVisit', detail: 'first visit is later than the previous visit' }]);
  });

  test('__utmb: page views, countdown (uncertain) and session start', () => {
    const outcome = decodeAs('__utmb', '114212440.3.10.1736358406', { host: 'www.example.com' });
    expect(valuesOf(outcome)).toEqual({
      domainHash: id('114212440'),
      domainHashMatches: domain('.example.com'),
      pageViews: count(3),
      outboundCountdown: count(10),
      sessionStart: instant(1736358406000),
    });
    expect(uncertainKeys(outcome)).toEqual(['outboundCountdown']);
  });

  test('__utmc: the hash alone', () => {
    expect(valuesOf(decodeAs('__utmc', '217344784', { host: 'www.example.com' }))).toEqual({ domainHash: id('217344784'), domainHashMatches: domain('www.example.com') });
  });

  test('__utmz: the doc example, campaign fields by name', () => {
    const outcome = decodeAs('__utmz', '173272373.1426444516.2.2.utmcsr=blog.parsely.com|utmccn=(referral)|utmcmd=referral|utmcct=/post/1691/lucene/', { host: 'google.com' });
    expect(valuesOf(outcome)).toEqual({
      domainHash: id('173272373'),
      domainHashMatches: domain('google.com'),
      campaignTime: instant(1426444516000),
      sessionCount: count(2),
      campaignCount: count(2),
      campaignSource: text('blog.parsely.com'),
      campaignName: text('(referral)'),
      campaignMedium: text('referral'),
      campaignContent: text('/post/1691/lucene/'),
    });
  });

  test('__utmz: a search term and a gclid; unknown keys ignored', () => {
    const values = valuesOf(decodeAs('__utmz', '60493049.1426444516.1.1.utmcsr=google|utmctr=cookie%20lens|utmgclid=abc123|utmxyz=1', { host: 'example.com' }));
    expect(values).toMatchObject({ campaignSource: text('google'), campaignTerm: text('cookie lens'), clickId: id('abc123') });
    expect(values.utmxyz).toBeUndefined();
  });

  test.each([
    ['__utma', '173272373.1566673519.1385940746.1426129425.1426444516', 'segment-count'],
    ['__utma', 'hash.1566673519.1385940746.1426129425.1426444516.2', 'not-integer'],
    ['__utmb', '46025016.1.10', 'segment-count'],
    ['__utmc', 'abc', 'not-integer'],
    ['__utmz', '173272373.1426444516.2', 'segment-count'],
  ])('%s refuses %j with %s', (name, value, code) => {
    expect(problemOf(decodeAs(name, value))).toBe(code);
  });
});
