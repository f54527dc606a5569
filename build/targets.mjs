// The browsers built and the esbuild builds of each one's folder: the one list that a build and
// --watch both use, so a watch build from an empty folder has every file a whole build has.
import path from 'node:path';
import { IAB_LIBRARIES, iabLibrariesAsModules } from './plugins/iab-libraries.mjs';
import { noInnerHtml } from './plugins/no-inner-html.mjs';
import { polyfillAsModule } from './plugins/polyfill-module.mjs';
import { POPUP_BOOT, popupBootAsModule } from './plugins/popup-boot.mjs';
import { publicSuffixList } from './plugins/public-suffix-list.mjs';
import { publicSuffixAsModule } from './plugins/public-suffix-module.mjs';
import { root } from './paths.mjs';

/** @type {readonly import('./manifest.mjs').Target[]} */
export const TARGETS = ['chrome', 'firefox'];

/** @typedef {import('esbuild').BuildOptions & { metafile: true }} MetafileBuild */

/**
 * What every build shares.
 * @param {boolean} minify
 * @returns {import('esbuild').BuildOptions}
 */
function commonOptions(minify) {
  return {
    bundle: true,
    minify,
    sourcemap: false,
    target: ['chrome120', 'firefox140'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/**
 * Besides boot.js, the popup is one module (plus psl.js): each further file costs the popup a
 * request and a module to link before it can run, measured at several milliseconds each
 * (docs/BENCHMARKS.md, "Findings"). So it is built on its own, without code splitting, and shares
 * no chunk with the other pages.
 * @param {string} outdir
 * @param {boolean} minify
 * @returns {MetafileBuild}
 */
function popupBuildOptions(outdir, minify) {
  return {
    ...commonOptions(minify),
    plugins: [popupBootAsModule, publicSuffixAsModule, iabLibrariesAsModules, noInnerHtml, polyfillAsModule],
    entryPoints: { popup: path.join(root, 'popup/main.tsx'), boot: POPUP_BOOT },
    outdir,
    format: 'esm',
    splitting: false,
    metafile: true,
  };
}

/**
 * The worker, the options page and the side panel share their common code as chunks.
 * @param {string} outdir
 * @param {boolean} minify
 * @returns {MetafileBuild}
 */
function extensionBuildOptions(outdir, minify) {
  return {
    ...commonOptions(minify),
    plugins: [publicSuffixAsModule, iabLibrariesAsModules, noInnerHtml, polyfillAsModule],
    entryPoints: {
      background: path.join(root, 'src/background/index.ts'),
      options: path.join(root, 'options/main.tsx'),
      sidepanel: path.join(root, 'sidepanel/main.tsx'),
    },
    outdir,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
  };
}

/**
 * The IAB libraries, each a module of its own under lazy/ (see plugins/iab-libraries.mjs).
 * @param {string} outdir
 * @param {boolean} minify
 * @returns {MetafileBuild}
 */
function lazyLibraryBuildOptions(outdir, minify) {
  return {
    ...commonOptions(minify),
    entryPoints: Object.fromEntries(Object.entries(IAB_LIBRARIES).map(([name, pkg]) => [`lazy/${name}`, pkg])),
    outdir,
    format: 'esm',
    metafile: true,
  };
}

/**
 * psl.js, the Public Suffix List: tldts-core's parsing with our lookup over the list compiled at
 * build time (see plugins/public-suffix-module.mjs and plugins/public-suffix-list.mjs).
 * @param {string} outdir
 * @param {boolean} minify
 * @returns {MetafileBuild}
 */
function publicSuffixBuildOptions(outdir, minify) {
  return { ...commonOptions(minify), plugins: [publicSuffixList], entryPoints: { psl: path.join(root, 'src/core/psl-entry.ts') }, outdir, format: 'esm', metafile: true };
}

/**
 * The scripts registered in the pages of ruled sites (src/core/page-scripts.ts) run as classic
 * scripts in the page's own world: each one file, no imports, no module syntax.
 * @param {string} outdir
 * @param {boolean} minify
 * @returns {MetafileBuild}
 */
function pageScriptBuildOptions(outdir, minify) {
  return {
    ...commonOptions(minify),
    entryPoints: { 'page-gpc': path.join(root, 'src/in-page/gpc.ts'), 'page-strip-identity': path.join(root, 'src/in-page/strip-identity.ts') },
    outdir,
    format: 'iife',
    metafile: true,
  };
}

/**
 * Every esbuild build of one browser's folder, by name.
 * @param {string} outdir
 * @param {boolean} minify
 * @returns {Record<'page' | 'popup' | 'extension' | 'lazy' | 'psl', MetafileBuild>}
 */
export function targetBuilds(outdir, minify) {
  return {
    page: pageScriptBuildOptions(outdir, minify),
    popup: popupBuildOptions(outdir, minify),
    extension: extensionBuildOptions(outdir, minify),
    lazy: lazyLibraryBuildOptions(outdir, minify),
    psl: publicSuffixBuildOptions(outdir, minify),
  };
}

/**
 * The command-line decoder, dist/cli.mjs (Node; it imports tldts itself, not psl.js).
 * @param {string} distRoot
 * @param {boolean} minify
 * @returns {import('esbuild').BuildOptions}
 */
export function cliBuildOptions(distRoot, minify) {
  return {
    ...commonOptions(minify),
    entryPoints: [path.join(root, 'src/cli/bin.ts')],
    outfile: path.join(distRoot, 'cli.mjs'),
    platform: 'node',
    format: 'esm',
    banner: { js: '#!/usr/bin/env node' },
  };
}
