// Builds both browser targets from one source tree:
//   dist/chrome/  and  dist/firefox/   loadable unpacked extensions
//   dist/cli.mjs                       the command-line decoder (Node)
//   dist/artifacts/*.zip               store-ready archives (with --zip, via web-ext build)
// Usage: node build.mjs [--zip] [--watch] [--no-minify] [--out DIR]
//   --watch   builds everything once (as without it), then rebuilds the JavaScript on change
//   --out     writes to DIR instead of dist/ (the watch test uses it)
//   --no-minify keeps names readable, for profiles (`npm run bench -- --profile`); not for release
import { build, context } from 'esbuild';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const outIndex = process.argv.indexOf('--out');
const distRoot = outIndex > 0 && process.argv[outIndex + 1] !== undefined ? path.resolve(process.argv[outIndex + 1]) : path.join(root, 'dist');

export const GECKO_ID = '{dab49fc6-2b5a-4a54-842b-b6ecc07ef8dd}';
const TARGETS = ['chrome', 'firefox'];

/** Applies the per-browser differences to the one source manifest. */
export function manifestFor(target, source, version) {
  const manifest = structuredClone(source);
  manifest.version = version;
  if (target === 'firefox') {
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    manifest.background = { scripts: ['background.js'], type: 'module' };
    // Firefox reads managed settings from policies.json, not from a manifest schema.
    delete manifest.storage;
    // Container names are shown in the popup; Chrome has no containers.
    manifest.permissions = [...manifest.permissions, 'contextualIdentities'];
    // Firefox's side panel is a sidebar (same page); it needs no "sidePanel" permission.
    manifest.sidebar_action = { default_panel: manifest.side_panel.default_path, default_title: manifest.name, default_icon: manifest.action.default_icon, open_at_install: false };
    delete manifest.side_panel;
    manifest.permissions = manifest.permissions.filter((permission) => permission !== 'sidePanel');
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest;
}

/** Merges locales/<lang>/*.json into one messages.json per language; duplicate keys are an error. */
async function mergeLocales() {
  const languages = await readdir(path.join(root, 'locales'));
  const merged = {};
  for (const language of languages) {
    const messages = {};
    const dir = path.join(root, 'locales', language);
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
      const part = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
      for (const [key, value] of Object.entries(part)) {
        if (key in messages) throw new Error(`locales/${language}/${file}: key "${key}" is defined twice`);
        messages[key] = value;
      }
    }
    merged[language] = messages;
  }
  return merged;
}

