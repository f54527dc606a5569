// Everything in a browser's folder that esbuild does not write: the manifest, the merged locales,
// icons, pages and stylesheets.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readManifest } from './manifest.mjs';
import { root } from './paths.mjs';

/** Pages and stylesheets, copied as they are (each page names its own scripts). */
const PAGES = ['popup/popup.html', 'popup/popup.css', 'options/options.html', 'options/options.css', 'sidepanel/sidepanel.html', 'sidepanel/sidepanel.css'];

/**
 * @param {import('./manifest.mjs').Target} target
 * @param {string} outdir
 * @param {Record<string, import('./locales.mjs').Messages>} locales
 */
export async function writeStatic(target, outdir, locales) {
  await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(await readManifest(target), null, 2));
  for (const [language, messages] of Object.entries(locales)) {
    await mkdir(path.join(outdir, '_locales', language), { recursive: true });
    await writeFile(path.join(outdir, '_locales', language, 'messages.json'), JSON.stringify(messages, null, 1));
  }
  await cp(path.join(root, 'icons'), path.join(outdir, 'icons'), { recursive: true });
  for (const file of PAGES) await cp(path.join(root, file), path.join(outdir, path.basename(file)));
  if (target === 'chrome') await cp(path.join(root, 'managed-schema.json'), path.join(outdir, 'managed-schema.json'));
}
