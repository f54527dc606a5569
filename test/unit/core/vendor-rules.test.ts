// Per-vendor choices on a site's rule: which vendors are blocked, which of the site's cookies are
// kept away, and the network rules the background installs (hosts and paths from docs/VENDORS.md).
import { describe, expect, test } from 'vitest';
import { RuleIndex, ruleIsActive, vendorBlocked, type SiteRule } from '../../../src/core/rules.ts';
import { blockedVendors, networkSpecs, nextVendorChoices, seenVendorChoices, vendorCookiesToRemove } from '../../../src/core/vendor-rules.ts';
import { TRACKER_VENDORS } from '../../../src/core/vendors.ts';
import { cookie } from './make-cookie.ts';

const base: SiteRule = { site: 'gameta.test', doNotTrack: false, optOut: 'off', since: 0 };
const everyVendor = TRACKER_VENDORS.map((vendor) => vendor.id);

describe('vendorBlocked', () => {
  test('opt-out blocks every vendor but HubSpot, whose opt-out is do-not-track first and blocking only at "block"', () => {
    expect(blockedVendors({ ...base, optOut: 'cookies' })).toEqual(everyVendor.filter((id) => id !== 'hubspot'));
    expect(blockedVendors({ ...base, optOut: 'block' })).toEqual(everyVendor);
    expect(blockedVendors(base)).toEqual([]);
  });

  test('a vendor\'s own choice wins either way', () => {
    expect(blockedVendors({ ...base, vendors: { 'google-analytics': 'block' } })).toEqual(['google-analytics']);
    const optedOut = { ...base, optOut: 'cookies' as const, vendors: { meta: 'allow' as const } };
    expect(vendorBlocked(optedOut, 'meta')).toBe(false);
    expect(vendorBlocked(optedOut, 'google-analytics')).toBe(true);
  });

  test('a rule with only a vendor block is active and makes the index look at vendor cookies; "allow" alone is not', () => {
    const blocking = { ...base, vendors: { meta: 'block' as const } };
    expect(ruleIsActive(blocking)).toBe(true);
    expect(ruleIsActive({ ...base, vendors: { meta: 'allow' } })).toBe(false);
    expect(new RuleIndex([blocking]).blocksVendors).toBe(true);
    expect(new RuleIndex([{ ...base, doNotTrack: true }]).blocksVendors).toBe(false);
    expect(new RuleIndex([]).blocksVendors).toBe(false);
  });
});

describe('vendor cookies and choices', () => {
  const ga = cookie('_ga', 'GA1.1.1.1', '.gameta.test');
  const session = cookie('_ga_DEMO42XY', 'GS2.1.s1$o1$g0$t1$j60$l0$h0', '.gameta.test');
  const fbp = cookie('_fbp', 'fb.1.1596403881668.1', '.gameta.test');
  const matomo = cookie('_pk_id.1.7cf9', 'd09ebc08c43b8045.1723388297.', 'www.gameta.test');
  const login = cookie('shop_session', 'x', 'www.gameta.test');
  const hstc = cookie('__hstc', '1.2.3.4.5.6', '.gameta.test');
  const all = [ga, session, fbp, matomo, login, hstc];

  test('only the blocked vendors\' identity cookies go; login and unrecognised cookies stay', () => {
    expect(vendorCookiesToRemove({ ...base, vendors: { 'google-analytics': 'block' } }, all)).toEqual([ga, session]);
    expect(vendorCookiesToRemove({ ...base, optOut: 'cookies' }, all)).toEqual([ga, session, fbp, matomo]);
    expect(vendorCookiesToRemove({ ...base, optOut: 'cookies', vendors: { meta: 'allow' } }, all)).toEqual([ga, session, matomo]);
    expect(vendorCookiesToRemove(base, all)).toEqual([]);
    // HubSpot's cookies are its own plans' business (they keep the chat id while opted out).
    expect(vendorCookiesToRemove({ ...base, optOut: 'block' }, [...all, cookie('messagesUtk', 'abc', 'www.gameta.test')])).toEqual([ga, session, fbp, matomo]);
  });

  test('a switch flip is kept as an explicit choice; opting out names the vendors seen (not HubSpot)', () => {
    expect(nextVendorChoices({ ...base, vendors: { meta: 'allow' } }, 'google-analytics', true)).toEqual({ meta: 'allow', 'google-analytics': 'block' });
    expect(nextVendorChoices(undefined, 'meta', false)).toEqual({ meta: 'allow' });
    expect(seenVendorChoices(all)).toEqual({ 'google-analytics': 'block', meta: 'block', matomo: 'block' });
  });
});

