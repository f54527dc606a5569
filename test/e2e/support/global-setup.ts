// Builds nothing (`npm test` builds first). It stops the run early, with one clear message, when
// a selected spec needs the built extension and dist/chrome/manifest.json is missing. Specs that
// run without the extension say so with the marker below anywhere in their source.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { browserVersion, findChromium, findFirefox } from '../../../harness/find-browsers.mjs';
import { REPO_ROOT, REPO_TMP } from '../../../harness/paths.ts';
import { RETRIED_FILE } from './retry-reporter.ts';

/** Where the versions line is kept for `npm test`'s closing summary. */
export const BROWSERS_FILE = join(REPO_TMP, 'e2e-browsers.txt');

export const NO_EXTENSION_MARKER = '@e2e-without-extension';
export const BUILT_MANIFEST = join(REPO_ROOT, 'dist', 'chrome', 'manifest.json');

/** The message to stop with, or null when the selected specs can run. */
export function missingBuildMessage(manifestPath: string, specFiles: readonly string[]): string | null {
  if (existsSync(manifestPath)) return null;
  const needing = specFiles.filter((file) => !readFileSync(file, 'utf8').includes(NO_EXTENSION_MARKER));
  if (needing.length === 0) return null;
  return `${relative(REPO_ROOT, manifestPath)} is missing: run \`npm run build\` first (or \`npm test\`, which builds). `
    + `Specs that need it: ${needing.map((file) => relative(REPO_ROOT, file)).join(', ')}.`;
}

/**
 * Says which browsers this run uses, first thing: CI machines install whatever Debian ships that
 * day (Chromium 150 or 156, Firefox ESR 140 or 153 have all been seen), and a failure often
 * depends on the version.
 */
function printBrowserVersions(): void {
  const line = `browsers: ${browserVersion(findChromium())}; ${browserVersion(findFirefox())}`;
  process.stdout.write(`\n${line}\n\n`);
  mkdirSync(REPO_TMP, { recursive: true });
  writeFileSync(BROWSERS_FILE, `${line}\n`);
}

export default async function setup(project: TestProject): Promise<void> {
  rmSync(RETRIED_FILE, { force: true });
  printBrowserVersions();
  if (existsSync(BUILT_MANIFEST)) return;
  const { testFiles } = await project.globTestFiles(project.vitest.config.filters);
  const message = missingBuildMessage(BUILT_MANIFEST, testFiles);
  if (message !== null) throw new Error(message);
}
