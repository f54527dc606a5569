// The address a reset reloads: HubSpot's identity parameters out of the query and the fragment,
// everything else byte for byte.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { IDENTITY_QUERY_PATTERN, identityInAddress, linkStrippingChoices, linkStrippingSites, onlyFragmentChanges, stripIdentityParams } from '../../../src/core/url-identity.ts';

// Written out here rather than imported, so a name dropped from the product's list fails a test.
const HUBSPOT_NAMES = ['__hstc', '__hssc', '__hsfp', '__hs_email', '_hsenc', '_hsmi', 'hsCtaTracking'];

describe('stripIdentityParams', () => {
  test.each([
    ['https://www.example.com/page?__hstc=1.2.3&__hssc=4.5.6&__hsfp=789&utm_source=x#top', 'https://www.example.com/page?utm_source=x#top'],
    ['https://www.example.com/?__hstc=abc', 'https://www.example.com/'],
    ['https://www.example.com/?a=1&__hsfp=2&b=3', 'https://www.example.com/?a=1&b=3'],
    ['https://www.example.com/?q=%20a+b&__hsfp=1', 'https://www.example.com/?q=%20a+b'],
    ['https://www.example.com/?%5F%5Fhstc=1&x=2', 'https://www.example.com/?x=2'],
    ['https://www.example.com/?__hssc', 'https://www.example.com/'],
    ['https://www.example.com/?%E0%A4%A=1&__hssc=2', 'https://www.example.com/?%E0%A4%A=1'],
    // E-mail recipient identity and CTA click tracking.
    ['https://www.example.com/offer?_hsenc=p2ANqtz-abc&_hsmi=12345&utm_medium=email', 'https://www.example.com/offer?utm_medium=email'],
    ['https://www.example.com/?__hs_email=a%40b.example&hsCtaTracking=f00-ba7%7Cc0ffee', 'https://www.example.com/'],
    // The tracker reads the fragment when the query is empty.
    ['https://www.example.com/#__hstc=1.2.3.4.5.1&__hssc=1.1.5&__hsfp=99', 'https://www.example.com/'],
    ['https://www.example.com/p#section&__hstc=1&x=y', 'https://www.example.com/p#section&x=y'],
    ['https://www.example.com/p?keep=1#__hsfp=1&rest', 'https://www.example.com/p?keep=1#rest'],
    ['https://www.example.com/p?__hstc=1#__hstc=2', 'https://www.example.com/p'],
    ['https://www.example.com/?a=1', null],
    ['https://www.example.com/', null],
    ['https://www.example.com/#top', null],
    ['https://www.example.com/?__hstcx=1&x__hsfp=2&_hsencx=3#hsctatracking=4', null],
  ])('%s -> %s', (url, stripped) => {
    expect(stripIdentityParams(url)).toBe(stripped);
  });

  test('says which parameters leave the address, and from where', () => {
    expect(identityInAddress('https://www.example.com/?_hsenc=x&a=1&_hsmi=2#__hstc=3&b')?.removed).toEqual([
      { name: '_hsenc', part: 'query' },
      { name: '_hsmi', part: 'query' },
      { name: '__hstc', part: 'fragment' },
    ]);
  });
});

// Parameters that are not HubSpot's: names from a small alphabet that cannot spell one of them.
const otherPiece = fc
  .tuple(fc.stringMatching(/^[a-z0-9.~-]{1,8}$/), fc.option(fc.stringMatching(/^[a-zA-Z0-9%.+~-]{0,8}$/), { nil: undefined }))
  .map(([name, value]) => (value === undefined ? name : `${name}=${value}`));
const hubspotPiece = fc.tuple(fc.constantFrom(...HUBSPOT_NAMES), fc.stringMatching(/^[a-zA-Z0-9.%-]{0,12}$/)).map(([name, value]) => `${name}=${value}`);
const mixed = fc.array(fc.oneof(otherPiece.map((p) => ({ p, hs: false })), hubspotPiece.map((p) => ({ p, hs: true }))), { maxLength: 6 });

