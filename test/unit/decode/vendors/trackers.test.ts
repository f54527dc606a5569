// Meta, Matomo, Hotjar, Clarity, LinkedIn, TikTok, Marketo, Pardot, Segment, Mixpanel, Amplitude,
// Intercom, Adobe, Drift and Microsoft UET. Expected values come from the examples and worked
// values in docs/facts/other-trackers.md section 1, or are read off the example by hand.
import { describe, expect, test } from 'vitest';
import { base64, count, decodeAs, decoded, domain, flag, id, instant, problemOf, text, uncertainKeys, valuesOf } from './helpers.ts';
import { createHash } from 'node:crypto';
import { sha1Hex } from '../../../../src/decode/vendors/util.ts';

describe('Meta', () => {
  test('_fbp: the doc example, created 2020-08-02T21:31:21Z', () => {
    expect(valuesOf(decodeAs('_fbp', 'fb.1.1596403881668.1116446470'))).toEqual({
      subdomainIndex: count(1),
      created: instant(Date.UTC(2020, 7, 2, 21, 31, 21, 668)),
      randomId: id('1116446470'),
    });
  });

  test('_fbc: the fbclid is kept exactly, case included', () => {
    const fbclid = 'IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk';
    expect(valuesOf(decodeAs('_fbc', `fb.1.1554763741205.${fbclid}`))).toEqual({ subdomainIndex: count(1), created: instant(1554763741205), clickId: id(fbclid) });
  });

  test.each([
    ['_fbp', 'fb.1.1596403881668', 'segment-count'],
    ['_fbp', 'xx.1.1596403881668.1116446470', 'unknown-format'],
    ['_fbp', 'fb.1.1596403881.1116446470', 'not-timestamp'],
    ['_fbp', 'fb.1.1596403881668.abc', 'not-integer'],
    ['_fbc', 'fb.one.1554763741205.IwAR', 'not-integer'],
  ])('%s refuses %j with %s', (name, value, code) => {
    expect(problemOf(decodeAs(name, value))).toBe(code);
  });
});

