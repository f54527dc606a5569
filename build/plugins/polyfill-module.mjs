// webextension-polyfill is published only as a UMD file. Bundled as CommonJS, esbuild's interop
// (`__toESM`) copies every property of its export onto a new object, and that export is the
// browser's own `chrome` (behind the polyfill's proxy): asking for each property's descriptor
// builds every extension API binding the browser has (about twenty), 1.5 to 4 ms in each page and
// each service-worker start (measured: docs/BENCHMARKS.md). The polyfill's file runs unchanged
// inside a module of its own whose default export is what the file exports, so nothing is copied.
import { readFile } from 'node:fs/promises';

/** @type {import('esbuild').Plugin} */
export const polyfillAsModule = {
  name: 'polyfill-module',
  setup(b) {
    b.onLoad({ filter: /webextension-polyfill[\\/]dist[\\/]browser-polyfill(\.min)?\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // The UMD wrapper hands `module` to its factory when `exports` exists (the CommonJS branch).
      if (!source.includes('typeof exports !== "undefined"')) throw new Error(`polyfill-module: ${args.path} no longer has the UMD CommonJS branch this expects; update build/plugins/polyfill-module.mjs`);
      return {
        contents: `const module = { exports: {} };\nconst exports = module.exports;\n${source}\nexport default module.exports;\n`,
        loader: 'js',
      };
    });
  },
};
