// Serves `cookie-lens:public-suffix-list` (imported by src/core/psl-entry.ts): the Public Suffix
// List compiled at build time by build/public-suffix-list.mjs, a module of our own rather than a
// rewrite of tldts's files.
import { compiledPublicSuffixList } from '../public-suffix-list.mjs';

const NAMESPACE = 'public-suffix-list';

/** @type {import('esbuild').Plugin} */
export const publicSuffixList = {
  name: 'public-suffix-list',
  setup(b) {
    b.onResolve({ filter: /^cookie-lens:public-suffix-list$/ }, (args) => ({ path: args.path, namespace: NAMESPACE }));
    b.onLoad({ filter: /.*/, namespace: NAMESPACE }, async () => ({
      contents: `export const PUBLIC_SUFFIX_LIST = ${JSON.stringify(await compiledPublicSuffixList())};`,
      loader: 'js',
    }));
  },
};
