// The WebExtension polyfill is bundled as a module of its own (build/plugins/polyfill-module.mjs):
// no page or worker copies its export's properties, which would build every extension API binding
// the browser has at each start (docs/BENCHMARKS.md). The end-to-end tests show the polyfill
// still works in both browsers. esbuild's interop helper is the only code in the bundles that
// asks for property descriptors (Cookie Lens's own code never does), so its trace is that call.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../harness/bundle.ts';

function scripts(target: 'chrome' | 'firefox'): string[] {
  const dir = path.join(root, 'dist', target);
  return readdirSync(dir, { recursive: true }).map(String).filter((file) => file.endsWith('.js')).map((file) => path.join(dir, file));
}

describe('the polyfill as a module', () => {
  for (const target of ['chrome', 'firefox'] as const) {
    test(`${target}: every script that carries the polyfill carries no CommonJS interop that copies its export`, () => {
      const withPolyfill = scripts(target).filter((file) => readFileSync(file, 'utf8').includes('api-metadata.json has not been included in browser-polyfill'));
      // The popup's own module, and the worker's, options' and side panel's shared chunk.
      expect(withPolyfill.length).toBeGreaterThanOrEqual(2);
      for (const file of scripts(target)) {
        const source = readFileSync(file, 'utf8');
        expect({ file: path.relative(root, file), copiesProperties: /Object\.getOwnPropertyDescriptor\b|__copyProps/.test(source) }).toEqual({ file: path.relative(root, file), copiesProperties: false });
      }
    });
  }
});
