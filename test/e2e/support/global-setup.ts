// Builds nothing (`npm test` builds first). It stops the run early, with one clear message, when
// a selected spec needs the built extension and dist/chrome/manifest.json is missing. Specs that
// run without the extension say so with the marker below anywhere in their source.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from './paths.ts';

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

export default async function setup(project: TestProject): Promise<void> {
  if (existsSync(BUILT_MANIFEST)) return;
  const { testFiles } = await project.globTestFiles(project.vitest.config.filters);
  const message = missingBuildMessage(BUILT_MANIFEST, testFiles);
  if (message !== null) throw new Error(message);
}
