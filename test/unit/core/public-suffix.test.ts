// The public suffix lookup over a compiled list (src/core/public-suffix.ts over the form that
// build/public-suffix-list.mjs writes). A small hand-made list pins each rule of the walk; the
// expected answers are the Public Suffix List's algorithm as tldts applies it, worked out by hand.
// test/build/psl.test.ts checks the built psl.js against tldts for a host under every real rule.
import { describe, expect, test } from 'vitest';
import { compileSuffixList, compiledPublicSuffixList } from '../../../build/public-suffix-list.mjs';
import { lookupPublicSuffix, suffixList } from '../../../src/core/public-suffix.ts';
import type { PublicSuffixAnswer, SuffixList } from '../../../src/core/public-suffix.ts';

const list = suffixList(compileSuffixList([
  { rule: 'com', section: 'icann' },
  { rule: 'uk', section: 'icann' },
  { rule: 'co.uk', section: 'icann' },
  { rule: 'jp', section: 'icann' },
  { rule: '*.kawasaki.jp', section: 'icann' },
  { rule: '!city.kawasaki.jp', section: 'icann' },
  { rule: 'io', section: 'icann' },
  { rule: 'github.io', section: 'private' },
  { rule: 'foobar.com', section: 'private' },
  { rule: 'example', section: 'icann' },
  { rule: '*.example', section: 'icann' },
  { rule: 'deep.y.example', section: 'private' },
]));

interface Answer extends PublicSuffixAnswer {
  exception: boolean;
}

function lookup(hostname: string, allowPrivateDomains = true, on: SuffixList = list): Answer {
  const out: PublicSuffixAnswer = { isIcann: null, isPrivate: null, publicSuffix: null };
  const exception = lookupPublicSuffix(on, hostname, { allowIcannDomains: true, allowPrivateDomains }, out);
  return { ...out, exception };
}

const icann = (publicSuffix: string): Answer => ({ publicSuffix, isIcann: true, isPrivate: false, exception: false });
const privately = (publicSuffix: string): Answer => ({ publicSuffix, isIcann: false, isPrivate: true, exception: false });
const byDefault = (publicSuffix: string): Answer => ({ publicSuffix, isIcann: false, isPrivate: false, exception: false });

describe('lookupPublicSuffix', () => {
  test('the deepest listed rule wins', () => {
    expect(lookup('www.bbc.co.uk')).toEqual(icann('co.uk'));
    expect(lookup('co.uk')).toEqual(icann('co.uk'));
    expect(lookup('uk')).toEqual(icann('uk'));
    expect(lookup('shop.example.com')).toEqual(icann('com'));
  });

  test('a label must match whole: foo is not foobar', () => {
    expect(lookup('foo.com')).toEqual(icann('com'));
    expect(lookup('a.foobar.com')).toEqual(privately('foobar.com'));
  });

  test('private rules count only when asked for', () => {
    expect(lookup('me.github.io')).toEqual(privately('github.io'));
    expect(lookup('me.github.io', false)).toEqual(icann('io'));
  });

  test('a wildcard rule takes any one label, an exception gives its left-most label back', () => {
    expect(lookup('shop.town.kawasaki.jp')).toEqual(icann('town.kawasaki.jp'));
    expect(lookup('kawasaki.jp')).toEqual(icann('jp'));
    expect(lookup('www.city.kawasaki.jp')).toEqual({ ...icann('kawasaki.jp'), exception: true });
    expect(lookup('city.kawasaki.jp')).toEqual({ ...icann('kawasaki.jp'), exception: true });
  });

  test('with no rule, the right-most label is the suffix', () => {
    expect(lookup('www.hubdemo.test')).toEqual(byDefault('test'));
    expect(lookup('localhost')).toEqual(byDefault('localhost'));
  });

  test('a label listed on its own is followed rather than the wildcard beside it (as tldts walks its trie)', () => {
    // *.example would make y.example a suffix, but y is on the way to deep.y.example, and the walk
    // follows y and finds no rule for z under it: the answer is example.
    expect(lookup('z.y.example')).toEqual(icann('example'));
    expect(lookup('a.deep.y.example')).toEqual(privately('deep.y.example'));
    expect(lookup('a.other.example')).toEqual(icann('other.example'));
  });

  test('an empty label never matches a wildcard; labels with the compiled form\'s marks match nothing', () => {
    expect(lookup('.example')).toEqual(icann('example'));
    expect(lookup('a..example')).toEqual(icann('example'));
    for (const label of ['a,b', 'a:', 'x=', 'y+', 'a b', 'co,uk']) expect(lookup(`${label}.uk`), label).toEqual(icann('uk'));
    expect(lookup('co:')).toEqual(byDefault('co:'));
  });

  test('the whole list, compiled as the build compiles it', async () => {
    const whole = suffixList(await compiledPublicSuffixList());
    expect(whole.records.length).toBeGreaterThan(1000);
    expect(lookup('www.bbc.co.uk', true, whole)).toEqual(icann('co.uk'));
    expect(lookup('foo.github.io', true, whole)).toEqual(privately('github.io'));
    expect(lookup('a.b.kawasaki.jp', true, whole)).toEqual(icann('b.kawasaki.jp'));
    expect(lookup('www.city.kawasaki.jp', true, whole)).toEqual({ ...icann('kawasaki.jp'), exception: true });
    expect(lookup('www.hubdemo.test', true, whole)).toEqual(byDefault('test'));
    // Reading tldts's data and compiling ~11,000 rules takes a second or more on a busy 2-core machine.
  }, 30_000);
});

describe('compileSuffixList', () => {
  test('refuses what its form cannot hold', () => {
    expect(() => compileSuffixList([{ rule: 'a,b.com', section: 'icann' }])).toThrow('cannot compile the rule "a,b.com"');
    expect(() => compileSuffixList([{ rule: 'a..com', section: 'icann' }])).toThrow('cannot compile');
    expect(() => compileSuffixList([{ rule: 'a.com', section: 'icann' }, { rule: 'a.com', section: 'private' }])).toThrow('in both sections');
  });
});
