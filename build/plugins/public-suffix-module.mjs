// The extension's pages and worker import the Public Suffix List from one module of its own,
// /psl.js (built from src/core/psl-entry.ts): parsed once per page and sized on its own.

/** @type {import('esbuild').Plugin} */
export const publicSuffixAsModule = {
  name: 'public-suffix-module',
  setup(b) {
    b.onResolve({ filter: /^tldts$/ }, () => ({ path: '/psl.js', external: true }));
  },
};
