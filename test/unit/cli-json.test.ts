// src/explain/json.ts: the JSON form the CLI prints (and anything else that exports cookies).
import { describe, expect, test } from 'vitest';
import en from '../../locales/en/hubspot.json';
import { cookieToJson, decodedToJson, fieldsToJson, instantToIso } from '../../src/explain/json.ts';
import type { CookieFamily, DecodeOutcome } from '../../src/decode/types.ts';
import { createCatalogTranslator } from '../../src/i18n/messages.ts';

const translate = createCatalogTranslator(en, 'en');
const CTX = { now: 1_735_689_600_000, host: 'www.example.com' };

const fakeFamily = (outcome: DecodeOutcome): CookieFamily => ({
  id: 'test.fake',
  vendor: 'test-vendor',
  category: 'functional',
  lifetime: { kind: 'unknown' },
  names: ['fake'],
  matches: (name) => name === 'fake',
  decode: () => outcome,
});

describe('instantToIso', () => {
  test.each([
    [0, '1970-01-01T00:00:00.000Z'],
    [1728971805584, '2024-10-15T05:56:45.584Z'],
    [-1, '1969-12-31T23:59:59.999Z'],
    [8_640_000_000_000_000, '+275760-09-13T00:00:00.000Z'],
    [8_640_000_000_000_001, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('%d -> %s', (ms, iso) => {
    expect(instantToIso(ms)).toBe(iso);
  });
});

describe('fieldsToJson', () => {
  test('each field kind', () => {
    expect(
      fieldsToJson([
        { key: 'text', value: { kind: 'text', value: 'a' } },
        { key: 'id', value: { kind: 'id', value: 'b' } },
        { key: 'at', value: { kind: 'instant', epochMs: 1728971805584 } },
        { key: 'never', value: { kind: 'instant', epochMs: 9e15 } },
        { key: 'lasts', value: { kind: 'duration', ms: 1800000 } },
        { key: 'n', value: { kind: 'count', value: 3 } },
        { key: 'on', value: { kind: 'flag', value: false } },
        { key: 'domain', value: { kind: 'domain', value: '.example.com' } },
        { key: 'elsewhere', value: { kind: 'domain', value: null } },
        { key: 'list', value: { kind: 'list', value: ['x', 'y'] } },
      ]),
    ).toEqual({
      text: 'a',
      id: 'b',
      at: '2024-10-15T05:56:45.584Z',
      never: null,
      lasts: 1800000,
      n: 3,
      on: false,
      domain: '.example.com',
      elsewhere: null,
      list: ['x', 'y'],
    });
  });
});

describe('decodedToJson', () => {
  test('an instant a Date cannot hold becomes null plus a problem', () => {
    const outcome: DecodeOutcome = { ok: true, fields: [{ key: 'at', value: { kind: 'instant', epochMs: -9e15 } }], warnings: [] };
    expect(decodedToJson('fake', { family: fakeFamily(outcome), outcome }, translate)).toEqual({
      name: 'fake',
      vendor: 'test-vendor',
      category: 'functional',
      recognised: true,
      fields: { at: null },
      problems: [{ code: 'not-timestamp', field: 'at', detail: '-9000000000000000 is outside the range of dates', message: 'A part that should be a date and time is not a valid one.' }],
    });
  });

  test('warnings come first, then conversion problems; field and detail only when present', () => {
    const outcome: DecodeOutcome = { ok: true, fields: [], warnings: [{ code: 'order' }, { code: 'future-timestamp', field: 'x' }] };
    expect(decodedToJson('fake', { family: fakeFamily(outcome), outcome }, translate).problems).toEqual([
      { code: 'order', message: 'The visit times are out of order.' },
      { code: 'future-timestamp', field: 'x', message: 'A time lies in the future.' },
    ]);
  });

  test('a failure has no fields', () => {
    const outcome: DecodeOutcome = { ok: false, problem: { code: 'library-error', detail: 'boom' } };
    expect(decodedToJson('fake', { family: fakeFamily(outcome), outcome }, translate)).toEqual({
      name: 'fake',
      vendor: 'test-vendor',
      category: 'functional',
      recognised: true,
      fields: {},
      problems: [{ code: 'library-error', detail: 'boom', message: 'Cookie Lens ran into an error while decoding this value.' }],
    });
  });

  test('a translator without the message falls back to the code', () => {
    const outcome: DecodeOutcome = { ok: false, problem: { code: 'empty' } };
    expect(decodedToJson('fake', { family: fakeFamily(outcome), outcome }, createCatalogTranslator({}, 'en')).problems).toEqual([{ code: 'empty', message: 'empty' }]);
  });

  test('unknown names: nothing known, unless the name lookup knows them', () => {
    expect(decodedToJson('mystery', undefined, translate)).toEqual({ name: 'mystery', vendor: null, category: null, recognised: false, fields: {}, problems: [] });
    expect(decodedToJson('mystery', undefined, translate, (name) => (name === 'mystery' ? { vendor: 'someone', category: 'advertising' } : undefined))).toEqual({
      name: 'mystery',
      vendor: 'someone',
      category: 'advertising',
      recognised: true,
      fields: {},
      problems: [],
    });
  });
});

describe('cookieToJson', () => {
  test('decodes through the registry', async () => {
    expect(await cookieToJson('__hs_opt_out', 'yes', CTX, translate)).toEqual({
      name: '__hs_opt_out',
      vendor: 'hubspot',
      category: 'necessary',
      recognised: true,
      fields: { declined: true },
      problems: [],
    });
  });

  test('an unknown name passes through the lookup', async () => {
    expect(await cookieToJson('no_such_cookie_anywhere', 'x', CTX, translate, () => ({ vendor: 'v', category: 'analytics' }))).toMatchObject({ vendor: 'v', category: 'analytics', recognised: true });
  });
});
