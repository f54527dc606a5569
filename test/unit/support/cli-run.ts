// Runs the command line in-process against the real file system, with the clock fixed.
import { readdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/main.ts';

/** The CLI fixtures (test/fixtures/cli/, written by make-fixtures.mjs), with a trailing slash. */
export const CLI_FIXTURES = fileURLToPath(new URL('../../fixtures/cli/', import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Relative paths are read from the fixtures directory, so messages name them as given. */
export async function runInProcess(argv: readonly string[], now: number): Promise<CliRun> {
  const resolve = (path: string): string => (path.startsWith('/') ? path : `${CLI_FIXTURES}${path}`);
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile: (path) => readFile(resolve(path), 'utf8'),
    isDirectory: async (path) => (await stat(resolve(path)).catch(() => undefined))?.isDirectory() === true,
    listDirectory: async (path) => (await readdir(resolve(path), { withFileTypes: true })).map((entry) => ({ name: entry.name, directory: entry.isDirectory() })),
    now: () => now,
  });
  return { code, stdout, stderr };
}
