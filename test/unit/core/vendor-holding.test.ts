// "Holding" per vendor: which stopped requests count, for whom, and the figure only where counted.
import { describe, expect, test } from 'vitest';
import { blockedVendorOf } from '../../../src/core/vendor-holding.ts';
import { BLOCKABLE_REQUEST_PATTERNS } from '../../../src/core/vendors.ts';
import {
  NO_EVIDENCE, holdingView, startBlockedCounting, startCounting, vendorBlockedCount, verificationKey, withBlockedRequest, withChoiceMade,
} from '../../../src/core/verification.ts';
import type { SiteRule } from '../../../src/core/rules.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 12);
const SITE = 'gameta.test';
const KEY = verificationKey(SITE, '0');

function rule(extra: Partial<SiteRule> = {}): SiteRule {
  return { site: SITE, doNotTrack: false, optOut: 'off', since: T0, ...extra };
}

describe('blockedVendorOf', () => {
  const gaOnly = rule({ vendors: { 'google-analytics': 'block' } });
  test("a request to a vendor the site's rule blocks is that vendor's, by host and path", () => {
    expect(blockedVendorOf(gaOnly, 'https://www.googletagmanager.com/gtag/js?id=G-DEMO42XY')).toBe('google-analytics');
    expect(blockedVendorOf(gaOnly, 'https://region1.google-analytics.com/g/collect?v=2')).toBe('google-analytics');
  });

  test('a vendor the rule lets through, or a request of no vendor, is not counted', () => {
    expect(blockedVendorOf(gaOnly, 'https://www.facebook.com/tr/?id=1')).toBeUndefined();
    expect(blockedVendorOf(gaOnly, 'https://cdn.example.net/app.js')).toBeUndefined();
    expect(blockedVendorOf(rule({ optOut: 'cookies' }), 'https://www.facebook.com/plugins/like.php')).toBeUndefined();
    expect(blockedVendorOf(gaOnly, 'not a url')).toBeUndefined();
  });

  test("a self-hosted tracker's path counts on the site's own hosts only", () => {
    const optedOut = rule({ optOut: 'cookies' });
    expect(blockedVendorOf(optedOut, 'https://www.gameta.test:8443/matomo.php?idsite=1')).toBe('matomo');
    expect(blockedVendorOf(optedOut, 'https://elsewhere.example/matomo.php')).toBeUndefined();
  });

  test('the webRequest patterns cover every blockable host and self-hosted path, and nothing wider', () => {
    expect(BLOCKABLE_REQUEST_PATTERNS).toContain('*://*.google-analytics.com/*');
    expect(BLOCKABLE_REQUEST_PATTERNS).toContain('*://www.googletagmanager.com/*');
    expect(BLOCKABLE_REQUEST_PATTERNS).toContain('*://*/*matomo.php*');
    expect(BLOCKABLE_REQUEST_PATTERNS.some((pattern) => pattern === '<all_urls>' || pattern === '*://*/*')).toBe(false);
  });
});

describe('blocked requests per vendor in the evidence', () => {
  test('counted per vendor for the current choice', () => {
    let evidence = withChoiceMade(startBlockedCounting(NO_EVIDENCE, T0 - HOUR), KEY, T0);
    evidence = withBlockedRequest(evidence, KEY, T0, 'google-analytics', T0 + 1);
    evidence = withBlockedRequest(evidence, KEY, T0, 'google-analytics', T0 + 2);
    evidence = withBlockedRequest(evidence, KEY, T0, 'meta', T0 + 3);
    const view = holdingView(evidence, SITE, '0', T0);
    expect(vendorBlockedCount(view, 'google-analytics')).toEqual({ count: 2, since: T0 });
    expect(vendorBlockedCount(view, 'meta')).toEqual({ count: 1, since: T0 });
    // Counted and none stopped: a real 0, from the count.
    expect(vendorBlockedCount(view, 'matomo')).toEqual({ count: 0, since: T0 });
  });

  test('a new choice starts the counts afresh', () => {
    let evidence = withChoiceMade(startBlockedCounting(NO_EVIDENCE, T0), KEY, T0);
    evidence = withBlockedRequest(evidence, KEY, T0, 'meta', T0 + 1);
    evidence = withChoiceMade(evidence, KEY, T0 + HOUR);
    expect(vendorBlockedCount(holdingView(evidence, SITE, '0', T0 + HOUR), 'meta')).toEqual({ count: 0, since: T0 + HOUR });
    // A stopped request from before the new choice, arriving late, belongs to no count.
    const late = withBlockedRequest(evidence, KEY, T0 + HOUR, 'meta', T0 + 2);
    expect(vendorBlockedCount(holdingView(late, SITE, '0', T0 + HOUR), 'meta')).toEqual({ count: 0, since: T0 + HOUR });
  });

  test('where blocked requests were never counted (Firefox, or before this version), no figure at all, not even 0', () => {
    const evidence = withChoiceMade(startCounting(NO_EVIDENCE, T0), KEY, T0);
    expect(vendorBlockedCount(holdingView(evidence, SITE, '0', T0), 'google-analytics')).toBeNull();
    expect(vendorBlockedCount(holdingView(NO_EVIDENCE, SITE, '0', T0), 'google-analytics')).toBeNull();
    expect(vendorBlockedCount(null, 'google-analytics')).toBeNull();
  });

  test('a choice older than the blocked counting is counted from when that counting began', () => {
    const evidence = startBlockedCounting(startCounting(NO_EVIDENCE, T0 - 48 * HOUR), T0);
    const ruleSince = T0 - 24 * HOUR;
    const seen = withBlockedRequest(evidence, KEY, ruleSince, 'google-analytics', T0 + HOUR);
    expect(vendorBlockedCount(holdingView(seen, SITE, '0', ruleSince), 'google-analytics')).toEqual({ count: 1, since: T0 });
  });

  test('starting to count blocked requests keeps the first start', () => {
    const first = startBlockedCounting(NO_EVIDENCE, T0);
    expect(startBlockedCounting(first, T0 + HOUR).blockedCountingSince).toBe(T0);
    expect(first.countingSince).toBe(T0);
  });
});
