import { describe, expect, test } from 'vitest';
import { categoriesAsBannerReads, declinedByEveryBanner, detectCategoryPreferenceStyle, readCategoryPreferences, writeCategoryPreferences } from '../../../src/decode/hubspot/index.ts';
import type { CategoryPreferenceStyle, CategoryPreferences } from '../../../src/decode/hubspot/index.ts';
import { decodeCookie } from './hubspot-support.ts';

const flag = (key: string, value: boolean, uncertain: boolean) => (uncertain ? { key, value: { kind: 'flag', value }, uncertain } : { key, value: { kind: 'flag', value } });
const flags = (analytics: boolean, advertisement: boolean, functionality: boolean) => [
  flag('analytics', analytics, false),
  flag('advertisement', advertisement, false),
  flag('functionality', functionality, false),
];

describe('__hs_cookie_cat_pref', () => {
  // The doc's section 7 examples, then the rules from its table.
  test.each([
    ['1:true,2:false,3:true', true, false, true],
    ['1:false_2:false_3:false', false, false, false],
    ['1:true', true, false, false],
    ['3:true,1:true', true, false, true],
    ['1:true,4:true,2:true', true, true, false],
    ['1:true,', true, false, false],
    ['1%3Atrue%2C2%3Atrue%2C3%3Atrue', true, true, true],
  ])('%j', (value, analytics, advertisement, functionality) => {
    expect(decodeCookie('__hs_cookie_cat_pref', value)).toEqual({ ok: true, fields: flags(analytics, advertisement, functionality), warnings: [] });
  });

  // HubSpot's 2021 banner splits on `,` only: to it these values decline everything.
  test.each([
    { value: '1:true_2:false_3:true', analytics: true, advertisement: false, functionality: true, field: 'analytics' },
    { value: '4:maybe_2:true', analytics: false, advertisement: true, functionality: false, field: 'advertisement' },
    { value: '1%3Atrue_2%3Atrue_3%3Atrue', analytics: true, advertisement: true, functionality: true, field: 'analytics' },
  ])('$value: a 2021 banner reads it as declined, so the allowed flags are uncertain', ({ value, analytics, advertisement, functionality, field }) => {
    expect(decodeCookie('__hs_cookie_cat_pref', value)).toEqual({
      ok: true,
      fields: [flag('analytics', analytics, analytics), flag('advertisement', advertisement, advertisement), flag('functionality', functionality, functionality)],
      warnings: [{ code: 'banner-2021-declines', field, detail: expect.any(String) }],
    });
  });

  test.each([
    ['', 'empty', undefined],
    ['garbage', 'unknown-format', undefined],
    ['1:yes', 'not-boolean', 'analytics'],
    ['1:true,2:TRUE', 'not-boolean', 'advertisement'],
    ['1:true_3:', 'empty', 'functionality'],
    ['1:%zz', 'bad-encoding', undefined],
  ])('fails on %j with %s', (value, code, field) => {
    const outcome = decodeCookie('__hs_cookie_cat_pref', value);
    expect(outcome).toMatchObject({ ok: false, problem: { code } });
    if (!outcome.ok) expect(outcome.problem.field).toBe(field);
  });

  test('the writer produces the documented spellings', () => {
    expect(writeCategoryPreferences({ analytics: true, advertisement: false, functionality: true }, 'legacy')).toBe('1:true,2:false,3:true');
    expect(writeCategoryPreferences({ analytics: true, advertisement: false, functionality: true }, 'banner2024')).toBe('1:true_2:false_3:true');
    expect(writeCategoryPreferences({ analytics: false, advertisement: false, functionality: false }, 'banner2024')).toBe('1:false_2:false_3:false');
  });

  const everyPreference: CategoryPreferences[] = [];
  for (const analytics of [false, true]) for (const advertisement of [false, true]) for (const functionality of [false, true]) everyPreference.push({ analytics, advertisement, functionality });
  const styles: CategoryPreferenceStyle[] = ['legacy', 'banner2024'];

  test.each(styles.flatMap((style) => everyPreference.map((preferences) => [style, preferences] as const)))('round trip in %s style: %j', (style, preferences) => {
    const written = writeCategoryPreferences(preferences, style);
    expect(readCategoryPreferences(written)).toEqual({ ok: true, value: preferences });
    expect(detectCategoryPreferenceStyle(written)).toBe(style);
  });
});

