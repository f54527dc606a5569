// Checks over a browser's built folder that fail the build.
import path from 'node:path';
import { SUFFIX_TRIE } from './plugins/compact-suffix-trie.mjs';
import { SUFFIX_LOOKUP } from './plugins/lazy-label-hashes.mjs';
import { root } from './paths.mjs';

/**
 * popup.js must import nothing but boot.js and psl.js, and boot.js nothing (see popupBuildOptions
 * in targets.mjs).
 * @param {string} outdir
 * @param {import('esbuild').Metafile} metafile
 */
export function checkPopupModules(outdir, metafile) {
  const prefix = path.relative(root, outdir).split(path.sep).join('/');
  /** @type {[string, string[]][]} */
  const allowedImports = [['popup.js', ['/boot.js', '/psl.js']], ['boot.js', []]];
  for (const [file, allowed] of allowedImports) {
    const imports = metafile.outputs[`${prefix}/${file}`]?.imports ?? [];
    const unexpected = imports.filter((imported) => imported.kind === 'import-statement' && !allowed.includes(imported.path));
    if (unexpected.length > 0) throw new Error(`${file} imports ${unexpected.map((i) => i.path).join(', ')}; see popupBuildOptions in build/targets.mjs`);
  }
}

/**
 * The plugins that rewrite tldts match files by path: a tldts that moved them would be bundled
 * unchanged without this check.
 * @param {import('esbuild').Metafile} pslMetafile
 */
export function checkPublicSuffixInputs(pslMetafile) {
  const inputs = Object.keys(pslMetafile.inputs);
  if (!inputs.some((input) => SUFFIX_TRIE.test(input))) throw new Error('compact-suffix-trie: tldts no longer has its trie in dist/es6/src/data/trie.js; update build/plugins/compact-suffix-trie.mjs');
  if (!inputs.some((input) => SUFFIX_LOOKUP.test(input))) throw new Error('lazy-label-hashes: tldts no longer has its lookup in dist/es6/src/suffix-trie.js; update build/plugins/lazy-label-hashes.mjs');
}
