// The families as a whole: names, lifetimes and categories from the doc, and a locale entry for
// every family, vendor, emitted field and problem code, in English and Swedish.
import { describe, expect, test } from 'vitest';
import en from '../../../locales/en/hubspot.json';
import sv from '../../../locales/sv/hubspot.json';
import { hubspotFamilies } from '../../../src/decode/hubspot/index.ts';
import { findFamily } from '../../../src/decode/registry.ts';
import { DAY_MS, MINUTE_MS, PROBLEM_CODES } from '../../../src/decode/types.ts';
import type { DecodeContext } from '../../../src/decode/types.ts';
import { messageKeyPart } from '../../../src/i18n/messages.ts';

const catalogs: Readonly<Record<'en' | 'sv', Readonly<Record<string, { message: string; description: string }>>>> = { en, sv };

const FULL_CTX: DecodeContext = {
  now: 1_735_689_600_000,
  host: 'www.example.com',
  siblings: new Map([
    ['__hstc', '114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728971805584.1'],
    ['__hssrc', '1'],
  ]),
};

// One decodable example per cookie name, from the doc's section 7 where it gives one.
const EXAMPLES: Readonly<Record<string, string>> = {
  __hstc: '114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728971805584.1',
  hubspotutk: '0a1b2c3d4e5f40718293a4b5c6d7e8f9',
  __hssc: '114212440.1.1728971805585',
  __hssrc: '1',
  messagesUtk: '2137a056052844bc82dea8c9d53c9dd8',
  __hs_cookie_cat_pref: '1:true,2:false,3:true',
  __hs_do_not_track: 'yes',
  __hs_opt_out: 'no',
  __hs_initial_opt_in: 'true',
  __hs_gpc_banner_dismiss: 'true',
  __hs_notify_banner_dismiss: 'true',
  'hs-messages-is-open': 'false',
  'hs-messages-hide-welcome-message': 'true',
  __hsmem: '0:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIj',
  'hs-membership-csrf': 'Zx9_Yw8-Xv7Uu6Tt5Ss4Rr',
  hs_ab_test: '12345678_87654321',
  '987654_key': 'c2VjcmV0',
  hs_langswitcher_choice: 'EN-US:hubspot.com',
  hsfirstvisit: 'x',
  __hs_testcookie: '1',
  hs_dbg: '1',
  __hsfp: '3891427152',
  __cf_bm: 'Xk3v9Qw2.Lr7uT0bN5mZ8pYc1eDfGhJ4aS6oVtWxK_q-1728971805-1.0.1.1-aGVsbG8gd29ybGQ',
  __cfruid: '0123456789abcdef0123456789abcdef01234567-1728971805',
  _cfuvid: 'Xk3v9Qw2.Lr7uT0bN5mZ8pYc1eDfGhJ4aS6oVtWxK_q-1728971805584-0.0.1.1-604800000',
};


