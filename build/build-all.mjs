// One whole build: both browsers' folders, the command-line decoder, the metafile the size checks
// read, and (with --zip) the store archives.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkPopupModules } from './checks.mjs';
import { mergeLocales } from './locales.mjs';
import { root } from './paths.mjs';
import { writeStatic } from './static.mjs';
import { TARGETS, cliBuildOptions, targetBuilds } from './targets.mjs';

/** @param {import('./paths.mjs').BuildFlags} flags */
export async function buildAll({ distRoot, minify, zip }) {
  const started = performance.now();
  const locales = await mergeLocales();
  await rm(distRoot, { recursive: true, force: true });
  /** @type {Partial<Record<import('./manifest.mjs').Target, import('esbuild').Metafile>>} */
  const metafiles = {};
  for (const target of TARGETS) {
    const outdir = path.join(distRoot, target);
    await mkdir(outdir, { recursive: true });
    const builds = targetBuilds(outdir, minify);
    const results = await Promise.all(Object.values(builds).map((options) => build(options)));
    const metafile = {
      inputs: Object.assign({}, ...results.map((r) => r.metafile.inputs)),
      outputs: Object.assign({}, ...results.map((r) => r.metafile.outputs)),
    };
    metafiles[target] = metafile;
    checkPopupModules(outdir, metafile);
    await writeStatic(target, outdir, locales);
  }
  await build(cliBuildOptions(distRoot, minify));
  await writeFile(path.join(distRoot, 'meta.json'), JSON.stringify(metafiles.chrome));
  if (zip) {
    for (const target of TARGETS) {
      execFileSync(path.join(root, 'node_modules/.bin/web-ext'), [
        'build', '--source-dir', path.join(distRoot, target), '--artifacts-dir', path.join(distRoot, 'artifacts'),
        '--filename', `cookie-lens-${target}-{version}.zip`, '--overwrite-dest',
      ], { cwd: root, stdio: 'inherit' });
    }
  }
  console.log(`built ${path.relative(root, distRoot) || '.'}/chrome, firefox and cli.mjs in ${Math.round(performance.now() - started)} ms`);
}
