// Pools the popup's paired ratios of several A/B runs (`npm run bench -- --versus DIR`, each run's
// tmp/bench/results.json copied aside), since one run's median moves by several percent on a
// busy machine (docs/BENCHMARKS.md, "Round 4"):
//
//   node bench/pool.mjs tmp/bench/ab-1.json tmp/bench/ab-2.json ...
//
// Prints, per site: the pairs pooled, their median, and their geometric mean with a 95 %
// interval (a normal interval on the logarithms of the ratios).
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/pool.mjs RESULTS.json [RESULTS.json ...]');
  process.exit(2);
}

/** @type {Map<string, number[]>} */
const bySite = new Map();
for (const file of files) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  for (const site of results.popup ?? []) {
    if (!Array.isArray(site.ratios)) {
      console.error(`${file}: ${site.id} has no paired ratios (a run from before they were kept)`);
      process.exit(2);
    }
    bySite.set(site.id, [...(bySite.get(site.id) ?? []), ...site.ratios]);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

console.log('| site | pairs | median | geometric mean (95 % interval) |');
console.log('|---|---|---|---|');
for (const [site, ratios] of bySite) {
  const logs = ratios.map(Math.log);
  const mean = logs.reduce((sum, x) => sum + x, 0) / logs.length;
  const variance = logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (logs.length - 1);
  const half = 1.96 * Math.sqrt(variance / logs.length);
  const f = (x) => x.toFixed(3);
  console.log(`| ${site} | ${ratios.length} | ${f(median(ratios))} | ${f(Math.exp(mean))} (${f(Math.exp(mean - half))}–${f(Math.exp(mean + half))}) |`);
}
