// `node build.mjs --watch` (the documented watch command) from an empty folder gives loadable
// extensions: every file the manifests and pages name is there, and every module a built script
// imports exists (the old watch build left out psl.js and cli.mjs, so the popup imported a missing
// /psl.js).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../harness/bundle.ts';

let out: string;
let watcher: ChildProcess;

beforeAll(async () => {
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  out = mkdtempSync(path.join(root, 'tmp', 'watch-build-'));
  rmSync(out, { recursive: true, force: true });
  watcher = spawn(process.execPath, ['build.mjs', '--watch', '--out', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "watching" line within 90 s:\n${output}`)), 90_000);
    const take = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('watching:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    watcher.stdout?.on('data', take);
    watcher.stderr?.on('data', take);
    watcher.on('exit', (code) => reject(new Error(`build.mjs --watch exited with ${code}:\n${output}`)));
  });
}, 120_000);

afterAll(async () => {
  // The folder goes only once the watcher has exited: killed, it may still be writing a rebuild.
  if (watcher !== undefined && watcher.exitCode === null && watcher.signalCode === null) {
    const exited = new Promise((resolve) => watcher.once('exit', resolve));
    watcher.kill();
    await exited;
  }
  if (out !== undefined) rmSync(out, { recursive: true, force: true, maxRetries: 5 });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((file) => file.endsWith('.js'));
}

/** Module specifiers of static and dynamic imports in built (possibly minified) code. */
function importsOf(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+\.m?js)["']/g)].map((m) => m[1] ?? '');
}

describe.each(['chrome', 'firefox'])('the watch build for %s', (target) => {
  test('has every file its manifest names', () => {
    const dir = path.join(out, target);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      background: { service_worker?: string; scripts?: string[] };
      action: { default_popup: string };
      options_ui: { page: string };
    };
    const named = [manifest.background.service_worker ?? '', ...(manifest.background.scripts ?? []), manifest.action.default_popup, manifest.options_ui.page].filter(Boolean);
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(named.filter((file) => !existsSync(path.join(dir, file)))).toEqual([]);
  });

  test('every module a built script imports is there, psl.js included', () => {
    const dir = path.join(out, target);
    const missing: string[] = [];
    let imports = 0;
    for (const file of filesUnder(dir)) {
      for (const specifier of importsOf(readFileSync(path.join(dir, file), 'utf8'))) {
        imports += 1;
        const resolved = specifier.startsWith('/') ? path.join(dir, specifier) : path.join(dir, path.dirname(file), specifier);
        if (!existsSync(resolved)) missing.push(`${file} -> ${specifier}`);
      }
    }
    expect(imports).toBeGreaterThan(3);
    expect(existsSync(path.join(dir, 'psl.js'))).toBe(true);
    expect(missing).toEqual([]);
  });
});

test('the watch build writes the command-line decoder too', () => {
  expect(existsSync(path.join(out, 'cli.mjs'))).toBe(true);
});
