// The popup's first read guesses the registrable domain (src/core/site-guess.ts); src/core/site.ts
// (the Public Suffix List through tldts) is the oracle: the guess must equal the registrable
// domain or be a suffix of it, so that cookies read under it are a superset of the site's.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { guessRegistrableDomain } from '../../src/core/site-guess.ts';
import { siteFromUrl } from '../../src/core/site.ts';

function registrableOf(host: string): string {
  const parsed = siteFromUrl(`https://${host}/`);
  if (!parsed.ok) throw new Error(`not a site: ${host}`);
  return parsed.site.registrableDomain;
}

function covers(guess: string, registrable: string): boolean {
  return registrable === guess || registrable.endsWith(`.${guess}`);
}

describe('guessRegistrableDomain', () => {
  test.each([
    ['example.com', 'example.com', true],
    ['www.example.com', 'example.com', true],
    ['a.b.example.com', 'example.com', true],
    ['www.hubdemo.test', 'hubdemo.test', true],
    ['www.example.co.uk', 'co.uk', false],
    ['foo.github.io', 'github.io', false],
    ['localhost', 'localhost', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['[::1]', '[::1]', true],
  ])('%s: guessed %s (the registrable domain itself: %s)', (host, guess, exact) => {
    expect(guessRegistrableDomain(host)).toBe(guess);
    expect(covers(guess, registrableOf(host))).toBe(true);
    expect(registrableOf(host) === guess).toBe(exact);
  });

  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const suffix = fc.constantFrom('com', 'org', 'de', 'co.uk', 'com.au', 'github.io', 'blogspot.com', 's3.amazonaws.com', 'test', 'kawasaki.jp');
  test('always the registrable domain or a suffix of it', () => {
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), suffix, (labels, end) => {
      const host = [...labels, end].join('.');
      expect(covers(guessRegistrableDomain(host), registrableOf(host))).toBe(true);
    }), { numRuns: 2000 });
  });
});
