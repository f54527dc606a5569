// --watch: after a whole build (so that every file is there and checked: psl.js, cli.mjs, the
// manifests, the locales), esbuild watches the same builds and rebuilds the JavaScript on change.
// Stopped (Ctrl-C, or SIGTERM), it first lets esbuild finish what it is writing: a watch's first
// rebuild runs in esbuild's own process, which could otherwise still be writing into the output
// folder after this process had gone (the watch test's folder removal failed that way).
import { context } from 'esbuild';
import path from 'node:path';
import { TARGETS, cliBuildOptions, targetBuilds } from './targets.mjs';

/** @param {import('./paths.mjs').BuildFlags} flags */
export async function watchAll({ distRoot, minify }) {
  /** @type {import('esbuild').BuildContext[]} */
  const contexts = [];
  for (const target of TARGETS) {
    for (const options of Object.values(targetBuilds(path.join(distRoot, target), minify))) contexts.push(await context(options));
  }
  contexts.push(await context(cliBuildOptions(distRoot, minify)));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // dispose() waits for a build in progress, then stops esbuild's process for that context.
    void Promise.all(contexts.map((watched) => watched.dispose())).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  for (const watched of contexts) await watched.watch();
  console.log('watching: JavaScript rebuilds on change; rerun for manifest, locales and static files');
}
