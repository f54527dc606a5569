import { describe, expect, test } from 'vitest';
import { parseHstc } from '../../../src/decode/hubspot/index.ts';
import { CTX, NOW, decodeCookie, siblings } from './hubspot-support.ts';

// Section 7 of docs/facts/hubspot-cookies.md: a first visit on www.example.com.
const VISITOR = '0a1b2c3d4e5f40718293a4b5c6d7e8f9';
const HSTC = `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.1`;
const HSSC = '114212440.1.1728971805585';

describe('__hstc', () => {
  test('decodes the documented first visit', () => {
    expect(decodeCookie('__hstc', HSTC)).toEqual({
      ok: true,
      fields: [
        { key: 'domainHash', value: { kind: 'id', value: '114212440' } },
        { key: 'domainHashMatches', value: { kind: 'domain', value: '.example.com' } },
        { key: 'visitorId', value: { kind: 'id', value: VISITOR } },
        { key: 'firstVisit', value: { kind: 'instant', epochMs: 1728971805584 } },
        { key: 'previousVisit', value: { kind: 'instant', epochMs: 1728971805584 } },
        { key: 'currentVisit', value: { kind: 'instant', epochMs: 1728971805584 } },
        { key: 'sessionCount', value: { kind: 'count', value: 1 } },
      ],
      warnings: [],
    });
  });

  test('a returning visitor (third session)', () => {
    const outcome = decodeCookie('__hstc', `114212440.${VISITOR}.1728971805584.1729000000000.1729100000000.3`);
    expect(outcome).toMatchObject({ ok: true, warnings: [] });
    if (outcome.ok) expect(outcome.fields.map((f) => f.value)).toContainEqual({ kind: 'count', value: 3 });
  });

  test('percent-encoded and quoted values are unwrapped first', () => {
    const encoded = HSTC.replaceAll('.', '%2E');
    expect(decodeCookie('__hstc', encoded)).toMatchObject({ ok: true, warnings: [] });
    expect(decodeCookie('__hstc', `"${HSTC}"`)).toMatchObject({ ok: true, warnings: [] });
  });

  test('matches the hash against the cookie domain when the host does not give it', () => {
    const outcome = decodeCookie('__hstc', `20629287.${VISITOR}.1728971805584.1728971805584.1728971805584.1`, { ...CTX, cookieDomain: '.hubspot.com' });
    expect(outcome).toMatchObject({ ok: true, warnings: [] });
    if (outcome.ok) expect(outcome.fields[1]).toEqual({ key: 'domainHashMatches', value: { kind: 'domain', value: '.hubspot.com' } });
  });

  test('a hash for another domain is a domain-mismatch warning with a null match', () => {
    const outcome = decodeCookie('__hstc', `20629287.${VISITOR}.1728971805584.1728971805584.1728971805584.1`);
    expect(outcome).toMatchObject({ ok: true, warnings: [{ code: 'domain-mismatch', field: 'domainHash' }] });
    if (outcome.ok) expect(outcome.fields[1]).toEqual({ key: 'domainHashMatches', value: { kind: 'domain', value: null } });
  });

  test.each([
    ['first after previous', '1729000000000.1728971805584.1729100000000', 'previousVisit'],
    ['previous after current', '1728971805584.1729100000000.1729000000000', 'currentVisit'],
  ])('order warning: %s', (_label, times, field) => {
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.${times}.2`)).toMatchObject({ ok: true, warnings: [{ code: 'order', field }] });
  });

  test('future timestamps are warned about, each one', () => {
    // 2025-01-01T01:00:00Z, an hour after NOW.
    const outcome = decodeCookie('__hstc', `114212440.${VISITOR}.1728971805584.1735693200000.1735693200000.2`);
    expect(outcome).toMatchObject({
      ok: true,
      warnings: [
        { code: 'future-timestamp', field: 'previousVisit' },
        { code: 'future-timestamp', field: 'currentVisit' },
      ],
    });
  });

  test('a minute ahead of now is clock slack, not the future', () => {
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.${NOW}.${NOW}.${NOW + 60_000}.1`)).toMatchObject({ ok: true, warnings: [] });
  });

  test('far past and far future instants still decode', () => {
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.0.0.0.1`)).toMatchObject({ ok: true, warnings: [] });
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.8640000000000000.8640000000000000.8640000000000000.1`)).toMatchObject({
      ok: true,
      warnings: [{ code: 'future-timestamp' }, { code: 'future-timestamp' }, { code: 'future-timestamp' }],
    });
  });

  test('times in seconds instead of milliseconds are a stated problem, not a silent January 1970', () => {
    const outcome = decodeCookie('__hstc', `114212440.${VISITOR}.1728971805.1728971805.1728971805.1`);
    expect(outcome).toEqual({
      ok: true,
      fields: [
        { key: 'domainHash', value: { kind: 'id', value: '114212440' } },
        { key: 'domainHashMatches', value: { kind: 'domain', value: '.example.com' } },
        { key: 'visitorId', value: { kind: 'id', value: VISITOR } },
        // What HubSpot's code reads, shown as it is, next to the problem.
        { key: 'firstVisit', value: { kind: 'instant', epochMs: 1728971805 } },
        { key: 'previousVisit', value: { kind: 'instant', epochMs: 1728971805 } },
        { key: 'currentVisit', value: { kind: 'instant', epochMs: 1728971805 } },
        { key: 'sessionCount', value: { kind: 'count', value: 1 } },
      ],
      warnings: [
        { code: 'seconds-not-ms', field: 'firstVisit', detail: '1728971805 reads as 1970-01-21T00:16:11.805Z; as seconds it would be 2024-10-15T05:56:45.000Z' },
        { code: 'seconds-not-ms', field: 'previousVisit', detail: '1728971805 reads as 1970-01-21T00:16:11.805Z; as seconds it would be 2024-10-15T05:56:45.000Z' },
        { code: 'seconds-not-ms', field: 'currentVisit', detail: '1728971805 reads as 1970-01-21T00:16:11.805Z; as seconds it would be 2024-10-15T05:56:45.000Z' },
      ],
    });
  });

  test('only the time in seconds is flagged; nine digits are seconds too, eleven are not', () => {
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.999999999.1728971805584.1728971805584.2`)).toMatchObject({
      ok: true,
      warnings: [{ code: 'seconds-not-ms', field: 'firstVisit' }],
    });
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.99999999999.1728971805584.1728971805584.2`)).toMatchObject({ ok: true, warnings: [] });
  });

  test('session number 0 is unexpected', () => {
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.0`)).toMatchObject({
      ok: true,
      warnings: [{ code: 'unexpected-value', field: 'sessionCount' }],
    });
  });

  test('a visitor id that is not 32 lower-case hex is kept, with a warning', () => {
    expect(decodeCookie('__hstc', '114212440.ABC.1728971805584.1728971805584.1728971805584.1')).toMatchObject({
      ok: true,
      warnings: [{ code: 'not-hex-id', field: 'visitorId' }],
    });
  });

  test('a bare token (legacy) is just a visitor id, with a warning', () => {
    expect(decodeCookie('__hstc', VISITOR)).toEqual({
      ok: true,
      fields: [{ key: 'visitorId', value: { kind: 'id', value: VISITOR } }],
      warnings: [{ code: 'unexpected-value', field: 'visitorId', detail: 'a bare visitor id without dots (legacy format)' }],
    });
    // The doc's `__hstc=garbage`: HubSpot's parser takes any single token as a visitor id.
    expect(decodeCookie('__hstc', 'garbage')).toMatchObject({
      ok: true,
      fields: [{ key: 'visitorId', value: { kind: 'id', value: 'garbage' } }],
      warnings: [{ code: 'unexpected-value' }, { code: 'not-hex-id' }],
    });
  });

  test.each([
    ['empty', '', 'empty', undefined],
    ['the doc’s 1.2.3', '1.2.3', 'segment-count', undefined],
    ['seven parts', `${HSTC}.1`, 'segment-count', undefined],
    ['a trailing dot', `${HSTC}.`, 'segment-count', undefined],
    ['an empty visitor id', '114212440..1728971805584.1728971805584.1728971805584.1', 'empty', 'visitorId'],
    ['a word for the hash', `abc.${VISITOR}.1728971805584.1728971805584.1728971805584.1`, 'not-integer', 'domainHash'],
    ['a negative hash', `-114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.1`, 'not-integer', 'domainHash'],
    ['a word for a timestamp', `114212440.${VISITOR}.soon.1728971805584.1728971805584.1`, 'not-timestamp', 'firstVisit'],
    ['an empty timestamp', `114212440.${VISITOR}.1728971805584..1728971805584.1`, 'empty', 'previousVisit'],
    ['a timestamp past 2^53', `114212440.${VISITOR}.1728971805584.1728971805584.99999999999999999999.1`, 'not-timestamp', 'currentVisit'],
    ['a fractional session number', `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.1x`, 'not-integer', 'sessionCount'],
    ['a broken escape', `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.%`, 'bad-encoding', undefined],
    ['a NUL in a number', `114212440.${VISITOR}.1728971805584.1728971805584.17289718\u00005584.1`, 'not-timestamp', 'currentVisit'],
    ['4 KB and more', `${HSTC}${'9'.repeat(4096)}`, 'too-long', undefined],
  ])('fails on %s', (_label, value, code, field) => {
    const outcome = decodeCookie('__hstc', value);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problem.code).toBe(code);
      expect(outcome.problem.field).toBe(field);
    }
  });

  test('problems say what is wrong', () => {
    expect(decodeCookie('__hstc', '1.2.3')).toEqual({ ok: false, problem: { code: 'segment-count', detail: '3 parts, expected 6' } });
    expect(decodeCookie('__hstc', '1.2.3.4.5.6.7.8')).toEqual({ ok: false, problem: { code: 'segment-count', detail: 'more than 6 parts, expected 6' } });
    expect(decodeCookie('__hstc', 'x'.repeat(4097))).toEqual({ ok: false, problem: { code: 'too-long', detail: '4097 characters' } });
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.1.1.9007199254740993.1`)).toEqual({
      ok: false,
      problem: { code: 'not-timestamp', field: 'currentVisit', detail: '9007199254740993 is past 2^53' },
    });
    expect(decodeCookie('__hstc', `114212440.${VISITOR}.1.1.8640000000000001.1`)).toEqual({
      ok: false,
      problem: { code: 'not-timestamp', field: 'currentVisit', detail: '8640000000000001 is past the year 275760' },
    });
    expect(decodeCookie('__hstc', `1\u001b[2J.${VISITOR}.1.1.1.1`)).toEqual({ ok: false, problem: { code: 'not-integer', field: 'domainHash', detail: '1\\u001b[2J' } });
  });

  test('parseHstc exposes the parts for cross-checks', () => {
    expect(parseHstc(HSTC)).toEqual({
      ok: true,
      value: { kind: 'full', domainHash: 114212440, visitorId: VISITOR, firstVisit: 1728971805584, previousVisit: 1728971805584, currentVisit: 1728971805584, sessionCount: 1 },
    });
  });
});

