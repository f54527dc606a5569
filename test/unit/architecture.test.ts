// The boundaries the code relies on, checked on the import statements themselves:
// - only src/browser/api.ts imports webextension-polyfill (other adapter files may borrow its types);
// - the pure core (decode, explain, core, storage, protocol, model, i18n) imports no browser
//   code, no background, no pages and no Preact (tsconfig.pure.json also keeps DOM types out);
// - the browser adapter imports only types from the rest of src/;
// - cookie values are split into fields only in src/decode (HubSpot's __hstc by its decoder);
// - the pages' components and their shared UI (src/pages) reach the browser only through their
//   composition roots (main.tsx, and the popup's first script boot.ts);
// - the site's view (popup/, sidepanel/) renders the site report: it calls no code of src/core,
//   src/decode or src/storage, save the named exceptions.
// - the test and demo harness (harness/) imports nothing from test/, bench/ or scripts/, and
//   bench/ and scripts/ import nothing from test/.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => path.join(dir, file));
}

/** Every module specifier a file imports or re-exports, resolved relative to the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
  return specifiers.map((spec) => (spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : spec));
}

const PURE = ['src/decode', 'src/explain', 'src/core', 'src/storage', 'src/protocol', 'src/model', 'src/i18n'];
const all = ['src', 'popup', 'options', 'sidepanel'].flatMap(sourceFiles);

describe('architecture', () => {
  test('the files are found', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  test('only src/browser/api.ts imports webextension-polyfill; other files of the adapter only its types', () => {
    const importers = all.filter((file) => importsOf(file).includes('webextension-polyfill'));
    const typeOnly = (file: string) => !/^import (?!type )[^;]*from 'webextension-polyfill'/m.test(readFileSync(path.join(root, file), 'utf8'))
      && !/^export (?!type )[^;]*from 'webextension-polyfill'/m.test(readFileSync(path.join(root, file), 'utf8'));
    expect(importers.filter((file) => !typeOnly(file))).toEqual(['src/browser/api.ts']);
    expect(importers.filter((file) => !file.startsWith('src/browser/'))).toEqual([]);
  });

  test('the pure core imports nothing from the browser adapter, the background, the pages or Preact', () => {
    const offenders = PURE.flatMap(sourceFiles).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(src\/(browser|background|cli|pages)|popup|options|sidepanel)\//.test(spec) || spec.startsWith('preact') || spec === 'webextension-polyfill')
        .map((spec) => `${file} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  test('the shared UI is imported from src/pages, not borrowed from another page', () => {
    const offenders = [...sourceFiles('options'), ...sourceFiles('sidepanel')]
      .flatMap((file) => importsOf(file).filter((spec) => spec.startsWith('popup/') && spec !== 'popup/App.tsx').map((spec) => `${file} -> ${spec}`));
    expect(offenders).toEqual([]);
    const sharedOffenders = sourceFiles('src/pages').flatMap((file) =>
      importsOf(file).filter((spec) => /^(popup|options|sidepanel)\//.test(spec)).map((spec) => `${file} -> ${spec}`),
    );
    expect(sharedOffenders).toEqual([]);
  });

  test('page components use the browser only through their composition roots', () => {
    const roots = new Set(['popup/main.tsx', 'popup/boot.ts', 'options/main.tsx', 'sidepanel/main.tsx']);
    const offenders = [...sourceFiles('src/pages'), ...sourceFiles('popup'), ...sourceFiles('options'), ...sourceFiles('sidepanel')]
      .filter((file) => !roots.has(file))
      .flatMap((file) => importsOf(file).filter((spec) => spec.startsWith('src/browser/') || spec.startsWith('src/background/')).map((spec) => `${file} -> ${spec}`));
    expect(offenders).toEqual([]);
  });

  test('the site\'s view renders the report: no calls into src/core, src/decode or src/storage but the named exceptions', () => {
    // What a component may still call, and why: each is about something other than the site's
    // cookies as read (a file the visitor picked, the list of row orders, the popup's first read).
    const allowed: Readonly<Record<string, readonly string[]>> = {
      'popup/boot.ts': ['src/core/site-guess.ts'],
      'popup/components/CookieImport.tsx': ['src/core/cookie-files.ts', 'src/core/import-plan.ts'],
      'popup/components/ExportBar.tsx': ['src/core/cookie-files.ts'],
      'popup/components/CookieBrowser.tsx': ['src/core/row-order.ts'],
      'popup/SitePage.tsx': ['src/core/row-order.ts'],
    };
    const offenders = [...sourceFiles('popup'), ...sourceFiles('sidepanel')].flatMap((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const valueImports = [...text.matchAll(/^import (?!type )[^;]*?from\s+'([^']+)'/gm)]
        .map((m) => path.normalize(path.join(path.dirname(file), m[1] ?? '')))
        .filter((spec) => /^src\/(core|decode|storage)\//.test(spec));
      return valueImports.filter((spec) => !(allowed[file] ?? []).includes(spec)).map((spec) => `${file} -> ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  test('the page scripts (src/in-page, run in web pages\' own world) import only the pure core', () => {
    const offenders = sourceFiles('src/in-page').flatMap((file) =>
      importsOf(file).filter((spec) => !PURE.some((folder) => spec.startsWith(`${folder}/`))).map((spec) => `${file} -> ${spec}`),
    );
    expect(sourceFiles('src/in-page').length).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
  });

  test('the browser adapter imports only types from the rest of src/ (it hands over raw reads)', () => {
    const offenders = sourceFiles('src/browser').flatMap((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const statements = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.\.\/[^']+)'|import\(\s*'(\.\.\/[^']+)'\s*\)/gm)];
      return statements.filter((m) => !/^(?:import|export) type /.test(m[0])).map((m) => `${file} -> ${m[1] ?? m[2] ?? ''}`);
    });
    expect(offenders).toEqual([]);
  });

  test('the background reaches the browser only through src/browser', () => {
    const offenders = sourceFiles('src/background').flatMap((file) =>
      importsOf(file).filter((spec) => spec === 'webextension-polyfill' || spec.startsWith('popup/') || spec.startsWith('options/')).map((spec) => `${file} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  test('the harness stands on its own: test/, bench/ and scripts/ use it, it uses none of them, and bench/ and scripts/ use nothing of test/', () => {
    const scripts = (dir: string) => readdirSync(path.join(root, dir), { recursive: true }).map(String)
      .filter((file) => /\.(ts|tsx|mjs)$/.test(file) && !file.startsWith(`demo-site${path.sep}public`))
      .map((file) => path.join(dir, file));
    const harness = scripts('harness');
    expect(harness.length).toBeGreaterThan(5);
    const reachesInto = (files: readonly string[], folders: readonly string[]) => files.flatMap((file) =>
      importsOf(file).filter((spec) => folders.some((folder) => spec.startsWith(`${folder}/`))).map((spec) => `${file} -> ${spec}`));
    expect(reachesInto(harness, ['test', 'bench', 'scripts'])).toEqual([]);
    expect(reachesInto([...scripts('bench'), ...scripts('scripts')], ['test'])).toEqual([]);
  });

  test('a cookie value is split into its fields only by its decoder (src/decode)', () => {
    const offenders = all.filter((file) => !file.startsWith('src/decode/') && /cookie\.value\.(?:split|indexOf)\(\s*['"]\./.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('no source file reads cookies through the DOM or renders markup from strings', () => {
    const code = (file: string) => readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    const offenders = all.filter((file) => /document\.cookie|innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML/.test(code(file)));
    expect(offenders).toEqual([]);
  });
});
