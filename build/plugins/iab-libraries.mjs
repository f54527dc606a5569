// The IAB's TCF and GPP libraries are large and needed only when such a cookie is decoded: each is
// built as a module of its own (lazy/iab-*.js) and loaded by a dynamic import from the extension.

/** Output name under lazy/ -> the package it is built from. */
export const IAB_LIBRARIES = { 'iab-tcf': '@iabtechlabtcf/core', 'iab-gpp': '@iabgpp/cmpapi' };

/** @type {import('esbuild').Plugin} */
export const iabLibrariesAsModules = {
  name: 'iab-libraries-as-modules',
  setup(b) {
    for (const [name, pkg] of Object.entries(IAB_LIBRARIES)) {
      b.onResolve({ filter: new RegExp(`^${pkg.replace(/[/.]/g, (c) => `\\${c}`)}$`) }, () => ({ path: `/lazy/${name}.js`, external: true }));
    }
  },
};
