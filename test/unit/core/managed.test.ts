import { describe, expect, test } from 'vitest';
import { effectiveRules, isManagedSite, managedRules, NO_POLICY, parseManagedPolicy, policyToActOn, resetWaitsForPolicy, type ManagedPolicy } from '../../../src/core/managed.ts';
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
      cleanUpSites: ['*.Shop.example', 'news.example'],
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      optOutSites: ['example.com', 'tracker-heavy.co.uk', 'shop.example.org'],
      doNotTrackSites: ['news.example'],
      defaultOptOutLevel: 'block',
      lockResetScope: true,
      cleanUpSites: ['shop.example', 'news.example'],
    });
  });

  test('cleanUpSites: invalid entries are reported and skipped; a clean-up site is no rule', () => {
    const { policy, problems } = parseManagedPolicy({ cleanUpSites: ['ok.example', 7, 'two words'] });
    expect(policy.cleanUpSites).toEqual(['ok.example']);
    expect(problems).toEqual(['cleanUpSites: 7 is not a domain', 'cleanUpSites: "two words" is not a domain']);
    expect(parseManagedPolicy({ cleanUpSites: 'ok.example' }).problems).toEqual(['cleanUpSites is not a list']);
    // Cleaning up on close says nothing about the site's opt-out and do-not-track switches.
    expect(managedRules(policy)).toEqual([]);
    expect(isManagedSite(policy, 'ok.example')).toBe(false);
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

describe('acting before the policy has been read', () => {
  const shared: ManagedPolicy = { optOutSites: ['corp.example'], doNotTrackSites: [], defaultOptOutLevel: 'block', lockResetScope: true, cleanUpSites: [] };
  const loaded: ManagedPolicy = { ...shared, optOutSites: [], lockResetScope: false };

  test('the loaded policy wins and is settled', () => {
    expect(policyToActOn(loaded, shared)).toEqual({ policy: loaded, settled: true });
  });

  test('not loaded yet: the copy shared earlier in the session, not settled', () => {
    expect(policyToActOn(null, shared)).toEqual({ policy: shared, settled: false });
  });

  test('a cold browser with nothing shared acts on no policy at once', () => {
    expect(policyToActOn(null, null)).toEqual({ policy: NO_POLICY, settled: false });
  });

  test.each([
    { settled: false, includeConsent: false, alsoRemove: [], waits: false },
    { settled: false, includeConsent: true, alsoRemove: [], waits: true },
    { settled: false, includeConsent: false, alsoRemove: ['x'], waits: true },
    { settled: true, includeConsent: true, alsoRemove: ['x'], waits: false },
  ])('a reset waits for the policy: $waits (settled $settled, consent $includeConsent, extras $alsoRemove)', ({ settled, includeConsent, alsoRemove, waits }) => {
    expect(resetWaitsForPolicy(settled, includeConsent, alsoRemove)).toBe(waits);
  });

  test('a managed site is one the policy names in either list', () => {
    expect(isManagedSite(shared, 'corp.example')).toBe(true);
    expect(isManagedSite({ ...NO_POLICY, doNotTrackSites: ['dnt.example'] }, 'dnt.example')).toBe(true);
    expect(isManagedSite(shared, 'other.example')).toBe(false);
  });
});
