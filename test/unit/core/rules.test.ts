import { describe, expect, test } from 'vitest';
import { RuleIndex, isTrackedCookieName, ruleIsActive, ruleVendorChoices } from '../../../src/core/rules.ts';
import type { SiteRule } from '../../../src/core/rules.ts';

function rule(site: string, extra: Partial<SiteRule> = {}): SiteRule {
  return { site, doNotTrack: true, optOut: 'off', since: 1_735_689_600_000, ...extra };
}

describe('RuleIndex.ruleForDomain', () => {
  const index = new RuleIndex([rule('example.com'), rule('foo.github.io'), rule('localhost'), rule('127.0.0.1'), rule('hubdemo.test'), rule('[::1]')]);

  test.each([
    ['.www.example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['.example.com', 'example.com'],
    ['a.b.c.example.com', 'example.com'],
    ['foo.github.io', 'foo.github.io'],
    ['.foo.github.io', 'foo.github.io'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '[::1]'],
    ['www.hubdemo.test', 'hubdemo.test'],
    ['notexample.com', undefined],
    ['example.com.evil.net', undefined],
    ['bar.github.io', undefined],
    ['github.io', undefined],
    ['com', undefined],
    ['.', undefined],
    ['', undefined],
    ['www.example.com.', undefined],
  ])('%s -> %s', (domain, site) => {
    expect(index.ruleForDomain(domain)?.site).toBe(site);
  });

  test('an empty index answers undefined', () => {
    expect(new RuleIndex([]).ruleForDomain('www.example.com')).toBeUndefined();
    expect(new RuleIndex([]).size).toBe(0);
  });

  test('the most specific rule wins when one site is inside another', () => {
    const nested = new RuleIndex([rule('example.com'), rule('shop.example.com', { optOut: 'block' })]);
    expect(nested.ruleForDomain('.a.shop.example.com')?.site).toBe('shop.example.com');
    expect(nested.ruleForDomain('www.example.com')?.site).toBe('example.com');
  });
});

const activeCases: [Pick<SiteRule, 'doNotTrack' | 'optOut'>, boolean][] = [
  [{ doNotTrack: false, optOut: 'off' }, false],
  [{ doNotTrack: true, optOut: 'off' }, true],
  [{ doNotTrack: false, optOut: 'cookies' }, true],
  [{ doNotTrack: false, optOut: 'block' }, true],
];
test.each(activeCases)('ruleIsActive(%o) is %s', (choice, active) => {
  expect(ruleIsActive(rule('example.com', choice))).toBe(active);
});

test.each([
  ['__hstc', true],
  ['hubspotutk', true],
  ['__hssc', true],
  ['__hssrc', true],
  ['__hs_do_not_track', true],
  ['__hs_cookie_cat_pref', true],
  ['__hs_opt_out', true],
  ['messagesUtk', false],
  ['_ga', false],
  ['__hsmem', false],
])('isTrackedCookieName(%s) is %s', (name, tracked) => {
  expect(isTrackedCookieName(name)).toBe(tracked);
});

describe('ruleVendorChoices', () => {
  test('lists the vendors blocked by their own switch and those kept despite the opt-out, in the facts table order', () => {
    // Written in another order than the table's (Google Analytics before Meta before Hotjar).
    const choices = ruleVendorChoices(rule('example.com', { optOut: 'cookies', vendors: { hotjar: 'allow', meta: 'block', 'google-analytics': 'block' } }));
    expect(choices).toEqual({ blocked: ['google-analytics', 'meta'], allowed: ['hotjar'] });
  });

  test('a rule without switches lists none, and a vendor this version does not know comes last', () => {
    expect(ruleVendorChoices(rule('example.com'))).toEqual({ blocked: [], allowed: [] });
    expect(ruleVendorChoices(rule('example.com', { vendors: { 'from-a-newer-version': 'block', meta: 'block' } })).blocked).toEqual(['meta', 'from-a-newer-version']);
  });
});
