// tldts ships the Public Suffix List as typed arrays written out as number literals (~50 KB of
// them); compiling those literals is most of what loading psl.js costs, in every popup (about
// 20 ms on the benchmark machine, docs/BENCHMARKS.md). The same bytes as base64 strings decode in
// a fraction of that. Byte order is the build machine's, little-endian like every browser
// platform. The build fails if tldts changes shape (see checkPublicSuffixInputs).
import { pathToFileURL } from 'node:url';

export const SUFFIX_TRIE = /tldts[\\/]dist[\\/]es6[\\/]src[\\/]data[\\/]trie\.js$/;

/** @type {import('esbuild').Plugin} */
export const compactSuffixTrie = {
  name: 'compact-suffix-trie',
  setup(b) {
    b.onLoad({ filter: SUFFIX_TRIE }, async (args) => {
      /** @type {Record<string, unknown>} */
      const data = await import(pathToFileURL(args.path).href);
      // Uint8Array.fromBase64 where the browser has it (Chromium 140, Firefox 133), else atob.
      const lines = ['const b=(s)=>{if(typeof Uint8Array.fromBase64==="function")return Uint8Array.fromBase64(s).buffer;const t=atob(s),u=new Uint8Array(t.length);for(let i=0;i<t.length;i++)u[i]=t.charCodeAt(i);return u.buffer};'];
      for (const [name, value] of Object.entries(data)) {
        if (value instanceof Uint8Array || value instanceof Uint16Array || value instanceof Uint32Array) {
          const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
          lines.push(`export const ${name}=new ${value.constructor.name}(b(${JSON.stringify(bytes)}));`);
        } else if (typeof value === 'string' || typeof value === 'number') {
          lines.push(`export const ${name}=${JSON.stringify(value)};`);
        } else {
          throw new Error(`compact-suffix-trie: unexpected export ${name} in ${args.path}; update build/plugins/compact-suffix-trie.mjs for this tldts version`);
        }
      }
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};
