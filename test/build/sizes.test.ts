// Size budgets (deterministic, so enforced here; times are measured by `npm run bench`).
// Raising a budget needs a note in docs/BENCHMARKS.md saying why.
//
// What the popup loads when it opens:
// - its start-up script: popup.js and the chunks it imports statically (Preact, the page shell,
//   the core rules and the browser adapter): budget 25 KB, as the issue set it;
// - the site-view chunk (the site view's components, every decoder and the Open Cookie Database
//   facts), whose load starts before the cookie read, so it parses while the browser works;
// - psl.js, the Public Suffix List (tldts), which the brief requires for registrable domains.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { siteViewChunk, metafile, root, sizes, staticClosure } from './bundle.ts';

const KB = 1024;
const meta = metafile();

describe('bundle sizes (gzip)', () => {
  test('popup start-up JS is at most 25 KB', () => {
    const startup = sizes(staticClosure(meta, 'dist/chrome/popup.js'));
    expect(startup.gzip).toBeGreaterThan(5 * KB);
    expect(startup.gzip).toBeLessThanOrEqual(25 * KB);
  });

  // Raised from 15 KB to 17 KB: see docs/BENCHMARKS.md ("Size budgets").
  test('background JS is at most 17 KB', () => {
    const background = sizes(staticClosure(meta, 'dist/chrome/background.js'));
    expect(background.gzip).toBeGreaterThan(2 * KB);
    expect(background.gzip).toBeLessThanOrEqual(17 * KB);
  });

  test('the popup site-view chunk is lazy and at most 45 KB', () => {
    const chunk = siteViewChunk(meta);
    expect(chunk).toBeDefined();
    if (chunk === undefined) return;
    expect(staticClosure(meta, 'dist/chrome/popup.js')).not.toContain(chunk);
    expect(sizes([chunk]).gzip).toBeLessThanOrEqual(45 * KB);
  });

  test('the Public Suffix List is one module (psl.js) of at most 52 KB, shared by popup and background', () => {
    expect(sizes(['dist/chrome/psl.js']).gzip).toBeLessThanOrEqual(52 * KB);
    const importsPsl = (entry: string) => staticClosure(meta, entry).some((file) => readFileSync(path.join(root, file), 'utf8').includes('"/psl.js"'));
    expect(importsPsl('dist/chrome/popup.js')).toBe(true);
    expect(importsPsl('dist/chrome/background.js')).toBe(true);
  });

  test('the IAB TCF and GPP libraries load only when such a cookie is decoded', () => {
    const eager = [...staticClosure(meta, 'dist/chrome/popup.js'), siteViewChunk(meta) ?? ''];
    const inputs = eager.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
    expect(inputs.some((input) => input.includes('src/decode/'))).toBe(true);
    expect(inputs.filter((input) => input.includes('@iabtechlabtcf') || input.includes('@iabgpp'))).toEqual([]);
  });

  test('popup CSS is at most 4 KB', () => {
    expect(sizes(['dist/chrome/popup.css']).gzip).toBeLessThanOrEqual(4 * KB);
  });

  test('each store zip is at most 400 KB', () => {
    const dir = path.join(root, 'dist/artifacts');
    const zips = readdirSync(dir).filter((f) => f.endsWith('.zip'));
    expect(zips.length).toBe(2);
    for (const zip of zips) expect(statSync(path.join(dir, zip)).size).toBeLessThanOrEqual(400 * KB);
  });
});
