// psl.js is tldts-core's parsing with our own lookup (src/core/public-suffix.ts) over the Public
// Suffix List compiled at build time (build/public-suffix-list.mjs): it must answer exactly as
// tldts does. The rules are read here from tldts's own trie, by a walk of this file's own.
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'tldts';
import { root } from '../../harness/bundle.ts';

function isParse(value: unknown): value is typeof parse {
  return typeof value === 'function';
}

const HOSTS = [
  'https://www.hubdemo.test/', 'https://a.b.example.co.uk/x', 'https://foo.github.io/', 'http://localhost:3000/',
  'https://bucket.s3.amazonaws.com/', 'https://www.bbc.co.uk/', 'https://xn--bcher-kva.example/', 'https://shop.example.com.au/',
  'https://city.kawasaki.jp/', 'https://www.city.kawasaki.jp/', 'https://x.blogspot.com/', 'https://127.0.0.1/', 'https://[::1]/',
];

async function builtParser(): Promise<typeof parse> {
  const built: unknown = await import(pathToFileURL(path.join(root, 'dist/chrome/psl.js')).href);
  const builtParse: unknown = typeof built === 'object' && built !== null ? Reflect.get(built, 'parse') : undefined;
  if (!isParse(builtParse)) throw new Error('psl.js exports no parse function');
  return builtParse;
}

interface TrieData {
  readonly edgeChild: ArrayLike<number>;
  readonly edgeLength: ArrayLike<number>;
  readonly edgeStart: ArrayLike<number>;
  readonly nodeFlags: ArrayLike<number>;
  readonly labelText: string;
  readonly rulesRoot: number;
  readonly exceptionsRoot: number;
}

/** tldts's own trie data (the build compiles the list from it), checked for the fields the walk reads. */
async function trieData(): Promise<TrieData> {
  const data: unknown = await import(pathToFileURL(path.join(root, 'node_modules/tldts/dist/es6/src/data/trie.js')).href);
  const field = (name: string): unknown => (typeof data === 'object' && data !== null ? Reflect.get(data, name) : undefined);
  const arrays = ['edgeChild', 'edgeLength', 'edgeStart', 'nodeFlags'].map(field);
  const [edgeChild, edgeLength, edgeStart, nodeFlags] = arrays;
  const labelText = field('labelText');
  const rulesRoot = field('rulesRoot');
  const exceptionsRoot = field('exceptionsRoot');
  const isArray = (value: unknown): value is ArrayLike<number> => ArrayBuffer.isView(value) && 'length' in value;
  if (!isArray(edgeChild) || !isArray(edgeLength) || !isArray(edgeStart) || !isArray(nodeFlags) || typeof labelText !== 'string'
    || typeof rulesRoot !== 'number' || typeof exceptionsRoot !== 'number') throw new Error('tldts changed the shape of its trie data');
  return { edgeChild, edgeLength, edgeStart, nodeFlags, labelText, rulesRoot, exceptionsRoot };
}

/**
 * Every rule of the list as tldts stores it, and every name on the way to one that is not a rule
 * itself (kawasaki.jp on the way to *.kawasaki.jp): a walk of its trie from both roots, `*` written
 * as a label.
 */
function everyName({ edgeChild, edgeLength, edgeStart, labelText, rulesRoot, exceptionsRoot }: TrieData): string[] {
  const offsets: number[] = [];
  for (let edge = 0, offset = 0; edge < edgeLength.length; edge += 1) {
    offsets.push(offset);
    offset += edgeLength[edge] ?? 0;
  }
  const names: string[] = [];
  const visit = (node: number, suffix: string): void => {
    for (let edge = edgeStart[node] ?? 0; edge < (edgeStart[node + 1] ?? 0); edge += 1) {
      const label = labelText.slice(offsets[edge], (offsets[edge] ?? 0) + (edgeLength[edge] ?? 0));
      const name = suffix === '' ? label : `${label}.${suffix}`;
      const child = edgeChild[edge] ?? 0;
      names.push(name.replace(/\*/g, 'wild'));
      visit(child, name);
    }
  };
  visit(rulesRoot, '');
  visit(exceptionsRoot, '');
  return names;
}

describe('dist/chrome/psl.js', () => {
  test('answers as tldts for a host under every rule of the list (and every name on the way to one), and for the name itself', async () => {
    const builtParse = await builtParser();
    const names = everyName(await trieData());
    expect(names.length).toBeGreaterThan(9000);
    for (const name of names) {
      for (const host of [name, `shop.${name}`, `a.b.${name}`]) {
        const url = `https://${host}/`;
        expect(builtParse(url), host).toEqual(parse(url));
        expect(builtParse(url, { allowPrivateDomains: true }), host).toEqual(parse(url, { allowPrivateDomains: true }));
      }
    }
  });

  test.each(HOSTS)('parses %s as tldts does, with and without private domains', async (url) => {
    const builtParse = await builtParser();
    expect(builtParse(url)).toEqual(parse(url));
    expect(builtParse(url, { allowPrivateDomains: true })).toEqual(parse(url, { allowPrivateDomains: true }));
  });
});
