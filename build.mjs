// Builds both browser targets from one source tree:
//   dist/chrome/  and  dist/firefox/   loadable unpacked extensions
//   dist/cli.mjs                       the command-line decoder (Node)
//   dist/artifacts/*.zip               store-ready archives (with --zip, via web-ext build)
// Usage: node build.mjs [--zip] [--watch] [--no-minify] [--out DIR]
//   --watch   builds everything once (as without it), then rebuilds the JavaScript on change
//   --out     writes to DIR instead of dist/ (the watch test uses it)
//   --no-minify keeps names readable, for profiles (`npm run bench -- --profile`); not for release
// The steps live in build/: the target list (targets.mjs), one module per esbuild plugin
// (plugins/), the manifest per browser, locale merging, static files and the watch mode.
import { buildAll } from './build/build-all.mjs';
import { parseFlags } from './build/paths.mjs';
import { watchAll } from './build/watch.mjs';

const flags = parseFlags(process.argv.slice(2));
// A watch starts with a whole build, then watches the same builds (build/targets.mjs).
await buildAll(flags);
if (flags.watch) await watchAll(flags);
