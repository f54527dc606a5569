import { describe, expect, test } from 'vitest';
import {
  MAX_EPOCH_MS,
  digitsValue,
  isHex,
  excerpt,
  isBase64Url,
  parseBooleanWord,
  parseEpoch,
  parseEpochMs,
  parseEpochSeconds,
  parseHexId,
  parseInteger,
  percentDecodeUntilStable,
  stripSurroundingQuotes,
  unwrapValue,
} from '../../../src/decode/parse.ts';

describe('parseInteger', () => {
  test.each([
    ['0', 0],
    ['1', 1],
    ['007', 7],
    ['114212440', 114212440],
    ['9007199254740991', 9007199254740991],
  ])('reads %j as %i', (text, expected) => {
    expect(parseInteger(text)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['', 'empty'],
    ['-1', 'not-integer'],
    ['+1', 'not-integer'],
    [' 1', 'not-integer'],
    ['1 ', 'not-integer'],
    ['1.5', 'not-integer'],
    ['1e3', 'not-integer'],
    ['0x10', 'not-integer'],
    ['١٢', 'not-integer'],
    ['9007199254740992', 'not-integer'],
    ['9'.repeat(400), 'not-integer'],
  ])('refuses %j with %s', (text, code) => {
    expect(parseInteger(text, { field: 'n' })).toMatchObject({ ok: false, problem: { code, field: 'n' } });
  });

  test('accepts a minus sign only when asked', () => {
    expect(parseInteger('-42', { allowNegative: true })).toEqual({ ok: true, value: -42 });
    expect(parseInteger('-', { allowNegative: true })).toMatchObject({ ok: false, problem: { code: 'not-integer' } });
  });

  test('reports the caller’s code', () => {
    expect(parseInteger('x', { code: 'not-timestamp' })).toMatchObject({ ok: false, problem: { code: 'not-timestamp' } });
  });

  test('a problem without a field has no field key at all', () => {
    const result = parseInteger('x');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.problem)).toEqual(['code', 'detail']);
  });
});

describe('digitsValue', () => {
  test('reads a span without cutting it out', () => {
    expect(digitsValue('ab123cd', 2, 5)).toBe(123);
    expect(digitsValue('42')).toBe(42);
    expect(digitsValue('x.0.y', 2, 3)).toBe(0);
  });
  test.each([
    ['', 0, 0],
    ['123', 1, 1],
    ['12a', 0, 3],
    ['-1', 0, 2],
    ['9007199254740992', 0, 16],
  ])('%j from %i to %i is -1', (text, start, end) => {
    expect(digitsValue(text, start, end)).toBe(-1);
  });
});

describe('parseEpoch', () => {
  test('milliseconds pass through', () => {
    expect(parseEpochMs('1728971805584', 'at')).toEqual({ ok: true, value: 1728971805584 });
  });
  test('seconds become milliseconds', () => {
    expect(parseEpochSeconds('1728971805')).toEqual({ ok: true, value: 1728971805000 });
  });
  test('deciseconds and days become milliseconds', () => {
    expect(parseEpoch('17289718055', 'deciseconds')).toEqual({ ok: true, value: 1728971805500 });
    expect(parseEpoch('20011', 'days')).toEqual({ ok: true, value: 1728950400000 });
  });
  test('the last representable instant is accepted, one past it is not', () => {
    expect(parseEpochMs(String(MAX_EPOCH_MS))).toEqual({ ok: true, value: 8640000000000000 });
    expect(parseEpochMs('8640000000000001', 'at')).toMatchObject({ ok: false, problem: { code: 'not-timestamp', field: 'at' } });
    expect(parseEpochSeconds('8640000000001')).toMatchObject({ ok: false, problem: { code: 'not-timestamp' } });
  });
  test.each(['', 'abc', '-5', '1.5', '99999999999999999999'])('refuses %j', (text) => {
    const result = parseEpochMs(text);
    expect(result.ok).toBe(false);
  });
  test('non-digits are not-timestamp, not not-integer', () => {
    expect(parseEpochMs('12a', 'at')).toMatchObject({ ok: false, problem: { code: 'not-timestamp', field: 'at' } });
  });
});

