import { describe, expect, test } from 'vitest';
import { hubspotCookieDomain, scopeOf, siteCookies, siteFromUrl } from '../../../src/core/site.ts';
import type { SiteContext } from '../../../src/core/site.ts';
import { cookie } from './make-cookie.ts';

function site(url: string): SiteContext {
  const result = siteFromUrl(url);
  if (!result.ok) throw new Error(`test setup: ${url} is not a site (${result.problem})`);
  return result.site;
}

describe('siteFromUrl', () => {
  test.each([
    {
      url: 'https://www.example.com/pricing?plan=pro#faq',
      host: 'www.example.com',
      registrableDomain: 'example.com',
      domains: ['www.example.com', 'example.com'],
      topLevelSite: 'https://example.com',
      domainCookiesAllowed: true,
    },
    {
      url: 'http://example.co.uk/',
      host: 'example.co.uk',
      registrableDomain: 'example.co.uk',
      domains: ['example.co.uk'],
      topLevelSite: 'http://example.co.uk',
      domainCookiesAllowed: true,
    },
    {
      url: 'https://a.b.example.com/',
      host: 'a.b.example.com',
      registrableDomain: 'example.com',
      domains: ['a.b.example.com', 'b.example.com', 'example.com'],
      topLevelSite: 'https://example.com',
      domainCookiesAllowed: true,
    },
    // github.io is on the private section of the Public Suffix List: each user page is a site.
    {
      url: 'https://foo.github.io/project/',
      host: 'foo.github.io',
      registrableDomain: 'foo.github.io',
      domains: ['foo.github.io'],
      topLevelSite: 'https://foo.github.io',
      domainCookiesAllowed: true,
    },
    {
      url: 'http://localhost:8080/demo',
      host: 'localhost',
      registrableDomain: 'localhost',
      domains: ['localhost'],
      topLevelSite: 'http://localhost',
      domainCookiesAllowed: false,
    },
    {
      url: 'http://127.0.0.1:3000/',
      host: '127.0.0.1',
      registrableDomain: '127.0.0.1',
      domains: ['127.0.0.1'],
      topLevelSite: 'http://127.0.0.1',
      domainCookiesAllowed: false,
    },
    {
      url: 'http://[::1]:8080/',
      host: '[::1]',
      registrableDomain: '[::1]',
      domains: ['[::1]'],
      topLevelSite: 'http://[::1]',
      domainCookiesAllowed: false,
    },
    // .test is not on the list: its default rule makes the last two labels the site.
    {
      url: 'http://www.hubdemo.test/',
      host: 'www.hubdemo.test',
      registrableDomain: 'hubdemo.test',
      domains: ['www.hubdemo.test', 'hubdemo.test'],
      topLevelSite: 'http://hubdemo.test',
      domainCookiesAllowed: true,
    },
    {
      url: 'http://a.b.localhost/',
      host: 'a.b.localhost',
      registrableDomain: 'b.localhost',
      domains: ['a.b.localhost', 'b.localhost'],
      topLevelSite: 'http://b.localhost',
      domainCookiesAllowed: true,
    },
    // A host that is itself a public suffix has no registrable domain: host-only cookies only.
    {
      url: 'https://github.io/',
      host: 'github.io',
      registrableDomain: 'github.io',
      domains: ['github.io'],
      topLevelSite: 'https://github.io',
      domainCookiesAllowed: false,
    },
    {
      url: 'HTTPS://WWW.Example.COM/',
      host: 'www.example.com',
      registrableDomain: 'example.com',
      domains: ['www.example.com', 'example.com'],
      topLevelSite: 'https://example.com',
      domainCookiesAllowed: true,
    },
    {
      url: 'https://user:secret@shop.example.com:8443/cart',
      host: 'shop.example.com',
      registrableDomain: 'example.com',
      domains: ['shop.example.com', 'example.com'],
      topLevelSite: 'https://example.com',
      domainCookiesAllowed: true,
    },
  ])('$url', ({ url, ...expected }) => {
    const result = siteFromUrl(url);
    expect(result).toEqual({ ok: true, site: { url, scheme: url.toLowerCase().startsWith('https') ? 'https' : 'http', ...expected } });
  });

  test.each([
    { url: 'chrome://extensions/', problem: 'unsupported-scheme' },
    { url: 'about:blank', problem: 'unsupported-scheme' },
    { url: 'file:///home/me/page.html', problem: 'unsupported-scheme' },
    { url: 'chrome-extension://abcdefghijklmnop/popup.html', problem: 'unsupported-scheme' },
    { url: 'moz-extension://0c1a2b3c/popup.html', problem: 'unsupported-scheme' },
    { url: 'view-source:https://example.com/', problem: 'unsupported-scheme' },
    { url: 'https://chromewebstore.google.com/detail/abc', problem: 'protected-page' },
    { url: 'https://chrome.google.com/webstore/category/extensions', problem: 'protected-page' },
    { url: 'https://addons.mozilla.org/en-US/firefox/', problem: 'protected-page' },
    { url: 'https://microsoftedge.microsoft.com/addons/Microsoft-Edge-Extensions-Home', problem: 'protected-page' },
    { url: 'https://', problem: 'no-host' },
    { url: 'https://:443/', problem: 'no-host' },
    { url: 'http://user@/x', problem: 'no-host' },
    { url: '', problem: 'invalid-url' },
    { url: 'not a url', problem: 'invalid-url' },
    { url: 'https:example.com', problem: 'invalid-url' },
    { url: 'https://exa mple.com/', problem: 'invalid-url' },
    { url: 'https://a..b.com/', problem: 'invalid-url' },
    { url: 'https://.example.com/', problem: 'invalid-url' },
  ])('$url is not a site: $problem', ({ url, problem }) => {
    expect(siteFromUrl(url)).toEqual({ ok: false, problem });
  });

  test('Google pages outside the web store are sites', () => {
    expect(siteFromUrl('https://chrome.google.com/intl/en/chrome/').ok).toBe(true);
  });
});