describe('hubspotutk', () => {
  test('decodes the documented id', () => {
    expect(decodeCookie('hubspotutk', VISITOR)).toEqual({ ok: true, fields: [{ key: 'visitorId', value: { kind: 'id', value: VISITOR } }], warnings: [] });
  });

  test('says whether __hstc carries the same id', () => {
    expect(decodeCookie('hubspotutk', VISITOR, { ...CTX, siblings: siblings({ __hstc: HSTC }) })).toEqual({
      ok: true,
      fields: [
        { key: 'visitorId', value: { kind: 'id', value: VISITOR } },
        { key: 'matchesHstc', value: { kind: 'flag', value: true } },
      ],
      warnings: [],
    });
    const other = 'ffffffffffffffffffffffffffffffff';
    expect(decodeCookie('hubspotutk', other, { ...CTX, siblings: siblings({ __hstc: HSTC }) })).toMatchObject({
      ok: true,
      fields: [{ key: 'visitorId' }, { key: 'matchesHstc', value: { kind: 'flag', value: false } }],
      warnings: [{ code: 'unexpected-value', field: 'matchesHstc' }],
    });
  });

  test('an undecodable __hstc cannot be compared, so matchesHstc is left out', () => {
    expect(decodeCookie('hubspotutk', VISITOR, { ...CTX, siblings: siblings({ __hstc: '1.2.3' }) })).toEqual({
      ok: true,
      fields: [{ key: 'visitorId', value: { kind: 'id', value: VISITOR } }],
      warnings: [],
    });
  });

  test.each([
    ['', 'empty'],
    ['0A1B2C3D4E5F40718293A4B5C6D7E8F9', 'not-hex-id'],
    ['0a1b2c3d', 'not-hex-id'],
    [`${VISITOR}0`, 'not-hex-id'],
    ['%zz', 'bad-encoding'],
    ['x'.repeat(5000), 'too-long'],
  ])('fails on %j with %s', (value, code) => {
    expect(decodeCookie('hubspotutk', value)).toMatchObject({ ok: false, problem: { code } });
  });
});