describe('Matomo', () => {
  test('the cookie-name hash is SHA-1 of domain and path: the doc worked values', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d'); // FIPS 180 test vector
    expect(sha1Hex('').slice(0, 8)).toBe('da39a3ee');
    expect(sha1Hex('app.hextree.io/').slice(0, 4)).toBe('8d33');
    expect(sha1Hex('example.com/').slice(0, 4)).toBe('8809');
    expect(sha1Hex('www.example.com/').slice(0, 4)).toBe('2a0b');
  });

  test('SHA-1 agrees with Node’s for messages that fill one, two and more blocks, and for non-ASCII hosts', () => {
    // FIPS 180 two-block vector (56 bytes: the length no longer fits in the first block).
    expect(sha1Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    for (const text of ['a'.repeat(55), 'b'.repeat(56), 'c'.repeat(63), 'd'.repeat(64), 'e'.repeat(119), 'f'.repeat(200), 'bücher.example/', '例え.テスト/', '😀.example/']) {
      expect(sha1Hex(text)).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
    }
  });

  test('_pk_id, Matomo 4: the doc sample on app.hextree.io', () => {
    const outcome = decodeAs('_pk_id.1.8d33', 'd09ebc08c43b8045.1723388297.', { host: 'app.hextree.io' });
    expect(valuesOf(outcome)).toEqual({
      siteId: id('1'),
      nameHashMatches: domain('app.hextree.io'),
      visitorId: id('d09ebc08c43b8045'),
      firstVisit: instant(1723388297000),
    });
    expect(decoded(outcome).warnings).toEqual([]);
  });

  test('_pk_id on another site: the name hash matches no domain', () => {
    const outcome = decodeAs('_pk_id.1.8d33', 'd09ebc08c43b8045.1723388297.', { host: 'www.example.com' });
    expect(valuesOf(outcome).nameHashMatches).toEqual(domain(null));
    expect(decoded(outcome).warnings.map((problem) => problem.code)).toEqual(['domain-mismatch']);
  });

  test.each([
    ['example.com', '8809', 'example.com'],
    ['www.example.com', '2a0b', 'www.example.com'],
    ['www.example.com', '8809', 'example.com'],
  ])('on %s, suffix %s was written for %s', (host, suffix, expected) => {
    expect(valuesOf(decodeAs(`_pk_id.3.${suffix}`, 'd09ebc08c43b8045.1723388297.', { host })).nameHashMatches).toEqual(domain(expected));
  });

  test('_pk_id, the layout before Matomo 4: visit count and visit times', () => {
    const values = valuesOf(decodeAs('_pk_id.1.8809', 'd09ebc08c43b8045.1723388297.3.1723400000.1723390000.', { host: 'example.com' }));
    expect(values).toMatchObject({ firstVisit: instant(1723388297000), sessionCount: count(3), currentVisit: instant(1723400000000), previousVisit: instant(1723390000000) });
    expect(values.lastOrder).toBeUndefined();
  });

  test('_pk_id, old layout with a last order time', () => {
    expect(valuesOf(decodeAs('_pk_id.1.8809', 'd09ebc08c43b8045.1723388297.3.1723400000.1723390000.1723395000', { host: 'example.com' })).lastOrder).toEqual(instant(1723395000000));
  });

  test.each([
    ['d09ebc08c43b8045', 'segment-count'],
    ['d09ebc08c43b8045.1723388297.3.', 'segment-count'],
    ['d09ebc08.1723388297.', 'not-hex-id'],
    ['zzzzzzzzzzzzzzzz.1723388297.', 'not-hex-id'],
    ['d09ebc08c43b8045.17233.', 'not-timestamp'],
  ])('_pk_id refuses %j with %s', (value, code) => {
    expect(problemOf(decodeAs('_pk_id.1.8d33', value))).toBe(code);
  });

  test('_pk_ses: a session flag', () => {
    expect(valuesOf(decodeAs('_pk_ses.1.8809', '1', { host: 'example.com' }))).toEqual({ siteId: id('1'), nameHashMatches: domain('example.com'), sessionActive: flag(true) });
  });

  test('_pk_ref: URL-encoded JSON array of campaign, keyword, time and referrer', () => {
    const value = encodeURIComponent(JSON.stringify(['spring', 'shoes', 1723388297, 'https://ref.example/page']));
    expect(valuesOf(decodeAs('_pk_ref.1.8809', value, { host: 'example.com' }))).toMatchObject({
      campaignName: text('spring'),
      campaignKeyword: text('shoes'),
      referralTime: instant(1723388297000),
      referrerUrl: text('https://ref.example/page'),
    });
  });

  test('_pk_ref: empty campaign and keyword are left out', () => {
    const values = valuesOf(decodeAs('_pk_ref.1.8809', JSON.stringify(['', '', 1723388297, 'https://ref.example/']), { host: 'example.com' }));
    expect(values.campaignName).toBeUndefined();
    expect(values.campaignKeyword).toBeUndefined();
    expect(problemOf(decodeAs('_pk_ref.1.8809', '{"not":"an array"}'))).toBe('unknown-format');
  });
});

describe('Hotjar', () => {
  const userValue = 'eyJpZCI6ImNhYzQ2MjlmLTM4YzgtNTY3Ni1iYmIzLTI0NjMxYzdkNmU4YyIsImNyZWF0ZWQiOjE3NDcxOTc3MjU4ODUsImV4aXN0aW5nIjp0cnVlfQ==';

  test('_hjSessionUser_: the doc sample', () => {
    expect(valuesOf(decodeAs('_hjSessionUser_1234567', userValue))).toEqual({
      visitorId: id('cac4629f-38c8-5676-bbb3-24631c7d6e8c'),
      dashboardUserId: id('cac4629f'),
      firstVisit: instant(1747197725885),
      returningVisitor: flag(true),
    });
  });

  test('_hjSession_, new layout: session id and `c` start time', () => {
    const value = base64(JSON.stringify({ id: '3ef8fa70-1b2c-4d5e-8f90-123456789abc', c: 1774433141359, s: 1, r: 1, sb: 0, sr: 0, se: 0, fs: 0, sp: 1 }));
    expect(valuesOf(decodeAs('_hjSession_1234567', value, { now: Date.UTC(2026, 5, 1) }))).toEqual({ sessionId: id('3ef8fa70-1b2c-4d5e-8f90-123456789abc'), sessionStart: instant(1774433141359) });
  });

  test('_hjSession_, old layout: `created`', () => {
    const value = base64(JSON.stringify({ id: 'a1b2', created: 1693692947290, inSample: false }));
    expect(valuesOf(decodeAs('_hjSession_1234567', value)).sessionStart).toEqual(instant(1693692947290));
  });

  test.each([
    ['not base64!', 'unknown-format'],
    [base64('[1,2]'), 'unknown-format'],
    [base64('{"created":1747197725885}'), 'unknown-format'],
  ])('_hjSessionUser_ refuses %j with %s', (value, code) => {
    expect(problemOf(decodeAs('_hjSessionUser_1', value))).toBe(code);
  });
});

