// The small shared decoders in src/decode/vendors/util.ts. Expected values are worked out by hand.
import { describe, expect, test } from 'vitest';
import { cleanValue, decodeBase64Text, parseBase36, parseCrockfordBase32, parseDateToString, parseIsoInstant, parseQueryString, parseTimestamp } from '../../../../src/decode/vendors/util.ts';

describe('cleanValue', () => {
  test.each([
    ['"v=2&abc"', 'v=2&abc'],
    ['%22abc%22', 'abc'],
    ['%2522abc%2522', 'abc'],
    ['a%7Cb', 'a|b'],
    ['plain', 'plain'],
  ])('%j becomes %j', (raw, expected) => {
    expect(cleanValue(raw)).toEqual({ ok: true, value: expected });
  });

  test('an empty result and broken escapes are problems', () => {
    expect(cleanValue('""')).toMatchObject({ ok: false, problem: { code: 'empty' } });
    expect(cleanValue('%E0%A4%A')).toMatchObject({ ok: false, problem: { code: 'bad-encoding' } });
  });
});

describe('timestamps and dates', () => {
  test('parseTimestamp checks the digit count of the unit', () => {
    expect(parseTimestamp('1757409569', 'seconds', 'k')).toEqual({ ok: true, value: 1757409569000 });
    expect(parseTimestamp('1757409569000', 'ms', 'k')).toEqual({ ok: true, value: 1757409569000 });
    expect(parseTimestamp('1757409569000', 'seconds', 'k')).toMatchObject({ ok: false, problem: { code: 'not-timestamp', field: 'k' } });
    expect(parseTimestamp('-757409569', 'seconds', 'k')).toMatchObject({ ok: false });
  });

  test.each([
    ['2024-07-29T03:03:35.027Z', Date.UTC(2024, 6, 29, 3, 3, 35, 27)],
    ['2024-07-29T03:03:35Z', Date.UTC(2024, 6, 29, 3, 3, 35)],
    ['2024-07-29T05:03:35+02:00', Date.UTC(2024, 6, 29, 3, 3, 35)],
    ['2024-07-29T03:03:35.1234567Z', Date.UTC(2024, 6, 29, 3, 3, 35, 123)],
  ])('parseIsoInstant(%j)', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });

  test.each(['2024-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '2024-07-29T24:00:00Z', '2024-07-29', '29/07/2024'])('parseIsoInstant refuses %j', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });

  test('parseDateToString reads the numeric offset and ignores the zone name', () => {
    expect(parseDateToString('Wed Feb 01 2023 12:35:32 GMT+0100 (Central European Standard Time)')).toBe(Date.UTC(2023, 1, 1, 11, 35, 32));
    expect(parseDateToString('Thu Jul 04 2024 20:00:00 GMT-0700 (Pacific Daylight Time)')).toBe(Date.UTC(2024, 6, 5, 3));
    expect(parseDateToString('Wed Foo 01 2023 12:35:32 GMT+0100')).toBeUndefined();
    expect(parseDateToString('2023-02-01')).toBeUndefined();
  });
});

describe('number systems and base64', () => {
  test('base 36 and Crockford base 32', () => {
    expect(parseBase36('fw1')).toBe(20593); // 15 * 36^2 + 32 * 36 + 1
    expect(parseBase36('FW1')).toBe(20593);
    expect(parseBase36('f-1')).toBeUndefined();
    expect(parseCrockfordBase32('01K1A8BXG7')).toBe(1753764722183);
    expect(parseCrockfordBase32('ZZ')).toBe(1023);
    expect(parseCrockfordBase32('U1')).toBeUndefined();
  });

  test('base64 in both alphabets, with or without padding, as UTF-8', () => {
    expect(decodeBase64Text('eyJhIjoxfQ==')).toBe('{"a":1}');
    expect(decodeBase64Text('eyJhIjoxfQ')).toBe('{"a":1}');
    expect(decodeBase64Text('w6XDpMO2')).toBe('åäö');
    expect(decodeBase64Text('PD8-')).toBe('<?>');
    expect(decodeBase64Text('PD8+')).toBe('<?>');
    expect(decodeBase64Text('Pz8_')).toBe('???');
    expect(decodeBase64Text('Pz8/')).toBe('???');
    expect(decodeBase64Text('/w==')).toBeUndefined(); // 0xff alone is not UTF-8
    expect(decodeBase64Text('a')).toBeUndefined();
    expect(decodeBase64Text('ab$c')).toBeUndefined();
  });

  test('query strings: + is a space, parts are decoded one by one, the first duplicate wins', () => {
    expect([...parseQueryString('a=1+2&b=x%26y&a=3&=skip&novalue')]).toEqual([
      ['a', '1 2'],
      ['b', 'x&y'],
    ]);
    expect([...parseQueryString('a%3D1%26b%3D2')]).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});