describe('scopeOf', () => {
  const www = site('https://www.example.com/');
  test.each([
    { label: 'host-only on the exact host', c: cookie('a', '1', 'www.example.com'), scope: 'host-only' },
    { label: 'host-only on a parent host', c: cookie('a', '1', 'example.com'), scope: null },
    { label: 'host-only on another subdomain', c: cookie('a', '1', 'shop.example.com'), scope: null },
    { label: 'Domain cookie on the registrable domain', c: cookie('a', '1', '.example.com'), scope: 'domain' },
    { label: 'Domain cookie on the host itself', c: cookie('a', '1', '.www.example.com'), scope: 'domain' },
    { label: 'Domain cookie on another subdomain', c: cookie('a', '1', '.shop.example.com'), scope: null },
    { label: 'Domain cookie on a public suffix', c: cookie('a', '1', '.com'), scope: null },
    { label: 'Domain cookie of another site', c: cookie('a', '1', '.other.com'), scope: null },
    { label: 'a look-alike site', c: cookie('a', '1', '.notexample.com'), scope: null },
    { label: 'any path', c: cookie('a', '1', '.example.com', { path: '/blog/2024' }), scope: 'domain' },
    {
      label: 'partitioned under this site, written by an embedded frame',
      c: cookie('a', '1', '.hubspot.com', { secure: true, partitionKey: { topLevelSite: 'https://example.com' } }),
      scope: 'partitioned',
    },
    {
      label: 'partitioned under this site, cross-site ancestor',
      c: cookie('a', '1', 'www.example.com', { secure: true, partitionKey: { topLevelSite: 'https://example.com', hasCrossSiteAncestor: true } }),
      scope: 'partitioned',
    },
    {
      label: "this site's domain partitioned under another site",
      c: cookie('a', '1', '.example.com', { secure: true, partitionKey: { topLevelSite: 'https://other.com' } }),
      scope: null,
    },
    {
      label: 'partitioned under the http version of the site',
      c: cookie('a', '1', '.example.com', { partitionKey: { topLevelSite: 'http://example.com' } }),
      scope: null,
    },
    {
      label: 'an empty partition key is no partition',
      c: cookie('a', '1', '.example.com', { partitionKey: { topLevelSite: '' } }),
      scope: 'domain',
    },
    { label: 'first-party isolated to this site', c: cookie('a', '1', '.example.com', { firstPartyDomain: 'example.com' }), scope: 'domain' },
    { label: 'first-party isolation off', c: cookie('a', '1', '.example.com', { firstPartyDomain: '' }), scope: 'domain' },
    { label: 'first-party isolated to another site', c: cookie('a', '1', '.example.com', { firstPartyDomain: 'other.com' }), scope: null },
  ])('$label', ({ c, scope }) => {
    expect(scopeOf(c, www)).toBe(scope);
  });

  test('a Domain cookie on the exact host of a single-label site', () => {
    expect(scopeOf(cookie('a', '1', 'localhost'), site('http://localhost:3000/'))).toBe('host-only');
    expect(scopeOf(cookie('a', '1', '.localhost'), site('http://localhost:3000/'))).toBe('domain');
  });
});

describe('siteCookies', () => {
  const www = site('https://www.example.com/');
  test('keeps the tab store only, drops other sites, and lists each stored cookie once', () => {
    const hostOnly = cookie('__hstc', 'a', 'www.example.com');
    const domain = cookie('__hstc', 'b', '.example.com');
    const otherStore = cookie('__hstc', 'c', '.example.com', { storeId: 'firefox-container-1' });
    const otherSite = cookie('__hstc', 'd', '.other.com');
    const partitioned = cookie('__hstc', 'e', '.example.com', { secure: true, partitionKey: { topLevelSite: 'https://example.com' } });
    const repeated = cookie('__hstc', 'b again', '.example.com');
    expect(siteCookies([hostOnly, domain, otherStore, otherSite, partitioned, repeated], www, '0')).toEqual([hostOnly, domain, partitioned]);
    expect(siteCookies([hostOnly, domain, otherStore], www, 'firefox-container-1')).toEqual([otherStore]);
  });
});

describe('hubspotCookieDomain', () => {
  test.each([
    { url: 'https://www.example.com/', match: null, domain: '.example.com' },
    { url: 'https://example.com/', match: null, domain: '.example.com' },
    { url: 'https://a.b.example.com/', match: null, domain: '.b.example.com' },
    // The naive rule would give .co.uk, which no browser accepts: fall back to the site.
    { url: 'https://example.co.uk/', match: null, domain: '.example.co.uk' },
    { url: 'https://www.example.co.uk/', match: null, domain: '.example.co.uk' },
    { url: 'https://foo.github.io/', match: null, domain: '.foo.github.io' },
    { url: 'http://www.hubdemo.test/', match: null, domain: '.hubdemo.test' },
    { url: 'http://localhost:8080/', match: null, domain: '.localhost' },
    { url: 'https://a.b.example.com/', match: '.example.com', domain: '.example.com' },
    { url: 'https://a.b.example.com/', match: 'a.b.example.com', domain: '.a.b.example.com' },
    // A match outside the site cannot be written from it: ignored.
    { url: 'https://www.example.com/', match: '.other.com', domain: '.example.com' },
    { url: 'https://www.example.com/', match: '.com', domain: '.example.com' },
  ])('$url with match $match -> $domain', ({ url, match, domain }) => {
    expect(hubspotCookieDomain(site(url), match)).toBe(domain);
  });
});