describe('Microsoft Clarity', () => {
  test('_clck: the doc sample with %7C; fw1 is day 20593, 2026-05-20', () => {
    expect(valuesOf(decodeAs('_clck', 'ojvuj3%7C2%7Cfw1%7C0%7C1965'))).toEqual({
      visitorId: id('ojvuj3'),
      version: text('2'),
      storedExpiry: instant(Date.UTC(2026, 4, 20)),
      explicitConsent: flag(false),
    });
  });

  test('_clck: the current `^` separator', () => {
    expect(valuesOf(decodeAs('_clck', 'ojvuj3^2^fw1^1^1965'))).toMatchObject({ storedExpiry: instant(Date.UTC(2026, 4, 20)), explicitConsent: flag(true) });
  });

  test('_clsk: session id, last activity, page number, upload host', () => {
    const outcome = decodeAs('_clsk', 'd9hl%7C1748200929441%7C1%7C1%7Ce.clarity.ms%2Fcollect');
    expect(valuesOf(outcome)).toEqual({
      sessionId: id('d9hl'),
      lastActivity: instant(1748200929441),
      pageViews: count(1),
      upgraded: flag(true),
      uploadHost: text('e.clarity.ms/collect'),
    });
    expect(uncertainKeys(outcome)).toEqual(['upgraded']);
  });

  test.each([
    ['_clck', 'ojvuj3|2', 'segment-count'],
    ['_clck', 'oj-uj3|2|fw1', 'unknown-format'],
    ['_clck', 'ojvuj3|2|f!1', 'not-timestamp'],
    ['_clsk', 'd9hl|1748200929|1', 'not-timestamp'],
    ['_clsk', 'd9hl|1748200929441|x', 'not-integer'],
  ])('%s refuses %j with %s', (name, value, code) => {
    expect(problemOf(decodeAs(name, value))).toBe(code);
  });
});

describe('LinkedIn', () => {
  test('li_fat_id and li_sugr: opaque UUIDs', () => {
    expect(valuesOf(decodeAs('li_fat_id', '85929337-d448-42da-a095-0b3c5500fa50'))).toEqual({ memberIndirectId: id('85929337-d448-42da-a095-0b3c5500fa50') });
    expect(valuesOf(decodeAs('li_sugr', '8ed73a04-54e0-42cf-b27e-9f28d4c2ea3f'))).toEqual({ browserId: id('8ed73a04-54e0-42cf-b27e-9f28d4c2ea3f') });
  });

  test('an id that is not a UUID is shown with a warning', () => {
    expect(decoded(decodeAs('li_sugr', 'abc')).warnings.map((problem) => problem.code)).toEqual(['unexpected-value']);
  });

  test('bcookie: quoted, version and browser id', () => {
    expect(valuesOf(decodeAs('bcookie', '"v=2&3da7cbe9-1e10-4108-8734-c492859ca8d8"'))).toEqual({ version: text('2'), browserId: id('3da7cbe9-1e10-4108-8734-c492859ca8d8') });
    expect(problemOf(decodeAs('bcookie', '"3da7cbe9"'))).toBe('unknown-format');
  });

  test('lidc: i= and t= as seconds, both uncertain', () => {
    const outcome = decodeAs('lidc', '"b=VB86:s=V:r=V:a=V:p=V:g=4543:u=51:x=1:i=1688454620:t=1688474844:v=2:sig=AQEP"');
    expect(valuesOf(outcome)).toEqual({ issuedAt: instant(1688454620000), storedExpiry: instant(1688474844000) });
    expect(uncertainKeys(outcome)).toEqual(['issuedAt', 'storedExpiry']);
  });
});

