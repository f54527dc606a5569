import { describe, expect, test } from 'vitest';
import { effectiveRules, managedRules, NO_POLICY, parseManagedPolicy } from '../../../src/core/managed.ts';
import type { SiteRule } from '../../../src/core/rules.ts';

describe('parseManagedPolicy', () => {
  test('no managed settings is no policy', () => {
    expect(parseManagedPolicy(undefined)).toEqual({ policy: NO_POLICY, problems: [] });
    expect(parseManagedPolicy({})).toEqual({ policy: NO_POLICY, problems: [] });
  });

  test('reads sites, level and lock; normalises "*." and leading dots and case', () => {
    const { policy, problems } = parseManagedPolicy({
      optOutSites: ['Example.com', '*.tracker-heavy.co.uk', '.shop.example.org'],
      doNotTrackSites: ['news.example'],
      defaultOptOutLevel: 'block',
      lockResetScope: true,
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      optOutSites: ['example.com', 'tracker-heavy.co.uk', 'shop.example.org'],
      doNotTrackSites: ['news.example'],
      defaultOptOutLevel: 'block',
      lockResetScope: true,
    });
  });

  test('invalid entries are reported and skipped; valid ones are kept', () => {
    const { policy, problems } = parseManagedPolicy({ optOutSites: ['ok.example', 42, 'not a domain', '<img src=x>'], defaultOptOutLevel: 'everything', lockResetScope: 'yes' });
    expect(policy.optOutSites).toEqual(['ok.example']);
    expect(policy.defaultOptOutLevel).toBe('cookies');
    expect(policy.lockResetScope).toBe(false);
    expect(problems).toHaveLength(5);
  });

  test('a non-object is no policy with a problem, not an exception', () => {
    expect(parseManagedPolicy('opt out of everything')).toEqual({ policy: NO_POLICY, problems: ['the managed settings are not an object'] });
    expect(parseManagedPolicy([1, 2])).toEqual({ policy: NO_POLICY, problems: ['the managed settings are not an object'] });
  });
});

describe('managed rules', () => {
  const user: Record<string, SiteRule> = {
    'example.com': { site: 'example.com', doNotTrack: false, optOut: 'off', since: 5 },
    'mine.example': { site: 'mine.example', doNotTrack: true, optOut: 'off', since: 7 },
  };

  test('a site on both lists gets do-not-track and opt-out, marked managed', () => {
    const policy = { ...NO_POLICY, optOutSites: ['example.com'], doNotTrackSites: ['example.com', 'other.example'] };
    expect(managedRules(policy)).toEqual([
      { site: 'example.com', doNotTrack: true, optOut: 'cookies', since: 0, managed: true },
      { site: 'other.example', doNotTrack: true, optOut: 'off', since: 0, managed: true },
    ]);
  });

  test('managed rules replace the visitor\'s for the same site and leave the others', () => {
    const rules = effectiveRules(user, { ...NO_POLICY, optOutSites: ['example.com'], defaultOptOutLevel: 'block' });
    expect(rules['example.com']).toEqual({ site: 'example.com', doNotTrack: false, optOut: 'block', since: 0, managed: true });
    expect(rules['mine.example']).toEqual(user['mine.example']);
  });
});