const common = {
  bundle: true,
  minify: !watch && !args.has('--no-minify'),
  sourcemap: false,
  target: ['chrome120', 'firefox140'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
};

// The extension's pages and worker import the Public Suffix List from one module of its own.
const publicSuffixAsModule = {
  name: 'public-suffix-module',
  setup(b) {
    b.onResolve({ filter: /^tldts$/ }, () => ({ path: '/psl.js', external: true }));
  },
};

// tldts ships the Public Suffix List as typed arrays written out as number literals (~50 KB of
// them); compiling those literals is most of what loading psl.js costs, in every popup (about
// 20 ms on the benchmark machine, docs/BENCHMARKS.md). The same bytes as base64 strings decode in
// a fraction of that. Byte order is the build machine's, little-endian like every browser
// platform. The build fails if tldts changes shape.
const SUFFIX_TRIE = /tldts[\\/]dist[\\/]es6[\\/]src[\\/]data[\\/]trie\.js$/;
const compactSuffixTrie = {
  name: 'compact-suffix-trie',
  setup(b) {
    b.onLoad({ filter: SUFFIX_TRIE }, async (args) => {
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
          throw new Error(`compact-suffix-trie: unexpected export ${name} in ${args.path}; update build.mjs for this tldts version`);
        }
      }
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

// tldts derives a hash for each of the list's ~10,500 labels when psl.js loads, one character at a
// time in code that is still cold: 3 to 6 ms in every popup opening (docs/BENCHMARKS.md, round 2).
// A lookup only ever needs the labels under the few nodes it walks, so the hashes of a node's
// labels are computed the first time a lookup reaches that node. The label offsets (a plain sum)
// stay eager. The build fails if tldts changes the code this replaces.
const SUFFIX_LOOKUP = /tldts[\\/]dist[\\/]es6[\\/]src[\\/]suffix-trie\.js$/;
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
const lazyLabelHashes = {
  name: 'lazy-label-hashes',
  setup(b) {
    b.onLoad({ filter: SUFFIX_LOOKUP }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const uses = (text) => source.split(text).length - 1;
      // findEdge is the only reader of edgeHash and runs before every read of wildcardEdge.
      if (uses(EAGER_HASHES) !== 1 || uses(FIND_EDGE) !== 1 || uses('edgeHash[') !== 4 || uses('wildcardEdge[') !== 3) {
        throw new Error(`lazy-label-hashes: ${args.path} is not the code this plugin expects; update build.mjs for this tldts version`);
      }
      return {
        contents: source.replace(EAGER_HASHES, LAZY_HASHES).replace(FIND_EDGE, `${FIND_EDGE}    if (nodeHashed[node] === 0) hashNode(node);\n`),
        loader: 'js',
      };
    });
  },
};

// Cookie Lens never renders markup from data, so Preact's dangerouslySetInnerHTML path is cut
// out of the bundle: no code path can assign innerHTML at all (and web-ext lint stays clean).
// The build fails if a Preact upgrade changes the code this expects.
const PREACT_INNER_HTML = 't.innerHTML=h.__html';
const noInnerHtml = {
  name: 'no-inner-html',
  setup(b) {
    b.onLoad({ filter: /preact[\\/]dist[\\/]preact\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(PREACT_INNER_HTML)) throw new Error(`no-inner-html: "${PREACT_INNER_HTML}" not found in ${args.path}; update build.mjs for this Preact version`);
      return { contents: source.replace(PREACT_INNER_HTML, 't.textContent=""'), loader: 'js' };
    });
  },
};

// The IAB's TCF and GPP libraries are large and needed only when such a cookie is decoded: each is
// built as a module of its own (lazy/iab-*.js) and loaded by a dynamic import from the extension.
const IAB_LIBRARIES = { 'iab-tcf': '@iabtechlabtcf/core', 'iab-gpp': '@iabgpp/cmpapi' };
const iabLibrariesAsModules = {
  name: 'iab-libraries-as-modules',
  setup(b) {
    for (const [name, pkg] of Object.entries(IAB_LIBRARIES)) {
      b.onResolve({ filter: new RegExp(`^${pkg.replace(/[/.]/g, (c) => `\\${c}`)}$`) }, () => ({ path: `/lazy/${name}.js`, external: true }));
    }
  },
};

// The popup's first script, boot.js, is a module of its own with a <script> tag of its own: it
// starts the reads while popup.js and psl.js load, and popup.js imports the same module instance.
const POPUP_BOOT = path.join(root, 'popup/boot.ts');
const popupBootAsModule = {
  name: 'popup-boot-module',
  setup(b) {
    b.onResolve({ filter: /^\.\/boot\.ts$/ }, (args) => (path.join(args.resolveDir, args.path) === POPUP_BOOT ? { path: '/boot.js', external: true } : undefined));
  },
};

// Besides boot.js, the popup is one module (plus psl.js): each further file costs the popup a
// request and a module to link before it can run, measured at several milliseconds each
// (docs/BENCHMARKS.md, "Findings"). So it is built on its own, without code splitting, and shares
// no chunk with the other pages.
function popupBuildOptions(outdir) {
  return {
    ...common,
    plugins: [popupBootAsModule, publicSuffixAsModule, iabLibrariesAsModules, noInnerHtml],
    entryPoints: { popup: path.join(root, 'popup/main.tsx'), boot: POPUP_BOOT },
    outdir,
    format: 'esm',
    splitting: false,
    metafile: true,
  };
}

// The worker, the options page and the side panel share their common code as chunks.
function extensionBuildOptions(outdir) {
  return {
    ...common,
    plugins: [publicSuffixAsModule, iabLibrariesAsModules, noInnerHtml],
    entryPoints: {
      background: path.join(root, 'src/background/index.ts'),
      options: path.join(root, 'options/main.tsx'),
      sidepanel: path.join(root, 'sidepanel/main.tsx'),
    },
    outdir,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
  };
}

function publicSuffixBuildOptions(outdir) {
  return { ...common, plugins: [compactSuffixTrie, lazyLabelHashes], entryPoints: { psl: path.join(root, 'src/core/psl-entry.ts') }, outdir, format: 'esm', metafile: true };
}

function cliBuildOptions() {
  return {
    ...common,
    entryPoints: [path.join(root, 'src/cli/bin.ts')],
    outfile: path.join(distRoot, 'cli.mjs'),
    platform: 'node',
    format: 'esm',
    banner: { js: '#!/usr/bin/env node' },
  };
}

/** Every esbuild build of one browser's folder: the one list that a build and --watch both use. */
function targetBuilds(outdir) {
  return {
    popup: popupBuildOptions(outdir),
    extension: extensionBuildOptions(outdir),
    lazy: lazyLibraryBuildOptions(outdir),
    psl: publicSuffixBuildOptions(outdir),
  };
}

function lazyLibraryBuildOptions(outdir) {
  return {
    ...common,
    entryPoints: Object.fromEntries(Object.entries(IAB_LIBRARIES).map(([name, pkg]) => [`lazy/${name}`, pkg])),
    outdir,
    format: 'esm',
    metafile: true,
  };
}

async function writeStatic(target, outdir, locales) {
  const source = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(manifestFor(target, source, version), null, 2));
  for (const [language, messages] of Object.entries(locales)) {
    await mkdir(path.join(outdir, '_locales', language), { recursive: true });
    await writeFile(path.join(outdir, '_locales', language, 'messages.json'), JSON.stringify(messages, null, 1));
  }
  await cp(path.join(root, 'icons'), path.join(outdir, 'icons'), { recursive: true });
  for (const file of ['popup/popup.html', 'popup/popup.css', 'options/options.html', 'options/options.css', 'sidepanel/sidepanel.html', 'sidepanel/sidepanel.css']) {
    await cp(path.join(root, file), path.join(outdir, path.basename(file)));
  }
  if (target === 'chrome') await cp(path.join(root, 'managed-schema.json'), path.join(outdir, 'managed-schema.json'));
}

