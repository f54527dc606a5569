// The Public Suffix List (tldts) as one module of its own in the extension build: build.mjs maps
// every `import … from 'tldts'` in the extension to `/psl.js`, so the list is parsed once per page
// and its size is budgeted on its own (docs/BENCHMARKS.md). Node and the tests import tldts directly.
export { parse } from 'tldts';
