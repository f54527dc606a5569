// Reads the build's metafile to size each entry point with the chunks it loads at start-up.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

interface Metafile {
  outputs: Record<string, { bytes: number; imports: { path: string; kind: string }[]; entryPoint?: string; inputs: Record<string, unknown> }>;
}

export function metafile(): Metafile {
  return JSON.parse(readFileSync(path.join(root, 'dist/meta.json'), 'utf8')) as Metafile;
}

/** An output file and everything it imports statically (what loads before it can run). */
export function staticClosure(meta: Metafile, output: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of meta.outputs[file]?.imports ?? []) {
      // '/psl.js' (the Public Suffix List module) is external to this build and sized on its own.
      if (imported.kind === 'import-statement' && meta.outputs[imported.path] !== undefined) visit(imported.path);
    }
  };
  visit(output);
  return [...seen];
}

export function sizes(files: readonly string[]): { raw: number; gzip: number } {
  const content = Buffer.concat(files.map((file) => readFileSync(path.join(root, file))));
  return { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

/** The lazily loaded chunk whose entry is popup/site-view.ts (site view, decoders, name facts). */
export function siteViewChunk(meta: Metafile): string | undefined {
  return Object.keys(meta.outputs).find((file) => file.startsWith('dist/chrome/chunks/site-view-') && file.endsWith('.js'));
}