describe('__hssc', () => {
  test('decodes the documented first page view', () => {
    expect(decodeCookie('__hssc', HSSC)).toEqual({
      ok: true,
      fields: [
        { key: 'domainHash', value: { kind: 'id', value: '114212440' } },
        { key: 'domainHashMatches', value: { kind: 'domain', value: '.example.com' } },
        { key: 'pageViews', value: { kind: 'count', value: 1 } },
        { key: 'sessionStart', value: { kind: 'instant', epochMs: 1728971805585 } },
      ],
      warnings: [],
    });
  });

  test('with __hssrc present it is live', () => {
    expect(decodeCookie('__hssc', HSSC, { ...CTX, siblings: siblings({ __hssrc: '1', __hstc: HSTC }) })).toMatchObject({
      ok: true,
      fields: [{ key: 'domainHash' }, { key: 'domainHashMatches' }, { key: 'pageViews' }, { key: 'sessionStart' }, { key: 'stale', value: { kind: 'flag', value: false } }],
      warnings: [],
    });
  });

  test('without __hssrc HubSpot ignores it: stale', () => {
    expect(decodeCookie('__hssc', HSSC, { ...CTX, siblings: siblings({ __hstc: HSTC }) })).toMatchObject({
      ok: true,
      fields: [{}, {}, {}, {}, { key: 'stale', value: { kind: 'flag', value: true } }],
      warnings: [{ code: 'unexpected-value', field: 'stale' }],
    });
    expect(decodeCookie('__hssc', HSSC, { ...CTX, siblings: siblings({ __hssrc: '0' }) })).toMatchObject({
      ok: true,
      warnings: [{ code: 'unexpected-value', field: 'stale' }],
    });
  });

  test('a domain hash other than __hstc’s is noted', () => {
    expect(decodeCookie('__hssc', HSSC, { ...CTX, siblings: siblings({ __hssrc: '1', __hstc: `20629287.${VISITOR}.1.1.1.1` }) })).toMatchObject({
      ok: true,
      warnings: [{ code: 'unexpected-value', field: 'domainHash', detail: '__hstc has domain hash 20629287' }],
    });
  });

  test('a wrong part count is explained', () => {
    expect(decodeCookie('__hssc', '114212440.1')).toEqual({ ok: false, problem: { code: 'segment-count', detail: '2 parts, expected 3' } });
    expect(decodeCookie('__hssc', '1.2.3.4')).toEqual({ ok: false, problem: { code: 'segment-count', detail: 'more than 3 parts, expected 3' } });
  });

  test('a session start in seconds is a stated problem', () => {
    expect(decodeCookie('__hssc', '114212440.1.1728971805', { ...CTX, siblings: siblings({ __hssrc: '1' }) })).toMatchObject({
      ok: true,
      warnings: [{ code: 'seconds-not-ms', field: 'sessionStart', detail: '1728971805 reads as 1970-01-21T00:16:11.805Z; as seconds it would be 2024-10-15T05:56:45.000Z' }],
    });
  });

  test('future start and zero views are warned about', () => {
    expect(decodeCookie('__hssc', '114212440.0.1735693200000')).toMatchObject({
      ok: true,
      warnings: [
        { code: 'unexpected-value', field: 'pageViews' },
        { code: 'future-timestamp', field: 'sessionStart' },
      ],
    });
  });

  test.each([
    ['', 'empty', undefined],
    ['114212440.1', 'segment-count', undefined],
    [HSTC, 'segment-count', undefined],
    ['x.1.1728971805585', 'not-integer', 'domainHash'],
    ['114212440.one.1728971805585', 'not-integer', 'pageViews'],
    ['114212440.1.1e12', 'not-timestamp', 'sessionStart'],
    ['114212440.1.%E0%A4%A', 'bad-encoding', undefined],
  ])('fails on %j with %s', (value, code, field) => {
    const outcome = decodeCookie('__hssc', value);
    expect(outcome).toMatchObject({ ok: false, problem: { code } });
    if (!outcome.ok) expect(outcome.problem.field).toBe(field);
  });
});

describe('__hssrc', () => {
  test('1 is the only value HubSpot writes', () => {
    expect(decodeCookie('__hssrc', '1')).toEqual({ ok: true, fields: [{ key: 'value', value: { kind: 'text', value: '1' } }], warnings: [] });
    expect(decodeCookie('__hssrc', '2')).toMatchObject({ ok: true, warnings: [{ code: 'unexpected-value', field: 'value' }] });
    expect(decodeCookie('__hssrc', '')).toMatchObject({ ok: false, problem: { code: 'empty' } });
  });
});

describe('messagesUtk', () => {
  test('decodes the documented chat id', () => {
    expect(decodeCookie('messagesUtk', '2137a056052844bc82dea8c9d53c9dd8')).toEqual({
      ok: true,
      fields: [{ key: 'visitorId', value: { kind: 'id', value: '2137a056052844bc82dea8c9d53c9dd8' } }],
      warnings: [],
    });
  });
  test.each([
    ['', 'empty'],
    ['2137a056-0528-44bc-82de-a8c9d53c9dd8', 'not-hex-id'],
  ])('fails on %j', (value, code) => {
    expect(decodeCookie('messagesUtk', value)).toMatchObject({ ok: false, problem: { code } });
  });
});