describe('TikTok', () => {
  test('_ttp new style: a ULID whose time prefix is 1753764722183 (uncertain)', () => {
    const outcome = decodeAs('_ttp', '01K1A8BXG7CFS8QC92XKKJD081_.tt.1');
    expect(valuesOf(outcome)).toEqual({ visitorId: id('01K1A8BXG7CFS8QC92XKKJD081'), created: instant(1753764722183) });
    expect(uncertainKeys(outcome)).toEqual(['created']);
  });

  test('_ttp old style: an opaque id', () => {
    expect(valuesOf(decodeAs('_ttp', 'kEDQ0tJexuVClkJ41P2SHjupLEY'))).toEqual({ visitorId: id('kEDQ0tJexuVClkJ41P2SHjupLEY') });
    expect(problemOf(decodeAs('_ttp', 'short!'))).toBe('unknown-format');
  });
});

describe('Marketo', () => {
  test('_mkto_trk: account, domain, creation time 2023-12-04T12:35:26Z and random number', () => {
    expect(valuesOf(decodeAs('_mkto_trk', 'id:112-TZM-766&token:_mch-aws.amazon.com-1701693326512-48258'))).toEqual({
      accountId: id('112-TZM-766'),
      tokenDomain: text('aws.amazon.com'),
      created: instant(Date.UTC(2023, 11, 4, 12, 35, 26, 512)),
      randomId: id('48258'),
    });
  });

  test('_mkto_trk: the hashed token variant has no time', () => {
    expect(valuesOf(decodeAs('_mkto_trk', 'id:112-TZM-766&token:_mch-instructure.com-1261fb15c0ebbd00867a136414ae0516'))).toEqual({
      accountId: id('112-TZM-766'),
      tokenDomain: text('instructure.com'),
      tokenHash: id('1261fb15c0ebbd00867a136414ae0516'),
    });
  });

  test('_mkto_trk: an unknown token is shown with a warning; no id or token at all is refused', () => {
    expect(decoded(decodeAs('_mkto_trk', 'id:1&token:other')).warnings.map((problem) => problem.code)).toEqual(['unexpected-value']);
    expect(problemOf(decodeAs('_mkto_trk', 'hello'))).toBe('unknown-format');
  });
});

describe('Pardot', () => {
  test('visitor_id<account>: the visitor id and, from the name, the account id', () => {
    expect(valuesOf(decodeAs('visitor_id12345', '123456789'))).toEqual({ accountId: id('12345'), visitorId: id('123456789') });
    expect(problemOf(decodeAs('visitor_id12345', 'abc'))).toBe('not-integer');
  });

  test('visitor_id<account>-hash: an uncertain check value', () => {
    const outcome = decodeAs('visitor_id12345-hash', 'a1b2c3');
    expect(valuesOf(outcome)).toEqual({ accountId: id('12345'), validationHash: id('a1b2c3') });
    expect(uncertainKeys(outcome)).toEqual(['validationHash']);
  });

  test('pi_opt_in<account>: true or false', () => {
    expect(valuesOf(decodeAs('pi_opt_in12345', 'true'))).toEqual({ accountId: id('12345'), trackingOptIn: flag(true) });
    expect(valuesOf(decodeAs('pi_opt_in12345', 'false')).trackingOptIn).toEqual(flag(false));
    expect(problemOf(decodeAs('pi_opt_in12345', 'yes'))).toBe('not-boolean');
  });
});

