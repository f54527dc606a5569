// Entry point of dist/cli.mjs: the only CLI file that touches Node itself.
import { readFile } from 'node:fs/promises';
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (path) => readFile(path, 'utf8'),
  now: () => Date.now(),
});
