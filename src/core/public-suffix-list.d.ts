// The Public Suffix List compiled at build time (build/public-suffix-list.mjs), served to
// src/core/psl-entry.ts as a module of its own by build/plugins/public-suffix-list.mjs. It exists
// only in the extension build; Node and the tests compile the list themselves.
declare module 'cookie-lens:public-suffix-list' {
  /** The compiled form described in build/public-suffix-list.mjs. */
  export const PUBLIC_SUFFIX_LIST: string;
}