describe('networkSpecs', () => {
  test('Google Analytics alone: its collection hosts whole, gtag.js and analytics.js by path, scoped to the site', () => {
    expect(networkSpecs([{ ...base, vendors: { 'google-analytics': 'block' } }])).toEqual([
      { kind: 'block', site: 'gameta.test', requestDomains: ['analytics.google.com', 'google-analytics.com'] },
      { kind: 'block', site: 'gameta.test', requestDomains: ['www.google-analytics.com'], regexFilter: '^[a-z]+://[^/]+/analytics\\.js(?:[/?#]|$)' },
      { kind: 'block', site: 'gameta.test', requestDomains: ['www.googletagmanager.com'], regexFilter: '^[a-z]+://[^/]+/gtag/js(?:[/?#]|$)' },
    ]);
  });

  test('the path filters match the vendors\' real addresses (with a port, as on the demo site) and not look-alikes', () => {
    const specs = networkSpecs([{ ...base, vendors: { meta: 'block', matomo: 'block' } }]);
    const filterFor = (domain: string): RegExp => {
      const spec = specs.find((candidate) => candidate.kind === 'block' && (candidate.requestDomains?.includes(domain) ?? false) && candidate.regexFilter !== undefined);
      if (spec === undefined || spec.kind !== 'block' || spec.regexFilter === undefined) throw new Error(`no path rule for ${domain}`);
      return new RegExp(spec.regexFilter);
    };
    const tr = filterFor('www.facebook.com');
    expect(tr.test('https://www.facebook.com/tr/?id=1&ev=PageView')).toBe(true);
    expect(tr.test('https://www.facebook.com:8443/tr?id=1')).toBe(true);
    expect(tr.test('https://www.facebook.com/translate')).toBe(false);
    expect(tr.test('https://www.facebook.com/plugins/like.php')).toBe(false);
    // A self-hosted Matomo is blocked on the site's own hosts only (requestDomains = the site).
    const matomoSpecs = specs.filter((spec) => spec.kind === 'block' && (spec.requestDomains?.includes('gameta.test') ?? false));
    expect(matomoSpecs.map((spec) => (spec.kind === 'block' ? spec.regexFilter : undefined))).toHaveLength(4);
    const wholeHosts = specs.find((spec) => spec.kind === 'block' && spec.regexFilter === undefined);
    expect(wholeHosts?.kind === 'block' ? wholeHosts.requestDomains : undefined).toEqual(['cdn.matomo.cloud', 'connect.facebook.net', 'matomo.cloud']);
  });

  test('HubSpot at the "block" level: its hosts, its tracking paths on any host (a portal\'s own tracking domain); GPC adds its own rule', () => {
    const specs = networkSpecs([{ site: 'hubdemo.test', doNotTrack: true, optOut: 'block', since: 0, vendors: Object.fromEntries(everyVendor.filter((id) => id !== 'hubspot').map((id) => [id, 'allow'])), gpc: true }]);
    expect(specs).toEqual([
      { kind: 'block', site: 'hubdemo.test', requestDomains: ['hs-analytics.net', 'track-eu1.hubspot.com', 'track-na1.hubspot.com', 'track.hubspot.com'] },
      { kind: 'block', site: 'hubdemo.test', regexFilter: '^[a-z]+://[^/]+(?:/__ptbe\\.gif|/__ptc\\.gif|/__ptq\\.gif)(?:[?#]|$)' },
      { kind: 'gpc', site: 'hubdemo.test' },
    ]);
  });

  test('the any-host path rule takes HubSpot\'s page views and events on any host and port, not its error reports or look-alikes', () => {
    const spec = networkSpecs([{ site: 'hubdemo.test', doNotTrack: false, optOut: 'block', since: 0 }])
      .find((candidate) => candidate.kind === 'block' && candidate.requestDomains === undefined);
    if (spec === undefined || spec.kind !== 'block' || spec.regexFilter === undefined) throw new Error('no any-host rule');
    const filter = new RegExp(spec.regexFilter);
    for (const url of [
      'https://track-eu1.hubspot.com/__ptq.gif?k=1&a=4815162',
      'https://track.hubdemo.test:8443/__ptq.gif?k=1',
      'https://analytics.example.com/__ptbe.gif?n=pe123',
      'https://t.example.com/__ptc.gif',
    ]) expect(filter.test(url), url).toBe(true);
    for (const url of [
      'https://track.hubdemo.test/__pto.gif?w=1&m=TypeError',
      'https://www.example.com/images/__ptq.gif',
      'https://www.example.com/__ptq.gifs',
      'https://www.example.com/__ptqxgif',
      'https://www.example.com/page?next=/__ptq.gif',
    ]) expect(filter.test(url), url).toBe(false);
  });
  test('opt-out at the cookies level blocks no HubSpot path (do-not-track first)', () => {
    const specs = networkSpecs([{ site: 'hubdemo.test', doNotTrack: false, optOut: 'cookies', since: 0 }]);
    expect(specs.filter((spec) => spec.kind === 'block' && spec.regexFilter?.includes('__ptq') === true)).toEqual([]);
  });
});
