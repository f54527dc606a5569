// Entry point of dist/cli.mjs: the only CLI file that touches Node itself.
import { once } from 'node:events';
import { readdir, readFile, stat } from 'node:fs/promises';
import { runCli } from './main.ts';

// A reader that stops early (`| head`) closes the pipe: stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/** Set while stdout's buffer is full (a slow pipe): the next site waits for it to drain. */
let backlog: Promise<unknown> | undefined;

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => {
    if (!process.stdout.write(s)) backlog ??= once(process.stdout, 'drain').finally(() => (backlog = undefined));
  },
  stderr: (s) => process.stderr.write(s),
  readFile: (path) => readFile(path, 'utf8'),
  isDirectory: async (path) => (await stat(path).catch(() => undefined))?.isDirectory() === true,
  // Pipes, sockets and devices are left out: reading a named pipe called x.har would wait forever.
  listDirectory: async (path) =>
    (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() || entry.isFile() || entry.isSymbolicLink())
      .map((entry) => ({ name: entry.name, directory: entry.isDirectory() })),
  drained: async () => {
    await backlog;
  },
  now: () => Date.now(),
});
