// `npm run bench`: builds the extension (with the store zips), bundles the benchmark (bench/*.ts)
// into tmp/bench/, runs it, prints the table and writes bench/results.json. Method, targets and
// the latest numbers: docs/BENCHMARKS.md.
//
//   node bench/run.mjs [--no-build] [--runs N] [--only popup,background,panel,decode,worker,sizes] [--sites busy-180]
//                      [--profile] [--no-write] [--versus DIR]
//
// Exits non-zero only when something could not be measured; times are reported, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (!args.includes('--no-build')) {
  console.log('bench: building the extension (node build.mjs --zip)');
  const result = spawnSync(process.execPath, ['build.mjs', '--zip'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error('bench: the build failed, nothing was measured');
    process.exit(2);
  }
}

// The benchmark imports the e2e harness and the pure modules as they are (TypeScript). Bundled
// into one file for Node; `import.meta.url` keeps pointing at each source file, because the
// harness and the demo site find their folders from it.
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mjs)$/ }, (loaded) => {
      if (loaded.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(loaded.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const url = pathToFileURL(loaded.path).href;
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(url))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(loaded.path)));
      return { contents, loader: loaded.path.endsWith('.mjs') ? 'js' : loaded.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

const outdir = path.join(root, 'tmp', 'bench');
mkdirSync(outdir, { recursive: true });
const outfile = path.join(outdir, 'main.mjs');
await build({
  entryPoints: [path.join(root, 'bench', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // The benchmarks measure the code as shipped: minified like the extension build, same JSX.
  minifySyntax: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  plugins: [keepImportMetaUrl],
  logLevel: 'warning',
});

const { main } = await import(pathToFileURL(outfile).href);
const code = await main(args);
process.exit(code);
