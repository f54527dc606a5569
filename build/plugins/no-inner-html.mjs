// Cookie Lens never renders markup from data, so Preact's dangerouslySetInnerHTML path is cut
// out of the bundle: no code path can assign innerHTML at all (and web-ext lint stays clean).
// The build fails if a Preact upgrade changes the code this expects.
//
// Why this stays a rewrite of Preact's file: the assignment sits inside Preact's diff (a local
// `dom.innerHTML = newHtml.__html`), which no esbuild option reaches (`define` replaces only free
// names) and no Preact option turns off; an alias would mean shipping our own copy of Preact's
// diff. Without it, `web-ext lint` reports UNSAFE_VAR_ASSIGNMENT in popup.js and a shared chunk
// (measured at the architecture step), and the release gate allows no warning.
import { readFile } from 'node:fs/promises';

const PREACT_INNER_HTML = 't.innerHTML=h.__html';

/** @type {import('esbuild').Plugin} */
export const noInnerHtml = {
  name: 'no-inner-html',
  setup(b) {
    b.onLoad({ filter: /preact[\\/]dist[\\/]preact\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(PREACT_INNER_HTML)) throw new Error(`no-inner-html: "${PREACT_INNER_HTML}" not found in ${args.path}; update build/plugins/no-inner-html.mjs for this Preact version`);
      return { contents: source.replace(PREACT_INNER_HTML, 't.textContent=""'), loader: 'js' };
    });
  },
};
