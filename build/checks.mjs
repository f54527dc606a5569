// Checks over a browser's built folder that fail the build.
import path from 'node:path';
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
