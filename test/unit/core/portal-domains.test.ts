// Naming a HubSpot portal's other domains from what the page shows: its addCookieDomain queue and
// the links HubSpot's linker decorated with the visitor's identity.
import { describe, expect, test } from 'vitest';
import { portalDomainsOf } from '../../../src/core/portal-domains.ts';

describe('portalDomainsOf', () => {
  test('the queued cookie domains other than this site, without the dot, each once, in the page\'s order', () => {
    expect(portalDomainsOf({ queued: ['.hubdemo.test', '.hubdemo-partner.test', 'Shop.Example.COM', '.hubdemo-partner.test'], decoratedLinks: [] }, 'hubdemo.test'))
      .toEqual({ toldTracker: ['hubdemo-partner.test', 'shop.example.com'], linkedWithIdentity: [] });
  });

  test('a cookie domain above this site (the site is under it) is this site, not another', () => {
    expect(portalDomainsOf({ queued: ['.example.com', '.other.test'], decoratedLinks: [] }, 'shop.example.com').toldTracker).toEqual(['other.test']);
  });

  test('hosts of decorated links, unless on this site or under a domain already named', () => {
    const seen = {
      queued: ['.partner.test'],
      decoratedLinks: [
        'https://www.partner.test/?__hstc=1.2&__hsfp=3',
        'https://blog.hubdemo.test/?__hstc=1',
        'https://www.third.test:8443/x?__hsfp=9',
        'HTTPS://WWW.THIRD.TEST/y?__hstc=2',
      ],
    };
    expect(portalDomainsOf(seen, 'hubdemo.test')).toEqual({ toldTracker: ['partner.test'], linkedWithIdentity: ['www.third.test'] });
  });

  test('hostile strings name nothing: not host names, other schemes, markup, and at most ten of each', () => {
    const seen = {
      queued: ['', '.', 'javascript:alert(1)', '<b>x</b>.test', 'a..b', 'x'.repeat(300), ...Array.from({ length: 30 }, (_, i) => `.d${i}.test`)],
      decoratedLinks: ['javascript:void(0)?__hstc=1', 'mailto:a@b.test?__hstc=1', 'https://user@evil.test/?__hstc=1', '//nohost?__hstc=1'],
    };
    const domains = portalDomainsOf(seen, 'hubdemo.test');
    expect(domains.toldTracker).toEqual(Array.from({ length: 10 }, (_, i) => `d${i}.test`));
    expect(domains.linkedWithIdentity).toEqual(['evil.test']);
  });
});
