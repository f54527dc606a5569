// Size budgets (deterministic, so enforced here; times are measured by `npm run bench`).
// Raising a budget needs a note in docs/BENCHMARKS.md saying why.
//
// What the popup loads when it opens, all of it before the first render:
// - boot.js, its first script (starts the reads), and popup.js (Preact, the views, every decoder
//   and the Open Cookie Database facts): budget 64 KB, raised from the 25 KB, see
//   docs/BENCHMARKS.md ("Size budgets"): split into a small start-up part and a lazy chunk, the
//   popup rendered later, since each file costs a request and module linking before the render;
// - psl.js, the Public Suffix List (tldts), which the brief requires for registrable domains.
// The IAB TCF and GPP libraries (lazy/) load only when such a cookie is decoded.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PSL, metafile, ownCode, root, sizes, staticClosure } from '../../harness/bundle.ts';

const KB = 1024;
const meta = metafile();

describe('bundle sizes (gzip)', () => {
  // Raised from 25 KB to 64 KB: see docs/BENCHMARKS.md ("Size budgets").
  // Raised from 64 KB to 71 KB, then 76 KB, 77 KB and 78 KB: see docs/BENCHMARKS.md ("Size budgets").
  test('popup JS (boot.js and popup.js) is at most 78 KB', () => {
    const popup = ownCode(staticClosure(meta, 'dist/chrome/popup.js'));
    expect(popup.sort()).toEqual(['dist/chrome/boot.js', 'dist/chrome/popup.js']);
    expect(sizes(popup).gzip).toBeGreaterThan(20 * KB);
    expect(sizes(popup).gzip).toBeLessThanOrEqual(78 * KB);
  });

  test('the popup\'s first script (boot.js) imports nothing and is at most 3 KB', () => {
    expect(staticClosure(meta, 'dist/chrome/boot.js')).toEqual(['dist/chrome/boot.js']);
    expect(sizes(['dist/chrome/boot.js']).gzip).toBeLessThanOrEqual(3 * KB);
  });

  // Raised from 15 KB to 17 KB, to 18 KB, then to 24 KB, 28 KB, 32 KB, 34 KB and 35 KB: see docs/BENCHMARKS.md ("Size budgets").
  test('background JS is at most 35 KB', () => {
    const background = sizes(ownCode(staticClosure(meta, 'dist/chrome/background.js')));
    expect(background.gzip).toBeGreaterThan(2 * KB);
    expect(background.gzip).toBeLessThanOrEqual(35 * KB);
  });

  test('the Public Suffix List is one module (psl.js) of at most 52 KB, shared by popup and background', () => {
    expect(sizes([PSL]).gzip).toBeLessThanOrEqual(52 * KB);
    expect(staticClosure(meta, 'dist/chrome/popup.js')).toContain(PSL);
    expect(staticClosure(meta, 'dist/chrome/background.js')).toContain(PSL);
  });

  test('the IAB TCF and GPP libraries are modules of their own, loaded only when such a cookie is decoded', () => {
    const eager = ['popup.js', 'boot.js', 'background.js', 'options.js'].flatMap((entry) => staticClosure(meta, `dist/chrome/${entry}`));
    const inputs = (files: readonly string[]) => files.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
    expect(inputs(eager).some((input) => input.includes('src/decode/'))).toBe(true);
    expect(inputs(eager).filter((input) => input.includes('@iabtechlabtcf') || input.includes('@iabgpp'))).toEqual([]);
    expect(inputs(['dist/chrome/lazy/iab-tcf.js']).some((input) => input.includes('@iabtechlabtcf'))).toBe(true);
    expect(inputs(['dist/chrome/lazy/iab-gpp.js']).some((input) => input.includes('@iabgpp'))).toBe(true);
    const popupSource = readFileSync(path.join(root, 'dist/chrome/popup.js'), 'utf8');
    expect(popupSource).toContain('import("/lazy/iab-tcf.js")');
    expect(popupSource).toContain('import("/lazy/iab-gpp.js")');
  });

  // The side panel opens once and stays; it shares chunks with the options page and the worker.
  // Its budget is the popup's, plus room for the activity log; raised from 82 KB to 85 KB with the
  // popup's (last-written order, variant warning); see docs/BENCHMARKS.md.
  test('side panel JS (sidepanel.js and its chunks, the Public Suffix List aside) is at most 85 KB', () => {
    const panel = ownCode(staticClosure(meta, 'dist/chrome/sidepanel.js'));
    expect(panel).toContain('dist/chrome/sidepanel.js');
    expect(sizes(panel).gzip).toBeGreaterThan(20 * KB);
    expect(sizes(panel).gzip).toBeLessThanOrEqual(85 * KB);
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
