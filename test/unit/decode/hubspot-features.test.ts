import { describe, expect, test } from 'vitest';
import { findFamily } from '../../../src/decode/registry.ts';
import { CTX, NOW, decodeCookie } from './hubspot-support.ts';

describe('chat switches', () => {
  test.each([
    ['hs-messages-is-open', 'false', 'chatOpen', false],
    ['hs-messages-is-open', 'true', 'chatOpen', true],
    ['hs-messages-hide-welcome-message', 'true', 'welcomeHidden', true],
    ['hs-messages-hide-welcome-message', 'false', 'welcomeHidden', false],
  ])('%s=%s', (name, value, key, flag) => {
    expect(decodeCookie(name, value)).toEqual({ ok: true, fields: [{ key, value: { kind: 'flag', value: flag } }], warnings: [] });
  });
  test.each([
    ['hs-messages-is-open', 'open', 'not-boolean'],
    ['hs-messages-hide-welcome-message', '', 'empty'],
  ])('%s=%j fails with %s', (name, value, code) => {
    expect(decodeCookie(name, value)).toMatchObject({ ok: false, problem: { code } });
  });
});

describe('membership tokens', () => {
  const memberToken = `0:${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIj'}`;
  test('__hsmem in the documented shape', () => {
    expect(decodeCookie('__hsmem', memberToken)).toEqual({ ok: true, fields: [{ key: 'token', value: { kind: 'id', value: memberToken } }], warnings: [] });
  });
  test('__hsmem in another shape is shown with a warning', () => {
    expect(decodeCookie('__hsmem', 'abc')).toMatchObject({ ok: true, fields: [{ key: 'token' }], warnings: [{ code: 'unknown-format', field: 'token' }] });
    expect(decodeCookie('__hsmem', ':abc')).toMatchObject({ ok: true, warnings: [{ code: 'unknown-format' }] });
    expect(decodeCookie('__hsmem', '0:')).toMatchObject({ ok: true, warnings: [{ code: 'unknown-format' }] });
  });
  test('hs-membership-csrf', () => {
    expect(decodeCookie('hs-membership-csrf', 'Zx9_Yw8-Xv7Uu6Tt5Ss4Rr')).toEqual({
      ok: true,
      fields: [{ key: 'token', value: { kind: 'id', value: 'Zx9_Yw8-Xv7Uu6Tt5Ss4Rr' } }],
      warnings: [],
    });
    expect(decodeCookie('hs-membership-csrf', 'a b')).toMatchObject({ ok: true, warnings: [{ code: 'unknown-format', field: 'token' }] });
  });
});

describe('formats the doc marks UNSURE are shown raw, flagged uncertain', () => {
  test.each([
    ['hs_ab_test', '12345678_87654321'],
    ['hs_langswitcher_choice', 'EN-US:hubspot.com'],
    ['123456_key', 'c2VjcmV0'],
    ['hsfirstvisit', 'https://www.example.com/|1728971805584'],
    ['__hs_testcookie', '1'],
  ])('%s', (name, value) => {
    expect(decodeCookie(name, value)).toEqual({ ok: true, fields: [{ key: 'value', value: { kind: 'text', value }, uncertain: true }], warnings: [] });
  });
  test('__hsfp is a fingerprint of unknown form', () => {
    expect(decodeCookie('__hsfp', '3891427152')).toEqual({
      ok: true,
      fields: [{ key: 'fingerprint', value: { kind: 'id', value: '3891427152' }, uncertain: true }],
      warnings: [],
    });
  });
  test('the password-key pattern takes digits only', () => {
    expect(findFamily('123_key')?.id).toBe('hubspot.password-key');
    for (const name of ['_key', 'a1_key', '123_key_', '123_keys', '123-key', ' 123_key']) expect(findFamily(name)?.id).not.toBe('hubspot.password-key');
  });
});

describe('hs_dbg', () => {
  test('1 turns debug logging on', () => {
    expect(decodeCookie('hs_dbg', '1')).toEqual({ ok: true, fields: [{ key: 'debugLogging', value: { kind: 'flag', value: true } }], warnings: [] });
  });
  test('other values are not read as on or off', () => {
    expect(decodeCookie('hs_dbg', '0')).toMatchObject({ ok: false, problem: { code: 'unexpected-value', field: 'debugLogging' } });
  });
});

