// Sizes of the built extension, raw and gzip (level 9), measured the way test/build/sizes.test.ts
// measures them (the same helpers), with the budgets that test enforces beside them.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PSL, metafile, ownCode, root, sizes, staticClosure } from '../harness/bundle.ts';

const KB = 1024;

export interface SizeRow {
  readonly id: string;
  readonly label: string;
  readonly files: readonly string[];
  readonly raw: number;
  /** Gzip level 9; for a store zip, the zip's own size (and `raw` is the unpacked folder). */
  readonly gzip: number;
  /** Bytes allowed (gzip; zip size for zips), as test/build/sizes.test.ts enforces; null when none. */
  readonly budget: number | null;
}

function row(id: string, label: string, files: readonly string[], budget: number | null): SizeRow {
  const measured = sizes(files);
  return { id, label, files, raw: measured.raw, gzip: measured.gzip, budget };
}

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}

export function measureSizes(): SizeRow[] {
  const meta = metafile();
  const manifest: unknown = JSON.parse(readFileSync(path.join(root, 'dist/chrome/manifest.json'), 'utf8'));
  const contentScripts = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'content_scripts') : undefined;
  const contentFiles = Array.isArray(contentScripts)
    ? contentScripts.flatMap((entry: unknown) => {
      const js: unknown = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'js') : undefined;
      return Array.isArray(js) ? js.filter((file): file is string => typeof file === 'string').map((file) => `dist/chrome/${file}`) : [];
    })
    : [];
  // Budgets as in test/build/sizes.test.ts (which fails the build when one is exceeded).
  const rows = [
    row('popup', 'popup JS (boot.js + popup.js: views, decoders, name facts)', ownCode(staticClosure(meta, 'dist/chrome/popup.js')), 64 * KB),
    row('popupBoot', 'popup first script (boot.js, part of the above)', ['dist/chrome/boot.js'], 3 * KB),
    row('psl', 'Public Suffix List module (psl.js)', [PSL], 52 * KB),
    row('popupCss', 'popup CSS', ['dist/chrome/popup.css'], 4 * KB),
    row('background', 'background JS (background.js + static chunks)', ownCode(staticClosure(meta, 'dist/chrome/background.js')), 17 * KB),
    row('options', 'options page JS (options.js + static chunks)', ownCode(staticClosure(meta, 'dist/chrome/options.js')), null),
    row('iabLibraries', 'IAB TCF and GPP libraries (lazy/, loaded when such a cookie is decoded)', ['dist/chrome/lazy/iab-tcf.js', 'dist/chrome/lazy/iab-gpp.js'], null),
    row('contentScripts', contentFiles.length === 0 ? 'content scripts (none)' : 'content scripts', contentFiles, null),
  ];
  const artifacts = path.join(root, 'dist/artifacts');
  const zips = existsSync(artifacts) ? readdirSync(artifacts).filter((file) => file.endsWith('.zip')).sort() : [];
  if (zips.length === 0) throw new Error('no zips in dist/artifacts: build with --zip first');
  for (const zip of zips) {
    const bytes = statSync(path.join(artifacts, zip)).size;
    const target = zip.includes('firefox') ? 'firefox' : 'chrome';
    rows.push({ id: `zip-${target}`, label: `store zip, ${target} (${zip})`, files: [`dist/artifacts/${zip}`], raw: folderBytes(path.join(root, 'dist', target)), gzip: bytes, budget: 400 * KB });
  }
  return rows;
}
