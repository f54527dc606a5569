// The holding counts: figures only for what was watched, and the number always from the count.
import { describe, expect, test } from 'vitest';
import {
  MAX_COUNTED_SITES, NO_EVIDENCE, holdingView, startCounting, verificationKey, withChoiceMade, withCookieRefresh, withTrackingRequest, type Evidence,
} from '../../../src/core/verification.ts';
import { createCatalogTranslator } from '../../../src/i18n/messages.ts';
import { Formatter } from '../../../src/pages/format.ts';
import { holdingText, leakingText } from '../../../popup/verification-text.ts';
import en from '../../../locales/en/core.json';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 12);
const KEY = verificationKey('hubdemo.test', '0');

describe('holdingView', () => {
  test('with nothing counted ever, nothing is watched: no figure, not even 0', () => {
    expect(holdingView(NO_EVIDENCE, 'hubdemo.test', '0', T0)).toEqual({ watched: false });
  });

  test('a choice made while counting: the count covers the whole time since the choice', () => {
    const evidence = withChoiceMade(startCounting(NO_EVIDENCE, T0 - HOUR), KEY, T0);
    expect(holdingView(evidence, 'hubdemo.test', '0', T0)).toEqual({ watched: true, sinceChoice: true, count: { since: T0, trackingRequests: 0 } });
  });

  test('a choice older than the counting (made before an update, or a restart under the old session counts) is counted only from when counting began', () => {
    const evidence = startCounting(NO_EVIDENCE, T0);
    const ruleSince = T0 - 21 * 24 * HOUR;
    expect(holdingView(evidence, 'hubdemo.test', '0', ruleSince)).toEqual({ watched: true, sinceChoice: false, count: { since: T0, trackingRequests: 0 } });
    const seen = withTrackingRequest(evidence, KEY, ruleSince, 'track.hubspot.com', T0 + HOUR);
    expect(holdingView(seen, 'hubdemo.test', '0', ruleSince)).toEqual({
      watched: true,
      sinceChoice: false,
      count: { since: T0, trackingRequests: 1, firstRequestAt: T0 + HOUR, lastRequestAt: T0 + HOUR, lastRequestHost: 'track.hubspot.com' },
    });
  });

  test('the running total keeps the first and last time seen', () => {
    let evidence = withChoiceMade(startCounting(NO_EVIDENCE, T0), KEY, T0);
    for (const [offset, host] of [[1, 'track.hubspot.com'], [2, 'track-eu1.hubspot.com'], [5, 'analytics.shop.example']] as const) {
      evidence = withTrackingRequest(evidence, KEY, T0, host, T0 + offset * HOUR);
    }
    expect(evidence.sites[KEY]).toEqual({ since: T0, trackingRequests: 3, firstRequestAt: T0 + HOUR, lastRequestAt: T0 + 5 * HOUR, lastRequestHost: 'analytics.shop.example' });
  });

  test('a count left by an earlier choice does not carry over to a newer one', () => {
    let evidence = withChoiceMade(startCounting(NO_EVIDENCE, T0), KEY, T0);
    evidence = withTrackingRequest(evidence, KEY, T0, 'track.hubspot.com', T0 + HOUR);
    const newer = T0 + 2 * HOUR;
    expect(holdingView(evidence, 'hubdemo.test', '0', newer)).toEqual({ watched: true, sinceChoice: true, count: { since: newer, trackingRequests: 0 } });
    evidence = withTrackingRequest(evidence, KEY, newer, 'track.hubspot.com', newer + HOUR);
    expect(evidence.sites[KEY]?.trackingRequests).toBe(1);
    expect(evidence.sites[KEY]?.since).toBe(newer);
  });

  test('counts are per cookie store', () => {
    let evidence = withChoiceMade(startCounting(NO_EVIDENCE, T0), KEY, T0);
    evidence = withTrackingRequest(evidence, verificationKey('hubdemo.test', 'incognito'), T0, 'track.hubspot.com', T0 + HOUR);
    expect(holdingView(evidence, 'hubdemo.test', '0', T0)).toMatchObject({ count: { trackingRequests: 0 } });
    expect(holdingView(evidence, 'hubdemo.test', 'incognito', T0)).toMatchObject({ count: { trackingRequests: 1 } });
  });

  test('counting starts once: a later worker start keeps the first time', () => {
    expect(startCounting(startCounting(NO_EVIDENCE, T0), T0 + HOUR).countingSince).toBe(T0);
  });

  test('cookie refreshes from before the count began do not count', () => {
    const evidence = withChoiceMade(startCounting(NO_EVIDENCE, T0), KEY, T0);
    expect(withCookieRefresh(evidence, KEY, T0, '__hstc', T0 - 1)).toBe(evidence);
    expect(withCookieRefresh(evidence, KEY, T0, '__hssc', T0 + 5).sites[KEY]).toEqual({ since: T0, trackingRequests: 0, hsscRefreshedAt: T0 + 5 });
  });

  test(`at most ${MAX_COUNTED_SITES} site counts are kept, the longest quiet ones dropped first`, () => {
    let evidence: Evidence = startCounting(NO_EVIDENCE, T0);
    for (let i = 0; i < MAX_COUNTED_SITES + 3; i++) evidence = withChoiceMade(evidence, verificationKey(`site${i}.example`, '0'), T0 + i);
    const keys = Object.keys(evidence.sites);
    expect(keys).toHaveLength(MAX_COUNTED_SITES);
    expect(keys).not.toContain(verificationKey('site0.example', '0'));
    expect(keys).not.toContain(verificationKey('site2.example', '0'));
    expect(keys).toContain(verificationKey('site3.example', '0'));
  });
});

describe('the sentences take their number from the count', () => {
  const t = createCatalogTranslator(en, 'en');
  const format = new Formatter(t);
  const now = T0 + 3 * HOUR;

  test('holding', () => {
    // A count that is not 0 would never be called holding; it shows that the figure is the count's.
    expect(holdingText({ watched: true, sinceChoice: true, count: { since: T0, trackingRequests: 7 } }, t, format, now))
      .toBe('Holding: 7 tracking requests since you chose this (3 hours ago).');
    expect(holdingText({ watched: true, sinceChoice: true, count: { since: T0, trackingRequests: 0 } }, t, format, now))
      .toBe('Holding: 0 tracking requests since you chose this (3 hours ago).');
    expect(holdingText({ watched: true, sinceChoice: false, count: { since: T0, trackingRequests: 0 } }, t, format, now))
      .toBe('Holding: 0 tracking requests since Cookie Lens began counting in this browser (3 hours ago); it has no count from before.');
  });

  test('not holding', () => {
    const count = { since: T0, trackingRequests: 2, lastRequestAt: T0 + 2 * HOUR, lastRequestHost: 'track.hubspot.com' };
    expect(leakingText({ watched: true, sinceChoice: true, count }, t, format, now))
      .toBe('Not holding: 2 tracking requests to track.hubspot.com since your choice, the last 1 hour ago.');
    expect(leakingText({ watched: true, sinceChoice: false, count }, t, format, now))
      .toBe('Not holding: 2 tracking requests to track.hubspot.com since Cookie Lens began counting in this browser (3 hours ago), the last 1 hour ago.');
  });
});
