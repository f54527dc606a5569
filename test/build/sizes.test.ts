// Size budgets (deterministic, so enforced here; times are measured by `npm run bench`).
// Raising a budget needs a note in docs/BENCHMARKS.md saying why.
import { describe, expect, test } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isPublicSuffixChunk, metafile, root, sizes, staticClosure } from './bundle.ts';

const KB = 1024;
const meta = metafile();

function entrySizes(entry: string) {
  const closure = staticClosure(meta, `dist/chrome/${entry}`);
  const own = closure.filter((file) => !isPublicSuffixChunk(meta, file));
  const psl = closure.filter((file) => isPublicSuffixChunk(meta, file));
  return { own: sizes(own), psl: psl.length === 0 ? { raw: 0, gzip: 0 } : sizes(psl), files: closure };
}

describe('bundle sizes (gzip)', () => {
  test('popup JS, without the Public Suffix List chunk, is at most 25 KB', () => {
    const { own } = entrySizes('popup.js');
    expect(own.gzip).toBeGreaterThan(0);
    expect(own.gzip).toBeLessThanOrEqual(25 * KB);
  });

  test('background JS, without the Public Suffix List chunk, is at most 15 KB', () => {
    const { own } = entrySizes('background.js');
    expect(own.gzip).toBeGreaterThan(0);
    expect(own.gzip).toBeLessThanOrEqual(15 * KB);
  });

  test('the Public Suffix List (tldts) is one shared chunk of at most 55 KB', () => {
    const popup = entrySizes('popup.js');
    const background = entrySizes('background.js');
    const popupPsl = popup.files.filter((f) => isPublicSuffixChunk(meta, f));
    const backgroundPsl = background.files.filter((f) => isPublicSuffixChunk(meta, f));
    expect(popupPsl).toHaveLength(1);
    expect(backgroundPsl).toEqual(popupPsl);
    expect(popup.psl.gzip).toBeLessThanOrEqual(55 * KB);
  });

  test('the IAB TCF and GPP libraries are not loaded at popup start', () => {
    const startup = staticClosure(meta, 'dist/chrome/popup.js');
    const inputs = startup.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
    expect(inputs.filter((input) => input.includes('@iabtechlabtcf') || input.includes('@iabgpp'))).toEqual([]);
  });

  test('popup CSS is at most 4 KB gzip', () => {
    expect(sizes(['dist/chrome/popup.css']).gzip).toBeLessThanOrEqual(4 * KB);
  });

  test('each store zip is at most 400 KB', () => {
    const dir = path.join(root, 'dist/artifacts');
    const zips = readdirSync(dir).filter((f) => f.endsWith('.zip'));
    expect(zips.length).toBe(2);
    for (const zip of zips) expect(statSync(path.join(dir, zip)).size).toBeLessThanOrEqual(400 * KB);
  });
});
