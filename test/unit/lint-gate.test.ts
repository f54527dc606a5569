// The lint gate (biome.jsonc, run by `npm test`) really fails on the boundaries it is there for:
// the repository's own configuration is applied to a small tree of probe files that break each
// rule once, beside files that keep to them.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const biome = path.join(root, 'node_modules', '.bin', 'biome');

const PROBES: Record<string, string> = {
  'src/browser/api.ts': 'export const api = 1;\n',
  // The pure core must not import the browser adapter.
  'src/core/reaches-browser.ts': "import { api } from '../browser/api.ts';\nexport const viaAdapter = api;\n",
  'src/core/explicit-any.ts': 'export const loose: any = 1;\n',
  'src/core/clean.ts': 'export const fine = 2;\n',
  // A page component must not; the page's entry file may.
  'popup/components/Reaches.tsx': "import { api } from '../../src/browser/api.ts';\nexport const fromComponent = api;\n",
  'popup/main.tsx': "import { api } from '../src/browser/api.ts';\nexport const fromEntry = api;\n",
  // Nor may the pages' shared UI.
  'src/pages/Reaches.tsx': "import { api } from '../browser/api.ts';\nexport const fromShared = api;\n",
  // The browser adapter may import types from the rest of src/, and values only from itself.
  'src/browser/raw.ts': "import type { CookieRecord } from '../model/cookie.ts';\nimport { api } from './api.ts';\nexport const typed = (c: CookieRecord): unknown => [c, api];\n",
  'src/browser/interprets.ts': "import { fine } from '../core/clean.ts';\nexport const narrowed = fine;\n",
  'src/browser/borrows.ts': "export { fine } from '../core/clean.ts';\n",
  // Two worker modules that import each other.
  'src/background/first.ts': "import { second } from './second.ts';\nexport const first = (): number => second() + 1;\n",
  'src/background/second.ts': "import { first } from './first.ts';\nexport const second = (): number => (first.length > 0 ? 1 : 0);\n",
};

function lintProbes(): { status: number | null; output: string } {
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, 'tmp', 'lint-probe-'));
  try {
    // The same rules; only the version-control lookup is off, since tmp/ is git-ignored.
    const config = readFileSync(path.join(root, 'biome.jsonc'), 'utf8').replace(/"vcs":\s*\{[^}]*\}/, '"vcs": { "enabled": false }');
    writeFileSync(path.join(dir, 'biome.jsonc'), config.replace('"$schema": "./node_modules/', `"$schema": "${root}/node_modules/`));
    mkdirSync(path.join(dir, 'lint'));
    cpSync(path.join(root, 'lint'), path.join(dir, 'lint'), { recursive: true });
    for (const [file, text] of Object.entries(PROBES)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const result = spawnSync(biome, ['lint', '--max-diagnostics=100', '--colors=off', '.'], { cwd: dir, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The files a rule reported, from Biome's "path:line:col lint/group/rule" headings. */
function reported(output: string, rule: string): string[] {
  return [...output.matchAll(/^(\S+):\d+:\d+ lint\/\w+\/(\w+)/gm)].filter((m) => m[2] === rule).map((m) => m[1] ?? '').sort();
}

/** The files a GritQL plugin rule (lint/*.grit) reported, from Biome's "path:line:col plugin" headings. */
function reportedByPlugin(output: string): string[] {
  return [...output.matchAll(/^(\S+):\d+:\d+ plugin\b/gm)].map((m) => m[1] ?? '').sort();
}

describe('the lint gate', () => {
  const { status, output } = lintProbes();

  test('fails the run', () => {
    expect(status).toBe(1);
  });

  test('reports the pure core, a page component and the shared UI reaching the browser adapter, and nothing else', () => {
    expect(reported(output, 'noRestrictedImports')).toEqual(['popup/components/Reaches.tsx', 'src/core/reaches-browser.ts', 'src/pages/Reaches.tsx']);
  });

  test('reports an explicit any', () => {
    expect(reported(output, 'noExplicitAny')).toEqual(['src/core/explicit-any.ts']);
  });

  test('reports the browser adapter importing a value from the rest of src/, not a type', () => {
    expect(reportedByPlugin(output)).toEqual(['src/browser/borrows.ts', 'src/browser/interprets.ts']);
  });

  test('reports an import cycle', () => {
    expect(reported(output, 'noImportCycles')).toEqual(['src/background/first.ts', 'src/background/second.ts']);
  });
});