describe('Segment', () => {
  test('ajs_anonymous_id: a JSON string escaped as %22…%22', () => {
    expect(valuesOf(decodeAs('ajs_anonymous_id', '%22c72107e0-886b-4e13-88c8-5cb782099de3%22'))).toEqual({ anonymousId: id('c72107e0-886b-4e13-88c8-5cb782099de3') });
  });

  test('ajs_user_id: identified, or null for not yet', () => {
    expect(valuesOf(decodeAs('ajs_user_id', '%22239148037%22'))).toEqual({ identified: flag(true), userId: id('239148037') });
    expect(valuesOf(decodeAs('ajs_user_id', 'null'))).toEqual({ identified: flag(false) });
  });

  test('analytics-next may store the bare value', () => {
    expect(valuesOf(decodeAs('ajs_anonymous_id', 'c72107e0-886b-4e13-88c8-5cb782099de3')).anonymousId).toEqual(id('c72107e0-886b-4e13-88c8-5cb782099de3'));
  });

  test('other ajs_ names are Segment too, shown raw', () => {
    expect(valuesOf(decodeAs('ajs_user_traits', '{}'))).toEqual({ value: text('{}') });
  });
});

describe('Mixpanel', () => {
  const project = 'mp_0123456789abcdef0123456789abcdef_mixpanel';
  const sample = {
    distinct_id: '$device:19079a8c2582ed-04a088e2a33668-19525637-384000-19079a8c2582ed',
    $device_id: '19079a8c2582ed-04a088e2a33668-19525637-384000-19079a8c2582ed',
    $initial_referrer: 'https://www.google.com/',
    $initial_referring_domain: 'www.google.com',
    $search_engine: 'google',
    __mps: {},
  };

  test('the doc sample: anonymous, device id with its inferred creation time', () => {
    const outcome = decodeAs(project, encodeURIComponent(JSON.stringify(sample)));
    expect(valuesOf(outcome)).toEqual({
      distinctId: id(sample.distinct_id),
      anonymous: flag(true),
      deviceId: id(sample.$device_id),
      // The first 11 hex digits of the device id, read as milliseconds.
      created: instant(0x19079a8c258),
      initialReferrer: text('https://www.google.com/'),
      initialReferringDomain: text('www.google.com'),
      searchEngine: text('google'),
    });
    expect(uncertainKeys(outcome)).toEqual(['created']);
  });

  test('identified: $user_id and a distinct id without $device:', () => {
    const values = valuesOf(decodeAs(project, JSON.stringify({ distinct_id: 'user-42', $user_id: 'user-42' })));
    expect(values).toEqual({ distinctId: id('user-42'), anonymous: flag(false), userId: id('user-42') });
  });

  test('only the project-token name shape matches, and only JSON objects decode', () => {
    expect(problemOf(decodeAs(project, 'not json'))).toBe('unknown-format');
  });
});

describe('Amplitude', () => {
  const session = { deviceId: '47b6a9f9-6c0d-4a8e-9d3f-2b1c0e5a7f11', sessionId: 1748200937879, optOut: false, lastEventTime: 1748201234576, lastEventId: 14, pageCounter: 2 };

  test('AMP_<key>: base64 of URL-encoded JSON', () => {
    expect(valuesOf(decodeAs('AMP_a1b2c3d4e5', base64(encodeURIComponent(JSON.stringify(session)))))).toEqual({
      deviceId: id(session.deviceId),
      sessionStart: instant(1748200937879),
      lastEventTime: instant(1748201234576),
      lastEventId: count(14),
      pageViews: count(2),
      optedOut: flag(false),
    });
  });

  test('AMP_<key>: the SDK stores the user id base64-encoded', () => {
    expect(valuesOf(decodeAs('AMP_a1b2c3d4e5', base64(encodeURIComponent(JSON.stringify({ userId: base64('jane@example.com') }))))).userId).toEqual(id('jane@example.com'));
  });

  test('AMP_MKTG_<key>: referrer and UTM values', () => {
    const value = base64(encodeURIComponent(JSON.stringify({ referrer: 'https://news.example/', referring_domain: 'news.example', utm_source: 'newsletter', utm_campaign: 'spring' })));
    expect(valuesOf(decodeAs('AMP_MKTG_a1b2c3d4e5', value))).toEqual({
      initialReferrer: text('https://news.example/'),
      initialReferringDomain: text('news.example'),
      campaignSource: text('newsletter'),
      campaignName: text('spring'),
    });
  });

  test('garbage is refused', () => {
    expect(problemOf(decodeAs('AMP_a1b2c3d4e5', '@@@'))).toBe('unknown-format');
  });
});

