// psl.js is built from tldts with its trie re-encoded (build.mjs, compact-suffix-trie): it must
// answer exactly as tldts itself does. Node 20 decodes the trie with atob; browsers with
// Uint8Array.fromBase64 take that path (the e2e tests run the popup and the background on it).
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'tldts';
import { root } from './bundle.ts';

function isParse(value: unknown): value is typeof parse {
  return typeof value === 'function';
}

const HOSTS = [
  'https://www.hubdemo.test/', 'https://a.b.example.co.uk/x', 'https://foo.github.io/', 'http://localhost:3000/',
  'https://bucket.s3.amazonaws.com/', 'https://www.bbc.co.uk/', 'https://xn--bcher-kva.example/', 'https://shop.example.com.au/',
  'https://city.kawasaki.jp/', 'https://www.city.kawasaki.jp/', 'https://x.blogspot.com/', 'https://127.0.0.1/', 'https://[::1]/',
];

describe('dist/chrome/psl.js', () => {
  test.each(HOSTS)('parses %s as tldts does, with and without private domains', async (url) => {
    const built: unknown = await import(pathToFileURL(path.join(root, 'dist/chrome/psl.js')).href);
    const builtParse: unknown = typeof built === 'object' && built !== null ? Reflect.get(built, 'parse') : undefined;
    if (!isParse(builtParse)) throw new Error('psl.js exports no parse function');
    expect(builtParse(url)).toEqual(parse(url));
    expect(builtParse(url, { allowPrivateDomains: true })).toEqual(parse(url, { allowPrivateDomains: true }));
  });
});
