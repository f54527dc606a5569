// `npm test`: every gate in order, stopping at the first that fails.
//   typecheck -> lint -> unit tests -> build (+ zips) -> web-ext lint -> build checks (sizes, manifest,
//   no remote code) -> end-to-end tests in Chromium and Firefox.
// Prints one closing line "N passed, N failed" over all vitest suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, findFirefox } from '../harness/find-browsers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
mkdirSync(path.join(root, 'tmp'), { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
// Leftovers of an earlier run must not show up in this run's summary.
for (const file of ['e2e-browsers.txt', 'e2e-retried.jsonl']) rmSync(path.join(root, 'tmp', file), { force: true });

function run(title, command, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`--- ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function vitest(title, config, report, extraReporters = []) {
  const outputFile = path.join(root, 'tmp', `${report}.json`);
  const ok = run(title, bin('vitest'), ['run', ...(config ? ['--config', config] : []), '--reporter=default', '--reporter=json', ...extraReporters.map((reporter) => `--reporter=${reporter}`), `--outputFile=${outputFile}`]);
  try {
    const json = JSON.parse(readFileSync(outputFile, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  } catch {
    totals.failed += 1;
  }
  return ok;
}

function lintFirefox() {
  const t0 = Date.now();
  console.log('\n=== web-ext lint (dist/firefox): 0 errors and 0 warnings required');
  const result = spawnSync(bin('web-ext'), ['lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery'], { cwd: root, encoding: 'utf8' });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    console.log(result.stdout, result.stderr);
    return false;
  }
  const { errors, warnings, notices } = report.summary;
  for (const item of [...report.errors, ...report.warnings]) console.log(`  ${item._type}: ${item.code} ${item.file ?? ''} ${item.message}`);
  console.log(`--- web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return errors === 0 && warnings === 0;
}

/** The browsers the end-to-end run used, and every test that passed only on its retry. */
function e2eSummary() {
  const browsers = path.join(root, 'tmp', 'e2e-browsers.txt');
  if (existsSync(browsers)) console.log(`\n${readFileSync(browsers, 'utf8').trim()}`);
  const retriedFile = path.join(root, 'tmp', 'e2e-retried.jsonl');
  if (!existsSync(retriedFile)) return;
  const retried = readFileSync(retriedFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  if (retried.length === 0) return;
  console.log(`\nWARNING: ${retried.length} end-to-end test${retried.length === 1 ? '' : 's'} passed only on a retry (a flaky test is a bug to find); the first error of each:`);
  for (const { test, error, at } of retried) console.log(`  - ${test}\n      ${error}${at ? `\n      ${at}` : ''}`);
}

function finish(ok) {
  e2eSummary();
  console.log(`\nnpm test ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (${totals.skipped} skipped)`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(ok ? 0 : 1);
}

const steps = [
  () => run('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) && run('typecheck (pure core)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.pure.json'])
    && run('typecheck (build scripts)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.build.json']),
  // Biome: recommended rules, no explicit any, no import cycles, and the layer boundaries (biome.jsonc).
  () => run('lint (biome)', bin('biome'), ['lint', '--colors=off', '.']),
  () => vitest('unit tests', null, 'unit'),
  // The committed Open Cookie Database facts must match the data they were generated from
  // (data/open-cookie-database/, kept in the repository with its licence).
  () => run('generated Open Cookie Database facts are up to date', process.execPath, ['scripts/gen-ocd-facts.mjs', '--check']),
  () => run('build', process.execPath, ['build.mjs', '--zip']),
  () => lintFirefox(),
  () => vitest('build checks', 'test/build/vitest.config.ts', 'build'),
  () => {
    // Both browsers are found or installed before the end-to-end suites start.
    findChromium();
    findFirefox();
    return vitest('end-to-end tests (Chromium, Firefox)', 'test/e2e/vitest.config.ts', 'e2e', ['./test/e2e/support/retry-reporter.ts']);
  },
];
for (const step of steps) if (!step()) finish(false);
finish(true);
