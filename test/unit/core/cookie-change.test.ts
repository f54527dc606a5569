// The pure part of the background's cookies.onChanged path (src/core/cookie-change.ts). Domains
// are written the way browsers report them: `.example.com` for a Domain cookie, the bare host for
// a host-only one, and a schemeful top-level site for a partitioned one.
import { describe, expect, test } from 'vitest';
import { activeRuleFor, ownerHost, tabShowsOwner } from '../../../src/core/cookie-change.ts';
import { RuleIndex, type SiteRule } from '../../../src/core/rules.ts';
import { cookie } from './make-cookie.ts';

function rule(site: string, extra: Partial<SiteRule> = {}): SiteRule {
  return { site, doNotTrack: true, optOut: 'off', since: 1_735_689_600_000, ...extra };
}

describe('ownerHost', () => {
  test.each([
    ['a Domain cookie: its domain without the dot', cookie('__hstc', 'v', '.example.com'), 'example.com'],
    ['a host-only cookie: its host', cookie('__hstc', 'v', 'www.example.com'), 'www.example.com'],
    ['a partitioned cookie: the top-level site it is partitioned under', cookie('messagesUtk', 'v', 'widget.other.test', { partitionKey: { topLevelSite: 'https://example.com' } }), 'example.com'],
    ['a partition key with a port', cookie('x', 'v', 'widget.other.test', { partitionKey: { topLevelSite: 'https://example.com:8443' } }), 'example.com'],
  ])('%s', (_what, record, expected) => {
    expect(ownerHost(record)).toBe(expected);
  });
});

describe('tabShowsOwner', () => {
  test.each([
    ['www.example.com', 'www.example.com', true],
    ['www.example.com', 'example.com', true],
    ['example.com', 'shop.example.com', true],
    ['www.example.com', 'notexample.com', false],
    ['example.com.evil.net', 'example.com', false],
    ['www.example.com', 'other.example.com', false],
  ])('a tab on %s, a cookie owned by %s: %s', (tabHost, owner, expected) => {
    expect(tabShowsOwner(tabHost, owner)).toBe(expected);
  });
});

describe('activeRuleFor', () => {
  const index = new RuleIndex([
    rule('example.com'),
    rule('optout.test', { doNotTrack: false, optOut: 'cookies' }),
    rule('off.test', { doNotTrack: false, optOut: 'off' }),
  ]);

  test('finds the rule of the registrable domain from any subdomain', () => {
    expect(activeRuleFor(index, 'www.example.com')?.site).toBe('example.com');
    expect(activeRuleFor(index, 'a.b.optout.test')?.site).toBe('optout.test');
  });

  test('a rule that asks for nothing is no rule', () => {
    expect(activeRuleFor(index, 'www.off.test')).toBeUndefined();
  });

  test('a site without a rule has none', () => {
    expect(activeRuleFor(index, 'www.unruled.test')).toBeUndefined();
  });
});
