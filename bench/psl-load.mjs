// What loading psl.js and its first lookup cost, in fresh Node processes (the same V8 as
// Chromium, cold each time as in a popup that has just opened): CPU time of the import and of the
// first parse, medians over the runs. Usage: node bench/psl-load.mjs [psl.js ...] [--runs N]
// (default: dist/chrome/psl.js; name a second build's psl.js to compare).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const HOSTS = ['https://www.hubdemo.test/', 'https://shop.example.com/', 'https://www.bbc.co.uk/', 'https://foo.github.io/'];

// Runs in the child: import, then the first parse of each host in turn (the first one pays for
// whatever the module leaves to first use).
const CHILD = `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const start = cpu();
const { parse } = await import(process.argv[1]);
const imported = cpu();
const parse1 = [];
for (const url of ${JSON.stringify(HOSTS)}) { const before = cpu(); parse(url, { allowPrivateDomains: true }); parse1.push(cpu() - before); }
console.log(JSON.stringify({ importMs: imported - start, firstParseMs: parse1 }));
`;

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 21;
const files = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--runs');
if (files.length === 0) files.push('dist/chrome/psl.js');

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

for (const file of files) {
  /** @type {{ importMs: number, firstParseMs: number[] }[]} */
  const samples = [];
  for (let run = 0; run < runs; run += 1) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(path.resolve(file)).href], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    samples.push(JSON.parse(child.stdout));
  }
  const first = HOSTS.map((host, i) => `${new URL(host).hostname} ${median(samples.map((s) => s.firstParseMs[i] ?? Number.NaN)).toFixed(2)} ms`);
  console.log(`${file}: import ${median(samples.map((s) => s.importMs)).toFixed(2)} ms; first parse, in order: ${first.join(', ')} (CPU time, median of ${runs})`);
}
