// The command line over a crawl: `cookie-lens decode --json --har DIR` on copies of the demo
// site's HAR (test/fixtures/cli/demo-site.har), each copy on a site of its own so every file is
// one JSON line, as in a crawl of many sites. Files per second of wall time, in-process (the same
// code as dist/cli.mjs, without Node's start-up), reading the files from disk one at a time.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../src/cli/main.ts';
import { spread, type Spread } from './stats.ts';

export interface CliAuditResult {
  readonly files: number;
  /** Size of one copy of the demo site's HAR. */
  readonly fileBytes: number;
  readonly filesPerSecond: Spread;
  /** Heap in use after the last run, MiB (the whole process: decoders, Open Cookie Database facts, the runs' garbage). */
  readonly heapUsedMiB: number;
}

/** Enough files to keep start-up costs out of the rate while the whole section stays under a few seconds. */
const FILES = 200;
const RUNS = 5;

export async function benchCliAudit(repoRoot: string): Promise<CliAuditResult> {
  const demo = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'cli', 'demo-site.har'), 'utf8');
  const dir = path.join(repoRoot, 'tmp', 'bench', 'har-crawl');
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < FILES; i += 1) {
    // Ten folders of twenty, as a crawler might lay them out.
    const folder = path.join(dir, `batch-${String(Math.floor(i / 20)).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `site-${String(i).padStart(4, '0')}.har`), demo.replaceAll('hubdemo.test', `site-${String(i).padStart(4, '0')}.test`));
  }
  let lines = 0;
  const once = async (): Promise<number> => {
    lines = 0;
    const started = performance.now();
    const code = await runCli(['decode', '--json', '--har', dir], {
      stdout: (s) => {
        lines += s.split('\n').length - 1;
      },
      stderr: (s) => {
        throw new Error(`the CLI complained: ${s}`);
      },
      readFile: (file) => readFile(file, 'utf8'),
      isDirectory: async (file) => (await stat(file)).isDirectory(),
      listDirectory: async (folder) => (await readdir(folder, { withFileTypes: true })).map((entry) => ({ name: entry.name, directory: entry.isDirectory() })),
      now: () => Date.now(),
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0 || lines !== FILES) throw new Error(`expected ${FILES} JSON lines and exit 0, got ${lines} lines and exit ${code}`);
    return FILES / seconds;
  };
  await once();
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run += 1) rates.push(await once());
  const heapUsedMiB = process.memoryUsage().heapUsed / 2 ** 20;
  rmSync(dir, { recursive: true, force: true });
  return { files: FILES, fileBytes: Buffer.byteLength(demo), filesPerSecond: spread(rates), heapUsedMiB };
}