/** popup.js must import nothing but boot.js and psl.js, and boot.js nothing (see popupBuildOptions). */
function checkPopupModules(outdir, metafile) {
  const prefix = path.relative(root, outdir).split(path.sep).join('/');
  for (const [file, allowed] of [['popup.js', ['/boot.js', '/psl.js']], ['boot.js', []]]) {
    const imports = metafile.outputs[`${prefix}/${file}`]?.imports ?? [];
    const unexpected = imports.filter((imported) => imported.kind === 'import-statement' && !allowed.includes(imported.path));
    if (unexpected.length > 0) throw new Error(`${file} imports ${unexpected.map((i) => i.path).join(', ')}; see popupBuildOptions in build.mjs`);
  }
}

async function buildAll() {
  const started = performance.now();
  const locales = await mergeLocales();
  await rm(distRoot, { recursive: true, force: true });
  const metafiles = {};
  for (const target of TARGETS) {
    const outdir = path.join(distRoot, target);
    await mkdir(outdir, { recursive: true });
    const builds = Object.entries(targetBuilds(outdir));
    const results = await Promise.all(builds.map(([, options]) => build(options)));
    const psl = results[builds.findIndex(([name]) => name === 'psl')];
    if (!Object.keys(psl.metafile.inputs).some((input) => SUFFIX_TRIE.test(input))) throw new Error('compact-suffix-trie: tldts no longer has its trie in dist/es6/src/data/trie.js; update build.mjs');
    if (!Object.keys(psl.metafile.inputs).some((input) => SUFFIX_LOOKUP.test(input))) throw new Error('lazy-label-hashes: tldts no longer has its lookup in dist/es6/src/suffix-trie.js; update build.mjs');
    metafiles[target] = {
      inputs: Object.assign({}, ...results.map((r) => r.metafile.inputs)),
      outputs: Object.assign({}, ...results.map((r) => r.metafile.outputs)),
    };
    checkPopupModules(outdir, metafiles[target]);
    await writeStatic(target, outdir, locales);
  }
  await build(cliBuildOptions());
  await writeFile(path.join(distRoot, 'meta.json'), JSON.stringify(metafiles.chrome));
  if (args.has('--zip')) {
    for (const target of TARGETS) {
      execFileSync(path.join(root, 'node_modules/.bin/web-ext'), [
        'build', '--source-dir', path.join(distRoot, target), '--artifacts-dir', path.join(distRoot, 'artifacts'),
        '--filename', `cookie-lens-${target}-{version}.zip`, '--overwrite-dest',
      ], { cwd: root, stdio: 'inherit' });
    }
  }
  console.log(`built ${path.relative(root, distRoot) || '.'}/chrome, firefox and cli.mjs in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // A watch starts with a whole build, so that every file (psl.js, cli.mjs, manifest, locales)
  // is there and checked, then watches the same builds.
  await buildAll();
  if (watch) {
    for (const target of TARGETS) {
      for (const options of Object.values(targetBuilds(path.join(distRoot, target)))) await (await context(options)).watch();
    }
    await (await context(cliBuildOptions())).watch();
    console.log('watching: JavaScript rebuilds on change; rerun for manifest, locales and static files');
  }
}
