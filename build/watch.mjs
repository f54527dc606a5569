// --watch: after a whole build (so that every file is there and checked: psl.js, cli.mjs, the
// manifests, the locales), esbuild watches the same builds and rebuilds the JavaScript on change.
import { context } from 'esbuild';
import path from 'node:path';
import { TARGETS, cliBuildOptions, targetBuilds } from './targets.mjs';

/** @param {import('./paths.mjs').BuildFlags} flags */
export async function watchAll({ distRoot, minify }) {
  for (const target of TARGETS) {
    for (const options of Object.values(targetBuilds(path.join(distRoot, target), minify))) await (await context(options)).watch();
  }
  await (await context(cliBuildOptions(distRoot, minify))).watch();
  console.log('watching: JavaScript rebuilds on change; rerun for manifest, locales and static files');
}