describe('what each HubSpot banner reads', () => {
  const none = { analytics: false, advertisement: false, functionality: false };
  const all = { analytics: true, advertisement: true, functionality: true };
  test.each([
    ['1:true,2:true,3:true', all, all],
    ['1:true_2:true_3:true', none, all],
    ['1:true_2:true,3:true', { ...none, functionality: true }, { ...none, functionality: true }],
    ['1:TRUE,2:true', { ...none, advertisement: true }, { ...none, advertisement: true }],
    ['1:true:x,3:true', { ...none, functionality: true }, { ...none, functionality: true }],
    ['', none, none],
  ])('%j: 2021 %j, 2024 %j', (value, as2021, as2024) => {
    expect(categoriesAsBannerReads(value, 'banner2021')).toEqual(as2021);
    expect(categoriesAsBannerReads(value, 'banner2024')).toEqual(as2024);
  });

  test.each([
    ['1:false,2:false,3:false', true],
    ['1:false_2:false_3:false', true],
    ['', false],
    ['1:true_2:true_3:true', false],
    ['1:false,2:false,3:true', false],
    ['1%3Atrue', false],
    ['4:true', true],
  ])('declined by every banner: %j -> %s', (value, declined) => {
    expect(declinedByEveryBanner(value)).toBe(declined);
  });
});

describe('__hs_do_not_track', () => {
  test('only exactly yes is honoured', () => {
    expect(decodeCookie('__hs_do_not_track', 'yes')).toEqual({ ok: true, fields: [{ key: 'honoured', value: { kind: 'flag', value: true } }], warnings: [] });
  });
  test.each(['1', 'true', 'YES', 'yes ', '"yes"', 'y%65s'])('%j is not honoured', (value) => {
    expect(decodeCookie('__hs_do_not_track', value)).toMatchObject({
      ok: true,
      fields: [{ key: 'honoured', value: { kind: 'flag', value: false } }],
      warnings: [{ code: 'not-honoured', field: 'honoured' }],
    });
  });
  test('an empty value is what a deletion leaves', () => {
    expect(decodeCookie('__hs_do_not_track', '')).toMatchObject({ ok: false, problem: { code: 'empty' } });
  });
});

describe('__hs_opt_out and __hs_initial_opt_in', () => {
  test.each([
    ['__hs_opt_out', 'yes', 'declined', true],
    ['__hs_opt_out', 'no', 'declined', false],
    ['__hs_initial_opt_in', 'true', 'accepted', true],
    ['__hs_initial_opt_in', 'yes', 'accepted', true],
    ['__hs_initial_opt_in', 'false', 'accepted', false],
    ['__hs_initial_opt_in', 'no', 'accepted', false],
  ])('%s=%s', (name, value, key, flag) => {
    expect(decodeCookie(name, value)).toEqual({ ok: true, fields: [{ key, value: { kind: 'flag', value: flag } }], warnings: [] });
  });
  test.each([
    ['__hs_opt_out', 'true', 'not-boolean'],
    ['__hs_opt_out', '', 'empty'],
    ['__hs_initial_opt_in', '1', 'not-boolean'],
    ['__hs_initial_opt_in', 'x'.repeat(4097), 'too-long'],
  ])('%s=%j fails with %s', (name, value, code) => {
    expect(decodeCookie(name, value)).toMatchObject({ ok: false, problem: { code } });
  });
});

describe('banner dismiss cookies', () => {
  test.each(['__hs_gpc_banner_dismiss', '__hs_notify_banner_dismiss'])('%s: presence means dismissed', (name) => {
    expect(decodeCookie(name, 'true')).toEqual({ ok: true, fields: [{ key: 'dismissed', value: { kind: 'flag', value: true } }], warnings: [] });
    expect(decodeCookie(name, 'false')).toMatchObject({
      ok: true,
      fields: [{ key: 'dismissed', value: { kind: 'flag', value: true } }],
      warnings: [{ code: 'unexpected-value', field: 'dismissed', detail: 'false' }],
    });
  });
});