describe('stripIdentityParams, for any query and fragment', () => {
  test('keeps every other piece in order, byte for byte, and no HubSpot identity is left', () => {
    fc.assert(
      fc.property(mixed, fc.option(mixed, { nil: undefined }), (query, fragment) => {
        const queryText = query.map((x) => x.p).join('&');
        const fragmentText = fragment?.map((x) => x.p).join('&');
        const url = `https://www.example.com/a/b${queryText === '' ? '' : `?${queryText}`}${fragmentText === undefined ? '' : `#${fragmentText}`}`;
        const result = stripIdentityParams(url);
        const hasIdentity = query.some((x) => x.hs) || (fragment?.some((x) => x.hs) ?? false);
        if (!hasIdentity) {
          expect(result).toBeNull();
          return;
        }
        expect(result).not.toBeNull();
        const out = result ?? '';
        const hashAt = out.indexOf('#');
        const outFragment = hashAt === -1 ? '' : out.slice(hashAt + 1);
        const beforeHash = hashAt === -1 ? out : out.slice(0, hashAt);
        const outQuery = beforeHash.includes('?') ? beforeHash.slice(beforeHash.indexOf('?') + 1) : '';
        expect(beforeHash.startsWith('https://www.example.com/a/b')).toBe(true);
        const keptQuery = query.filter((x) => !x.hs).map((x) => x.p).filter((p) => p !== '');
        expect(outQuery === '' ? [] : outQuery.split('&')).toEqual(keptQuery);
        if (fragment?.some((x) => x.hs)) {
          const keptFragment = fragment.filter((x) => !x.hs).map((x) => x.p).filter((p) => p !== '');
          expect(outFragment === '' ? [] : outFragment.split('&')).toEqual(keptFragment);
        } else {
          expect(hashAt === -1 ? undefined : outFragment).toBe(fragmentText);
        }
        for (const name of HUBSPOT_NAMES) {
          for (const piece of [...outQuery.split('&'), ...outFragment.split('&')]) expect(piece.split('=')[0]).not.toBe(name);
        }
        // Stripping again finds nothing.
        expect(stripIdentityParams(out)).toBeNull();
      }),
    );
  });
});

describe('onlyFragmentChanges', () => {
  test.each([
    ['https://a.example/p#__hstc=1&x', 'https://a.example/p#x', true],
    ['https://a.example/p#__hstc=1', 'https://a.example/p', false],
    ['https://a.example/p?__hstc=1#x', 'https://a.example/p#x', false],
    ['https://a.example/p?__hstc=1', 'https://a.example/p', false],
  ])('%s -> %s: %s', (from, to, same) => {
    expect(onlyFragmentChanges(from, to)).toBe(same);
  });
});

describe('links stripped of identity', () => {
  test('every opted-out site and every site with the choice, once each, sorted', () => {
    const rules = {
      'b.example': { site: 'b.example', optOut: 'cookies' },
      'c.example': { site: 'c.example', optOut: 'off' },
      'd.example': { site: 'd.example', optOut: 'block' },
    };
    expect(linkStrippingSites({ 'e.example': {}, 'b.example': {} }, rules)).toEqual(['b.example', 'd.example', 'e.example']);
    expect(linkStrippingSites({}, {})).toEqual([]);
  });

  test.each([
    ['https://www.example.com/?__hstc=1', true],
    ['https://www.example.com/p?a=1&_hsenc=x', true],
    ['https://www.example.com/?hsCtaTracking=a%7Cb&b=2', true],
    ['https://www.example.com/?__hssc', true],
    ['https://www.example.com/?x__hstc=1', false],
    ['https://www.example.com/?__hstcx=1', false],
    ['https://www.example.com/__hstc=1', false],
  ])('the redirect pattern matches %s: %s', (url, matches) => {
    expect(new RegExp(IDENTITY_QUERY_PATTERN).test(url)).toBe(matches);
  });
});

describe('linkStrippingChoices', () => {
  test('lists every site with the choice, sorted, and says which are opted out as well', () => {
    const stripLinks = {
      'z.example': { site: 'z.example', since: 3 },
      'a.example': { site: 'a.example', since: 1 },
      'm.example': { site: 'm.example', since: 2 },
    };
    const rules = [
      { site: 'm.example', optOut: 'cookies' },
      { site: 'z.example', optOut: 'off' },
      // Opted out without the choice: not a choice to list (opt-out has its own row).
      { site: 'q.example', optOut: 'block' },
    ];
    expect(linkStrippingChoices(stripLinks, rules)).toEqual([
      { site: 'a.example', since: 1, alsoByOptOut: false },
      { site: 'm.example', since: 2, alsoByOptOut: true },
      { site: 'z.example', since: 3, alsoByOptOut: false },
    ]);
    expect(linkStrippingChoices({}, rules)).toEqual([]);
  });
});