describe('families', () => {
  test('the briefed ids, each once', () => {
    expect(hubspotFamilies.map((family) => family.id).sort()).toEqual(
      [
        'hubspot.hstc', 'hubspot.hubspotutk', 'hubspot.hssc', 'hubspot.hssrc', 'hubspot.messagesutk', 'hubspot.cookie-cat-pref',
        'hubspot.opt-out', 'hubspot.initial-opt-in', 'hubspot.do-not-track', 'hubspot.gpc-banner-dismiss', 'hubspot.notify-banner-dismiss',
        'hubspot.ab-test', 'hubspot.password-key', 'hubspot.messages-is-open', 'hubspot.messages-hide-welcome', 'hubspot.hsmem',
        'hubspot.membership-csrf', 'hubspot.langswitcher', 'hubspot.hsfirstvisit', 'hubspot.testcookie', 'hubspot.hs-dbg', 'hubspot.hsfp',
        'cloudflare.cf-bm', 'cloudflare.cfruid', 'cloudflare.cfuvid',
      ].sort(),
    );
  });

  test('ids start with the vendor id', () => {
    for (const family of hubspotFamilies) expect(family.id.startsWith(`${family.vendor}.`)).toBe(true);
  });

  test('every example name finds its family through the registry, and every family has an example', () => {
    const covered = new Set<string>();
    for (const name of Object.keys(EXAMPLES)) {
      const family = findFamily(name);
      expect(family?.vendor === 'hubspot' || family?.vendor === 'cloudflare', name).toBe(true);
      expect(family?.matches(name), name).toBe(true);
      if (family !== undefined) covered.add(family.id);
    }
    expect([...covered].sort()).toEqual(hubspotFamilies.map((family) => family.id).sort());
  });

  test('exact names are listed, so the registry finds them in one probe', () => {
    for (const family of hubspotFamilies) {
      if (family.id === 'hubspot.password-key') expect(family.names).toBeUndefined();
      else expect(family.names?.length).toBeGreaterThan(0);
    }
  });

  test('every example decodes cleanly', () => {
    for (const [name, value] of Object.entries(EXAMPLES)) {
      expect(findFamily(name)?.decode(value, FULL_CTX), name).toMatchObject({ ok: true, warnings: [] });
    }
  });

  test.each([
    ['__hstc', 'analytics', { kind: 'duration', ms: 180 * DAY_MS, rolling: true }],
    ['hubspotutk', 'analytics', { kind: 'duration', ms: 180 * DAY_MS, rolling: true }],
    ['__hssc', 'analytics', { kind: 'duration', ms: 30 * MINUTE_MS, rolling: true }],
    ['__hssrc', 'analytics', { kind: 'session' }],
    ['messagesUtk', 'functional', { kind: 'duration', ms: 180 * DAY_MS }],
    ['__hs_do_not_track', 'necessary', { kind: 'duration', ms: 180 * DAY_MS }],
    ['__hs_initial_opt_in', 'necessary', { kind: 'duration', ms: 7 * DAY_MS }],
    ['__hs_gpc_banner_dismiss', 'necessary', { kind: 'duration', ms: 180 * DAY_MS }],
    ['hs_ab_test', 'necessary', { kind: 'session' }],
    ['1_key', 'necessary', { kind: 'duration', ms: 14 * DAY_MS }],
    ['hs-messages-is-open', 'necessary', { kind: 'duration', ms: 30 * MINUTE_MS }],
    ['hs-messages-hide-welcome-message', 'necessary', { kind: 'duration', ms: DAY_MS }],
    ['hs-membership-csrf', 'necessary', { kind: 'session' }],
    ['hs_langswitcher_choice', 'necessary', { kind: 'duration', ms: 730 * DAY_MS }],
    ['__cf_bm', 'necessary', { kind: 'duration', ms: 30 * MINUTE_MS }],
    ['__cfruid', 'necessary', { kind: 'session' }],
    ['_cfuvid', 'necessary', { kind: 'session' }],
  ] as const)('%s: %s, lifetime %j', (name, category, lifetime) => {
    const family = findFamily(name);
    expect(family?.category).toBe(category);
    expect(family?.lifetime).toMatchObject(lifetime);
  });

  test('the visitor cookie notes the older 13-month lifetime', () => {
    const lifetime = findFamily('__hstc')?.lifetime;
    expect(lifetime?.kind === 'duration' ? lifetime.note : undefined).toMatch(/13 months/);
  });
});

describe('locale entries', () => {
  test('English and Swedish have the same keys, all plain ASCII words', () => {
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  test('every entry has a message and a description, and no stray $', () => {
    for (const [lang, catalog] of Object.entries(catalogs)) {
      for (const [key, entry] of Object.entries(catalog)) {
        expect(entry.message.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
        expect(entry.description.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
        expect(entry.message, `${lang} ${key}`).not.toMatch(/\$(?![1-9])/);
      }
    }
  });

  test('a family_ entry for every family and a vendor_ entry for every vendor', () => {
    for (const family of hubspotFamilies) {
      for (const catalog of Object.values(catalogs)) {
        expect(Object.hasOwn(catalog, `family_${messageKeyPart(family.id)}`), family.id).toBe(true);
        expect(Object.hasOwn(catalog, `vendor_${family.vendor}`), family.vendor).toBe(true);
      }
    }
  });

  test('a field_ label for every field key the examples and warnings produce', () => {
    const keys = new Set<string>();
    for (const [name, value] of Object.entries(EXAMPLES)) {
      const outcome = findFamily(name)?.decode(value, FULL_CTX);
      if (outcome?.ok === true) for (const field of outcome.fields) keys.add(field.key);
    }
    // Fields only a bare or mismatched value produces are covered by the same keys.
    expect(keys.size).toBeGreaterThan(20);
    for (const key of keys) for (const catalog of Object.values(catalogs)) expect(Object.hasOwn(catalog, `field_${key}`), key).toBe(true);
  });

  test('a problem_ message for every problem code', () => {
    for (const code of PROBLEM_CODES) {
      for (const catalog of Object.values(catalogs)) expect(Object.hasOwn(catalog, `problem_${messageKeyPart(code)}`), code).toBe(true);
    }
  });
});
