// Reads the build's metafile to size each entry point with the chunks it loads at start-up.
// Shared by the build checks (test/build) and the benchmark (bench/sizes.ts).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

interface Metafile {
  outputs: Record<string, { bytes: number; imports: { path: string; kind: string }[]; entryPoint?: string; inputs: Record<string, unknown> }>;
}

export function metafile(): Metafile {
  return JSON.parse(readFileSync(path.join(root, 'dist/meta.json'), 'utf8')) as Metafile;
}

/** An output file and everything it imports statically (what loads before it can run), psl.js included. */
export function staticClosure(meta: Metafile, output: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of meta.outputs[file]?.imports ?? []) {
      // Modules imported by absolute path ('/psl.js', '/boot.js') are entry points of their own.
      const target = imported.path.startsWith('/') ? `${output.slice(0, output.indexOf('/', 'dist/'.length))}${imported.path}` : imported.path;
      if (imported.kind === 'import-statement' && meta.outputs[target] !== undefined) visit(target);
    }
  };
  visit(output);
  return [...seen];
}

export function sizes(files: readonly string[]): { raw: number; gzip: number } {
  const content = Buffer.concat(files.map((file) => readFileSync(path.join(root, file))));
  return { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

/** The Public Suffix List module of a build: sized and budgeted on its own. */
export const PSL = 'dist/chrome/psl.js';

/** A static closure without the Public Suffix List. */
export function ownCode(files: readonly string[]): string[] {
  return files.filter((file) => file !== PSL);
}
