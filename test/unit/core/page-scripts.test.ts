// Which pages get Cookie Lens's main-world scripts: Global Privacy Control where the rule sends it
// (opt-out turns it on, the visitor's own switch wins), identity stripping where links are stripped.
import { describe, expect, test } from 'vitest';
import type { SiteRule } from '../../../src/core/rules.ts';
import { ruleIsActive } from '../../../src/core/rules.ts';
import { asksOnlyGpc, gpcOn, nextGpcChoice, pageScriptSpecs, sitePatterns } from '../../../src/core/page-scripts.ts';
import { networkSpecs } from '../../../src/core/vendor-rules.ts';

const rule = (site: string, extra: Partial<SiteRule> = {}): SiteRule => ({ site, doNotTrack: false, optOut: 'off', since: 0, ...extra });

describe('gpcOn and the switch', () => {
  test('off without a choice, on with opt-out at either level, and the explicit choice wins', () => {
    expect(gpcOn(rule('a.test'))).toBe(false);
    expect(gpcOn(rule('a.test', { optOut: 'cookies' }))).toBe(true);
    expect(gpcOn(rule('a.test', { optOut: 'block' }))).toBe(true);
    expect(gpcOn(rule('a.test', { optOut: 'cookies', gpc: false }))).toBe(false);
    expect(gpcOn(rule('a.test', { gpc: true }))).toBe(true);
  });

  test('the switch stores only what differs from what opt-out gives', () => {
    expect(nextGpcChoice('off', true)).toBe(true);
    expect(nextGpcChoice('off', false)).toBeNull();
    expect(nextGpcChoice('cookies', false)).toBe(false);
    expect(nextGpcChoice('block', true)).toBeNull();
  });

  test('a rule with only GPC on is active; the Sec-GPC network rule follows gpcOn', () => {
    expect(ruleIsActive(rule('a.test', { gpc: true }))).toBe(true);
    expect(networkSpecs([rule('a.test', { optOut: 'cookies', vendors: {} })]).filter((spec) => spec.kind === 'gpc')).toEqual([{ kind: 'gpc', site: 'a.test' }]);
    expect(networkSpecs([rule('a.test', { optOut: 'cookies', gpc: false })]).filter((spec) => spec.kind === 'gpc')).toEqual([]);
  });
});

describe('asksOnlyGpc', () => {
  test('true for a rule with GPC and nothing that stops tracking; false once it also asks for more, or without GPC', () => {
    expect(asksOnlyGpc(rule('a.test', { gpc: true }))).toBe(true);
    expect(asksOnlyGpc(rule('a.test', { gpc: true, doNotTrack: true }))).toBe(false);
    expect(asksOnlyGpc(rule('a.test', { gpc: true, vendors: { meta: 'block' } }))).toBe(false);
    expect(asksOnlyGpc(rule('a.test', { optOut: 'cookies' }))).toBe(false);
    expect(asksOnlyGpc(rule('a.test', { doNotTrack: true }))).toBe(false);
  });
});

describe('sitePatterns', () => {
  test('a domain and every subdomain, any scheme the pattern allows; an IPv4 address itself; nothing for what a pattern cannot say', () => {
    expect(sitePatterns('hubdemo.test')).toEqual(['*://*.hubdemo.test/*']);
    expect(sitePatterns('Example.CO.uk')).toEqual(['*://*.example.co.uk/*']);
    expect(sitePatterns('127.0.0.1')).toEqual(['*://127.0.0.1/*']);
    expect(sitePatterns('[::1]')).toEqual([]);
    expect(sitePatterns('bücher.de')).toEqual([]);
    expect(sitePatterns('a/b.test')).toEqual([]);
    expect(sitePatterns('')).toEqual([]);
  });
});

describe('pageScriptSpecs', () => {
  test('GPC for sites that send it, identity stripping for the stripping sites, each once and sorted', () => {
    const specs = pageScriptSpecs(
      [rule('zeta.test', { gpc: true }), rule('alpha.test', { optOut: 'cookies' }), rule('off.test', { doNotTrack: true }), rule('no.test', { optOut: 'block', gpc: false })],
      ['alpha.test', 'hubdemo.test', 'alpha.test'],
    );
    expect(specs).toEqual([
      { id: 'cookie-lens-gpc', file: 'page-gpc.js', matches: ['*://*.alpha.test/*', '*://*.zeta.test/*'] },
      { id: 'cookie-lens-strip-identity', file: 'page-strip-identity.js', matches: ['*://*.alpha.test/*', '*://*.hubdemo.test/*'] },
    ]);
  });

  test('no script is registered for no site', () => {
    expect(pageScriptSpecs([rule('a.test', { doNotTrack: true })], [])).toEqual([]);
    expect(pageScriptSpecs([rule('[::1]', { gpc: true })], [])).toEqual([]);
  });
});
