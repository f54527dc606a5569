import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  cookieUrl,
  namePrefixOf,
  newCookieDetails,
  recordFromSetDetails,
  removeDetailsFor,
  restoreDetailsFor,
} from '../../../src/core/cookie-details.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';
import { cookie } from './make-cookie.ts';

describe('cookieUrl', () => {
  test.each([
    { c: cookie('a', '1', '.example.com', { secure: true }), url: 'https://example.com/' },
    { c: cookie('a', '1', '.example.com'), url: 'http://example.com/' },
    { c: cookie('a', '1', 'www.example.com', { path: '/blog' }), url: 'http://www.example.com/blog' },
    { c: cookie('a', '1', 'www.example.com', { path: '' }), url: 'http://www.example.com/' },
    { c: cookie('a', '1', '[::1]', { secure: true }), url: 'https://[::1]/' },
  ])('$url', ({ c, url }) => {
    expect(cookieUrl(c)).toBe(url);
  });
});

describe('removeDetailsFor', () => {
  test('a plain cookie needs only URL, name and store', () => {
    expect(removeDetailsFor(cookie('__hstc', 'x', '.example.com', { storeId: '1' }))).toEqual({
      url: 'http://example.com/',
      name: '__hstc',
      storeId: '1',
    });
  });

  test('Secure, partitioned and first-party-isolated cookies carry everything the browser keys them by', () => {
    const c = cookie('__hstc', 'x', 'www.example.com', {
      path: '/app',
      secure: true,
      storeId: 'firefox-container-2',
      partitionKey: { topLevelSite: 'https://example.com', hasCrossSiteAncestor: false },
      firstPartyDomain: 'example.com',
    });
    expect(removeDetailsFor(c)).toEqual({
      url: 'https://www.example.com/app',
      name: '__hstc',
      storeId: 'firefox-container-2',
      partitionKey: { topLevelSite: 'https://example.com', hasCrossSiteAncestor: false },
      firstPartyDomain: 'example.com',
    });
  });
});

describe('restoreDetailsFor', () => {
  test('a host-only cookie is restored without a domain', () => {
    const details = restoreDetailsFor(cookie('hubspotutk', 'abc', 'www.example.com', { expirationDate: 1751241600 }));
    expect(details).toEqual({
      url: 'http://www.example.com/',
      name: 'hubspotutk',
      value: 'abc',
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'lax',
      expirationDate: 1751241600,
      storeId: '0',
    });
    expect('domain' in details).toBe(false);
  });

  test('a Domain cookie keeps its domain; a session cookie gets no expiry', () => {
    const details = restoreDetailsFor(
      cookie('__cf_bm', 'token', '.example.com', { secure: true, httpOnly: true, sameSite: 'no_restriction', path: '/x' }),
    );
    expect(details).toEqual({
      url: 'https://example.com/x',
      name: '__cf_bm',
      value: 'token',
      domain: '.example.com',
      path: '/x',
      secure: true,
      httpOnly: true,
      sameSite: 'no_restriction',
      storeId: '0',
    });
    expect('expirationDate' in details).toBe(false);
  });

  test('partition key and first-party domain are carried', () => {
    const details = restoreDetailsFor(
      cookie('__hstc', 'v', '.example.com', { secure: true, partitionKey: { topLevelSite: 'https://example.com' }, firstPartyDomain: '' }),
    );
    expect(details.partitionKey).toEqual({ topLevelSite: 'https://example.com' });
    expect(details.firstPartyDomain).toBe('');
  });

  test('__Host- cookies are written Secure, host-only and on /', () => {
    const details = restoreDetailsFor(cookie('__Host-session', 's', 'www.example.com', { secure: true }));
    expect(details).toMatchObject({ url: 'https://www.example.com/', path: '/', secure: true });
    expect('domain' in details).toBe(false);
  });

  test('__Secure- cookies are written Secure over https, whatever the record says', () => {
    const details = restoreDetailsFor(cookie('__Secure-id', 's', '.example.com'));
    expect(details).toMatchObject({ url: 'https://example.com/', domain: '.example.com', secure: true });
  });

  test.each([
    { name: '__Host-a', prefix: '__Host-' },
    { name: '__host-a', prefix: '__Host-' },
    { name: '__Secure-a', prefix: '__Secure-' },
    { name: '__SECURE-a', prefix: '__Secure-' },
    { name: '__Hosted', prefix: null },
    { name: '_Secure-a', prefix: null },
    { name: '__hstc', prefix: null },
  ])('prefix of $name is $prefix', ({ name, prefix }) => {
    expect(namePrefixOf(name)).toBe(prefix);
  });
});

