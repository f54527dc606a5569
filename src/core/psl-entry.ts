// psl.js, the Public Suffix List as one module of its own in the extension build:
// build/plugins/public-suffix-module.mjs maps every `import … from 'tldts'` in the extension to
// `/psl.js`, so the list is parsed once per page and its size is budgeted on its own
// (docs/BENCHMARKS.md). It offers tldts's `parse`: tldts-core's URL and hostname handling with
// our own lookup (public-suffix.ts) over the list compiled at build time. Node and the tests
// import tldts itself; test/build/psl.test.ts checks that both answer alike for every rule.
import { PUBLIC_SUFFIX_LIST } from 'cookie-lens:public-suffix-list';
import { fastPathLookup, getEmptyResult, parseImpl } from 'tldts-core';
import type { IOptions, IPublicSuffix, IResult, ISuffixLookupOptions } from 'tldts-core';
import { lookupPublicSuffix, suffixList } from './public-suffix.ts';

const list = suffixList(PUBLIC_SUFFIX_LIST);

function suffixLookup(hostname: string, options: ISuffixLookupOptions, out: IPublicSuffix): boolean {
  // tldts-core's shortcut for .com, .org and the like (ICANN section only), as tldts takes it.
  if (fastPathLookup(hostname, options, out)) return false;
  return lookupPublicSuffix(list, hostname, options, out);
}

/** Every part of the URL's host, as tldts's parse gives it (tldts-core's FLAG.ALL is 5). */
export function parse(url: string, options?: Partial<IOptions>): IResult {
  return parseImpl(url, 5, suffixLookup, options, getEmptyResult());
}
