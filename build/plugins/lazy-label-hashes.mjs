// tldts derives a hash for each of the list's ~10,500 labels when psl.js loads, one character at a
// time in code that is still cold: 3 to 6 ms in every popup opening (docs/BENCHMARKS.md, round 2).
// A lookup only ever needs the labels under the few nodes it walks, so the hashes of a node's
// labels are computed the first time a lookup reaches that node. The label offsets (a plain sum)
// stay eager. The build fails if tldts changes the code this replaces.
import { readFile } from 'node:fs/promises';

export const SUFFIX_LOOKUP = /tldts[\\/]dist[\\/]es6[\\/]src[\\/]suffix-trie\.js$/;
const EAGER_HASHES = `for (let node = 0, offset = 0; node < numberOfNodes; node += 1) {
    for (let edge = edgeStart[node]; edge < edgeStart[node + 1]; edge += 1) {
        edgeOffset[edge] = offset;
        const end = offset + edgeLength[edge];
        let hash = 5381;
        for (let i = end - 1; i >= offset; i -= 1) {
            hash = (hash * 33) ^ labelText.charCodeAt(i);
        }
        edgeHash[edge] = hash >>> 0;
        if (edgeLength[edge] === 1 &&
            labelText.charCodeAt(offset) === 42 /* '*' */) {
            wildcardEdge[node] = edge;
        }
        offset = end;
    }
}`;
const LAZY_HASHES = `for (let edge = 0, offset = 0; edge < numberOfEdges; edge += 1) {
    edgeOffset[edge] = offset;
    offset += edgeLength[edge];
}
const nodeHashed = new Uint8Array(numberOfNodes);
function hashNode(node) {
    nodeHashed[node] = 1;
    for (let edge = edgeStart[node]; edge < edgeStart[node + 1]; edge += 1) {
        const offset = edgeOffset[edge];
        const end = offset + edgeLength[edge];
        let hash = 5381;
        for (let i = end - 1; i >= offset; i -= 1) {
            hash = (hash * 33) ^ labelText.charCodeAt(i);
        }
        edgeHash[edge] = hash >>> 0;
        if (edgeLength[edge] === 1 &&
            labelText.charCodeAt(offset) === 42 /* '*' */) {
            wildcardEdge[node] = edge;
        }
    }
}`;
const FIND_EDGE = 'function findEdge(node, hash, hostname, start, length) {\n';

/** @type {import('esbuild').Plugin} */
export const lazyLabelHashes = {
  name: 'lazy-label-hashes',
  setup(b) {
    b.onLoad({ filter: SUFFIX_LOOKUP }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      /** @param {string} text */
      const uses = (text) => source.split(text).length - 1;
      // findEdge is the only reader of edgeHash and runs before every read of wildcardEdge.
      if (uses(EAGER_HASHES) !== 1 || uses(FIND_EDGE) !== 1 || uses('edgeHash[') !== 4 || uses('wildcardEdge[') !== 3) {
        throw new Error(`lazy-label-hashes: ${args.path} is not the code this plugin expects; update build/plugins/lazy-label-hashes.mjs for this tldts version`);
      }
      return {
        contents: source.replace(EAGER_HASHES, LAZY_HASHES).replace(FIND_EDGE, `${FIND_EDGE}    if (nodeHashed[node] === 0) hashNode(node);\n`),
        loader: 'js',
      };
    });
  },
};
