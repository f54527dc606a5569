import { describe, expect, test } from 'vitest';
import { hubspotDomainHash, hubspotHashCandidates, matchHubspotDomainHash } from '../../../src/decode/domain-hash.ts';

// Every row of the table in docs/facts/hubspot-cookies.md section 3.
const DOC_TABLE: readonly (readonly [string, number])[] = [
  ['.example.com', 114212440],
  ['example.com', 60493049],
  ['.example.co.uk', 114734936],
  ['.co.uk', 102379230],
  ['.b.example.com', 34676542],
  ['.localhost', 181257784],
  ['.hubspot.com', 20629287],
  ['', 0],
];

describe('hubspotDomainHash', () => {
  test.each(DOC_TABLE)('hashes %j to %i', (input, expected) => {
    expect(hubspotDomainHash(input)).toBe(expected);
  });
});

describe('hubspotHashCandidates', () => {
  test.each([
    // Parents most specific first, then HubSpot's own rule when it adds something new.
    ['www.example.com', undefined, ['.www.example.com', '.example.com', '.com']],
    ['example.com', undefined, ['.example.com', '.com']],
    ['a.b.example.com', undefined, ['.a.b.example.com', '.b.example.com', '.example.com', '.com']],
    ['example.co.uk', undefined, ['.example.co.uk', '.co.uk', '.uk']],
    ['localhost', undefined, ['.localhost']],
    ['www.example.com', '.example.com', ['.www.example.com', '.example.com', '.com']],
    ['www.example.com', 'other.org', ['.www.example.com', '.example.com', '.com', '.other.org']],
    ['WWW.Example.COM.', undefined, ['.www.example.com', '.example.com', '.com']],
    ['', '.example.com', ['.example.com']],
    ['', undefined, []],
  ] as const)('%s with cookie domain %s', (host, cookieDomain, expected) => {
    expect(hubspotHashCandidates(host, cookieDomain)).toEqual(expected);
  });
});

describe('matchHubspotDomainHash', () => {
  test.each([
    [114212440, 'www.example.com', undefined, '.example.com'],
    [114212440, 'example.com', undefined, '.example.com'],
    [34676542, 'a.b.example.com', undefined, '.b.example.com'],
    [102379230, 'example.co.uk', undefined, '.co.uk'],
    [114734936, 'www.example.co.uk', undefined, '.example.co.uk'],
    [181257784, 'localhost', undefined, '.localhost'],
    [20629287, 'www.example.com', '.hubspot.com', '.hubspot.com'],
    // The undotted hash never matches: real cookies hash the dotted domain.
    [60493049, 'www.example.com', undefined, null],
    [20629287, 'www.example.com', undefined, null],
    [0, '', undefined, null],
  ] as const)('%i on %s (cookie domain %s) is %s', (hash, host, cookieDomain, expected) => {
    expect(matchHubspotDomainHash(hash, host, cookieDomain)).toBe(expected);
  });

  test('a remembered host does not leak into the next lookup', () => {
    expect(matchHubspotDomainHash(114212440, 'www.example.com')).toBe('.example.com');
    expect(matchHubspotDomainHash(114212440, 'www.hubspot.com')).toBeNull();
    expect(matchHubspotDomainHash(114212440, 'www.hubspot.com', '.example.com')).toBe('.example.com');
  });
});