describe('Intercom, Adobe, Drift, Microsoft UET', () => {
  test('Intercom: visitor id, session presence (never the token), device id', () => {
    expect(valuesOf(decodeAs('intercom-id-abc123', '5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'))).toEqual({ visitorId: id('5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f') });
    expect(valuesOf(decodeAs('intercom-session-abc123', 'c2VjcmV0LXRva2Vu'))).toEqual({ activeSession: flag(true) });
    expect(problemOf(decodeAs('intercom-session-abc123', ''))).toBe('empty');
    expect(valuesOf(decodeAs('intercom-device-id-abc123', '5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'))).toEqual({ deviceId: id('5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f') });
  });

  test('AMCV_: the doc sample; MCIDTS 19354 is 2022-12-28', () => {
    const value = '-637568504|MCIDTS|19354|MCMID|58702937013693114950418173561563338052|MCAAMLH-1672794732|3|MCAAMB-1672794732|RKhpRz8krg2tLO6pguXWp5olkAcUniQYPHaMWWgdJ3xzPWQmdj0y|MCOPTOUT-1587119512s|NONE|vVersion|5.1.1';
    expect(valuesOf(decodeAs('AMCV_1234ABCD5678EF90@AdobeOrg', value))).toEqual({
      experienceCloudId: id('58702937013693114950418173561563338052'),
      idSynced: instant(Date.UTC(2022, 11, 28)),
      regionHint: count(3),
      optOutStatus: text('NONE'),
      libraryVersion: text('5.1.1'),
    });
  });

  test('AMCV_: the name as stored, with %40; AMCVS_ is another cookie', () => {
    expect(valuesOf(decodeAs('AMCV_1234ABCD5678EF90%40AdobeOrg', 'MCMID|58702937013693114950418173561563338052')).experienceCloudId).toEqual(id('58702937013693114950418173561563338052'));
    expect(problemOf(decodeAs('AMCV_1234ABCD5678EF90@AdobeOrg', 'garbage'))).toBe('unknown-format');
  });

  test('s_ecid: MCMID|<ECID>', () => {
    expect(valuesOf(decodeAs('s_ecid', 'MCMID%7C37154648669072542591651943396872180891'))).toEqual({ experienceCloudId: id('37154648669072542591651943396872180891') });
    expect(problemOf(decodeAs('s_ecid', 'MCMID|abc'))).toBe('unknown-format');
  });

  test('Drift: visitor UUID in either name, campaign refresh id, bootstrapped flag', () => {
    expect(valuesOf(decodeAs('driftt_aid', 'c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9'))).toEqual({ visitorId: id('c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9') });
    expect(valuesOf(decodeAs('drift_aid', 'c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9'))).toEqual({ visitorId: id('c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9') });
    expect(valuesOf(decodeAs('drift_campaign_refresh', 'c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9'))).toEqual({ campaignRefreshId: id('c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9') });
    expect(valuesOf(decodeAs('DFTT_END_USER_PREV_BOOTSTRAPPED', 'true'))).toEqual({ previouslyLoaded: flag(true) });
  });

  test('UET: the 32-hex id before the first |', () => {
    expect(valuesOf(decodeAs('_uetvid', 'a9e146d0a38f11f0aad69db22019f777|wt20pu|2|fzy|0|2106'))).toEqual({ visitorId: id('a9e146d0a38f11f0aad69db22019f777') });
    expect(valuesOf(decodeAs('_uetsid', 'a9e146d0a38f11f0aad69db22019f777'))).toEqual({ sessionId: id('a9e146d0a38f11f0aad69db22019f777') });
    expect(problemOf(decodeAs('_uetsid', 'a9e146d0|wt20pu'))).toBe('not-hex-id');
  });
});
