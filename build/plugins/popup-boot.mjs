// The popup's first script, boot.js, is a module of its own with a <script> tag of its own: it
// starts the reads while popup.js and psl.js load, and popup.js imports the same module instance.
import path from 'node:path';
import { root } from '../paths.mjs';

export const POPUP_BOOT = path.join(root, 'popup/boot.ts');

/** @type {import('esbuild').Plugin} */
export const popupBootAsModule = {
  name: 'popup-boot-module',
  setup(b) {
    b.onResolve({ filter: /^\.\/boot\.ts$/ }, (args) => (path.join(args.resolveDir, args.path) === POPUP_BOOT ? { path: '/boot.js', external: true } : undefined));
  },
};