describe('parseHexId', () => {
  test('accepts lower and upper case unless told otherwise', () => {
    expect(parseHexId('0a1B')).toEqual({ ok: true, value: '0a1B' });
    expect(parseHexId('0a1B', { lowerCaseOnly: true })).toMatchObject({ ok: false, problem: { code: 'not-hex-id' } });
  });
  test('checks the length', () => {
    expect(parseHexId('abc', { length: 4, field: 'id' })).toMatchObject({ ok: false, problem: { code: 'not-hex-id', field: 'id', detail: '3 characters, expected 4' } });
    expect(parseHexId('abcd', { length: 4 })).toEqual({ ok: true, value: 'abcd' });
  });
  test.each(['g', '0x12', 'ab cd', '', 'ab\u0000'])('refuses %j', (text) => {
    expect(parseHexId(text).ok).toBe(false);
  });
});

describe('isHex', () => {
  test('hex digits only, non-empty', () => {
    expect(isHex('09afAF')).toBe(true);
    expect(isHex('09afAF', true)).toBe(false);
    expect(isHex('09af', true)).toBe(true);
    expect(isHex('')).toBe(false);
    expect(isHex('0g')).toBe(false);
  });
});

describe('percentDecodeUntilStable', () => {
  test.each([
    ['plain', 'plain'],
    ['a%20b', 'a b'],
    ['1%3Atrue%2C2%3Afalse', '1:true,2:false'],
    // Encoded twice: %25 is the percent sign itself.
    ['a%2520b', 'a b'],
    ['%25252541', 'A'],
    ['caf%C3%A9', 'café'],
    ['a+b', 'a+b'],
  ])('%j becomes %j', (text, expected) => {
    expect(percentDecodeUntilStable(text)).toEqual({ ok: true, value: expected });
  });

  test.each(['%', '%4', '%zz', '50%off', '%C3', '%ED%A0%80', 'a%2'])('%j is bad-encoding', (text) => {
    expect(percentDecodeUntilStable(text, 'f')).toMatchObject({ ok: false, problem: { code: 'bad-encoding', field: 'f' } });
  });

  test('gives up on escapes nested deeper than the round limit', () => {
    // 'A' (%41) with its percent sign escaped nine more times: one round per level.
    const nested = `%${'25'.repeat(9)}41`;
    expect(percentDecodeUntilStable(nested)).toMatchObject({ ok: false, problem: { code: 'bad-encoding' } });
    expect(percentDecodeUntilStable(nested, undefined, 10)).toEqual({ ok: true, value: 'A' });
  });
});

describe('stripSurroundingQuotes and unwrapValue', () => {
  test.each([
    ['"abc"', 'abc'],
    ['""abc""', '"abc"'],
    ['"', '"'],
    ['""', ''],
    ['"abc', '"abc'],
    ['a"b"', 'a"b"'],
  ])('%j -> %j', (text, expected) => {
    expect(stripSurroundingQuotes(text)).toBe(expected);
  });
  test('unwrapValue strips quotes, then decodes', () => {
    expect(unwrapValue('"1%3Atrue"')).toEqual({ ok: true, value: '1:true' });
    expect(unwrapValue('%22x%22')).toEqual({ ok: true, value: '"x"' });
  });
});

describe('parseBooleanWord', () => {
  test('compares exactly', () => {
    expect(parseBooleanWord('yes', ['yes'], ['no'])).toEqual({ ok: true, value: true });
    expect(parseBooleanWord('no', ['yes'], ['no'])).toEqual({ ok: true, value: false });
    expect(parseBooleanWord('Yes', ['yes'], ['no'], 'f')).toMatchObject({ ok: false, problem: { code: 'not-boolean', field: 'f', detail: 'Yes' } });
    expect(parseBooleanWord('', ['yes'], ['no'], 'f')).toMatchObject({ ok: false, problem: { code: 'empty', field: 'f' } });
  });
});

describe('excerpt', () => {
  test('escapes control characters and cuts long text', () => {
    expect(excerpt('a\u0000b\u001b[31m\u007f')).toBe('a\\u0000b\\u001b[31m\\u007f');
    expect(excerpt('x'.repeat(40))).toBe(`${'x'.repeat(32)}…`);
    expect(excerpt('abc', 2)).toBe('ab…');
  });
  test('does not end on half a surrogate pair', () => {
    expect(excerpt('a😀b', 2)).toBe('a…');
  });
});

describe('isBase64Url', () => {
  test('base64url characters only, at least one', () => {
    expect(isBase64Url('Ab09-_')).toBe(true);
    expect(isBase64Url('')).toBe(false);
    expect(isBase64Url('a+b')).toBe(false);
    expect(isBase64Url('a=')).toBe(false);
  });
});