describe('newCookieDetails', () => {
  const result = siteFromUrl('https://www.example.com/page');
  if (!result.ok) throw new Error('test setup');
  const site = result.site;

  test('defaults follow how HubSpot writes its cookies: path /, Lax, not Secure, not HttpOnly', () => {
    expect(newCookieDetails(site, { name: '__hs_do_not_track', value: 'yes', domain: '.example.com', expirationDate: 1751241600, storeId: '0' })).toEqual({
      url: 'https://www.example.com/',
      name: '__hs_do_not_track',
      value: 'yes',
      domain: '.example.com',
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'lax',
      expirationDate: 1751241600,
      storeId: '0',
    });
  });

  test('host-only when no domain is given; first-party domain carried', () => {
    const details = newCookieDetails(site, { name: 'x', value: '1', storeId: '0', firstPartyDomain: 'example.com' });
    expect('domain' in details).toBe(false);
    expect(details.firstPartyDomain).toBe('example.com');
  });

  test('a Secure cookie on an http site is written through https', () => {
    const http = siteFromUrl('http://www.example.com/');
    if (!http.ok) throw new Error('test setup');
    expect(newCookieDetails(http.site, { name: 'x', value: '1', storeId: '0', secure: true }).url).toBe('https://www.example.com/');
    expect(newCookieDetails(http.site, { name: 'x', value: '1', storeId: '0' }).url).toBe('http://www.example.com/');
  });
});

// ---- property: restoring keeps every attribute -------------------------------------------------

const label = fc.stringMatching(/^[a-z0-9]{1,10}$/);
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const plainName = fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/).filter((name) => namePrefixOf(name) === null);

const arbitraryCookie: fc.Arbitrary<CookieRecord> = fc
  .record({
    name: plainName,
    value: fc.string({ maxLength: 40 }),
    host,
    hostOnly: fc.boolean(),
    path: fc.stringMatching(/^\/[a-z0-9/]{0,12}$/),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    sameSite: fc.constantFrom('no_restriction', 'lax', 'strict', 'unspecified'),
    expirationDate: fc.option(fc.integer({ min: 0, max: 4_102_444_800 }), { nil: undefined }),
    storeId: fc.constantFrom('0', '1', 'firefox-default', 'firefox-container-3'),
    partitionKey: fc.option(
      fc.record({ topLevelSite: host.map((h) => `https://${h}`), hasCrossSiteAncestor: fc.option(fc.boolean(), { nil: undefined }) }),
      { nil: undefined },
    ),
    firstPartyDomain: fc.option(fc.oneof(fc.constant(''), host), { nil: undefined }),
  })
  .map(({ host: cookieHost, hostOnly, expirationDate, partitionKey, firstPartyDomain, ...rest }) => ({
    ...rest,
    domain: hostOnly ? cookieHost : `.${cookieHost}`,
    hostOnly,
    ...(expirationDate === undefined ? {} : { expirationDate }),
    ...(partitionKey === undefined
      ? {}
      : {
          partitionKey:
            partitionKey.hasCrossSiteAncestor === undefined
              ? { topLevelSite: partitionKey.topLevelSite }
              : { topLevelSite: partitionKey.topLevelSite, hasCrossSiteAncestor: partitionKey.hasCrossSiteAncestor },
        }),
    ...(firstPartyDomain === undefined ? {} : { firstPartyDomain }),
  }));

describe('restoreDetailsFor keeps every attribute (property)', () => {
  test('each field of the details says what the cookie says', () => {
    fc.assert(
      fc.property(arbitraryCookie, (c) => {
        const details = restoreDetailsFor(c);
        expect(details.name).toBe(c.name);
        expect(details.value).toBe(c.value);
        expect(details.domain).toBe(c.hostOnly ? undefined : c.domain);
        expect(details.url).toBe(`${c.secure ? 'https' : 'http'}://${c.domain.replace(/^\./, '')}${c.path}`);
        expect(details.path).toBe(c.path);
        expect(details.secure).toBe(c.secure);
        expect(details.httpOnly).toBe(c.httpOnly);
        expect(details.sameSite).toBe(c.sameSite);
        expect(details.expirationDate).toBe(c.expirationDate);
        expect(details.storeId).toBe(c.storeId);
        expect(details.partitionKey).toEqual(c.partitionKey);
        expect(details.firstPartyDomain).toBe(c.firstPartyDomain);
      }),
    );
  });

  test('the cookie those details write is the cookie we started from', () => {
    fc.assert(
      fc.property(arbitraryCookie, (c) => {
        expect(recordFromSetDetails(restoreDetailsFor(c))).toEqual(c);
      }),
    );
  });
});
