// Where the build reads from and writes to, and how it was asked to run.
import path from 'node:path';

/** The repository root (this folder's parent). */
export const root = path.resolve(import.meta.dirname, '..');

/**
 * @typedef {object} BuildFlags
 * @property {boolean} watch rebuild the JavaScript on change after the first whole build
 * @property {boolean} zip also write store-ready zips with web-ext
 * @property {boolean} minify false with --watch and --no-minify (readable names for profiles)
 * @property {string} distRoot the output folder: dist/, or the folder given with --out
 */

/**
 * Reads the command line of `node build.mjs [--zip] [--watch] [--no-minify] [--out DIR]`.
 * @param {readonly string[]} argv the arguments after the script name
 * @returns {BuildFlags}
 */
export function parseFlags(argv) {
  const args = new Set(argv);
  const watch = args.has('--watch');
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  return {
    watch,
    zip: args.has('--zip'),
    minify: !watch && !args.has('--no-minify'),
    distRoot: out !== undefined ? path.resolve(out) : path.join(root, 'dist'),
  };
}