describe('Cloudflare', () => {
  const TOKEN_43 = 'Xk3v9Qw2.Lr7uT0bN5mZ8pYc1eDfGhJ4aS6oVtWxK_q';
  test('the made-up token is 43 characters', () => {
    expect(TOKEN_43).toHaveLength(43);
  });

  test('__cf_bm: token, issue time in seconds, version', () => {
    expect(decodeCookie('__cf_bm', `${TOKEN_43}-1728971805-1.0.1.1-aGVsbG8gd29ybGQ.x_y-z+/=`)).toEqual({
      ok: true,
      fields: [
        { key: 'token', value: { kind: 'id', value: TOKEN_43 } },
        { key: 'issuedAt', value: { kind: 'instant', epochMs: 1728971805000 } },
        { key: 'version', value: { kind: 'text', value: '1.0.1.1' } },
      ],
      warnings: [],
    });
  });

  test('a token may itself contain a dash', () => {
    const dashed = `${TOKEN_43.slice(0, 20)}-${TOKEN_43.slice(21)}`;
    const outcome = decodeCookie('__cf_bm', `${dashed}-1728971805-1.0.1.1-aGVsbG8`);
    expect(outcome).toMatchObject({ ok: true, warnings: [] });
    if (outcome.ok) expect(outcome.fields[0]).toEqual({ key: 'token', value: { kind: 'id', value: dashed } });
  });

  test('__cfruid: 40 hex and seconds', () => {
    const hex = '0123456789abcdef0123456789abcdef01234567';
    expect(decodeCookie('__cfruid', `${hex}-1728971805`)).toEqual({
      ok: true,
      fields: [
        { key: 'token', value: { kind: 'id', value: hex } },
        { key: 'issuedAt', value: { kind: 'instant', epochMs: 1728971805000 } },
      ],
      warnings: [],
    });
  });

  test('_cfuvid: token, issue time in milliseconds, version', () => {
    expect(decodeCookie('_cfuvid', `${TOKEN_43}-1728971805584-0.0.1.1-604800000`)).toEqual({
      ok: true,
      fields: [
        { key: 'token', value: { kind: 'id', value: TOKEN_43 } },
        { key: 'issuedAt', value: { kind: 'instant', epochMs: 1728971805584 } },
        { key: 'version', value: { kind: 'text', value: '0.0.1.1' } },
      ],
      warnings: [],
    });
  });

  test('an issue time in the future is warned about', () => {
    // NOW + 1 hour, in seconds.
    const inAnHour = String((NOW + 3_600_000) / 1000);
    expect(decodeCookie('__cfruid', `${'a'.repeat(40)}-${inAnHour}`, CTX)).toMatchObject({ ok: true, warnings: [{ code: 'future-timestamp', field: 'issuedAt' }] });
  });

  test('an unknown shape says what was expected', () => {
    expect(decodeCookie('__cf_bm', 'bad')).toEqual({ ok: false, problem: { code: 'unknown-format', detail: 'bad (expected token-seconds-version-data)' } });
  });

  test.each([
    ['__cf_bm', '', 'empty'],
    ['__cf_bm', `${TOKEN_43}-1728971805`, 'unknown-format'],
    ['__cf_bm', `${TOKEN_43.slice(1)}-1728971805-1.0.1.1-aGVsbG8`, 'unknown-format'],
    ['__cf_bm', `${TOKEN_43}-99999999999999999999-1.0.1.1-aGVsbG8`, 'not-timestamp'],
    ['__cfruid', 'abc-1728971805', 'unknown-format'],
    ['__cfruid', `${'g'.repeat(40)}-1728971805`, 'unknown-format'],
    ['_cfuvid', `${TOKEN_43}-1728971805584-0.0.1.1-`, 'unknown-format'],
    ['_cfuvid', `${TOKEN_43}-1728971805584-0.0.1.1-${'1'.repeat(4096)}`, 'too-long'],
  ])('%s=%j fails with %s', (name, value, code) => {
    expect(decodeCookie(name, value)).toMatchObject({ ok: false, problem: { code } });
  });
});
