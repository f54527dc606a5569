// `npm run bench` (bench/run.mjs builds, bundles this file and calls `main`): measures, prints the
// tables and writes bench/results.json plus the results section of docs/BENCHMARKS.md.
import { cpus, loadavg, release, totalmem } from 'node:os';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/paths.ts';
import { CHROME_BUILD } from '../harness/extension.ts';
import { PopupBench, type PopupSample } from './popup.ts';
import { benchWorkerStart, startPageWrites, type PageWritesResult, type WorkerStartResult } from './worker.ts';
import { benchDecode, benchHotPath, type DecodeResult, type HotPathResult } from './node.ts';
import { benchCliAudit, type CliAuditResult } from './cli.ts';
import { measureSizes, type SizeRow } from './sizes.ts';
import { benchPanelWrites, type PanelWritesResult } from './panel.ts';
import { benchPageWritesVersus, benchWorkerStartVersus, type VersusPageWrites, type VersusWorkerStartResult } from './versus.ts';
import { profilePopup, type PopupProfile } from './profile.ts';
import { pairedRatios, spread, type Spread } from './stats.ts';
import { renderReport } from './report.ts';

const SECTIONS = ['popup', 'worker', 'background', 'panel', 'decode', 'cli', 'sizes'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  readonly runs: number;
  readonly warmup: number;
  readonly only: ReadonlySet<Section>;
  readonly write: boolean;
  readonly profile: boolean;
  /** Which site `--profile` traces (a scenario id; site-180 unless `--profile-site` says otherwise). */
  readonly profileSite: string;
  /** Another build of Cookie Lens measured in the floor's place (A/B), or null for the floor. */
  readonly versusDir: string | null;
  readonly extensionDir: string;
  /** `--sites a,b`: only these popup sites (ids of SCENARIOS), for a quicker A/B; null for all. */
  readonly sites: ReadonlySet<string> | null;
}

function parseArgs(args: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const index = args.indexOf(flag);
    return index === -1 ? undefined : args[index + 1];
  };
  const runs = Number(value('--runs') ?? 12);
  const warmup = Number(value('--warmup') ?? 2);
  if (!Number.isInteger(runs) || runs < 10) throw new Error('--runs must be an integer of at least 10 (the issue asks for 10 or more)');
  if (!Number.isInteger(warmup) || warmup < 1) throw new Error('--warmup must be a positive integer');
  const onlyList = value('--only')?.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const only = new Set<Section>();
  for (const entry of onlyList ?? SECTIONS) {
    const section = SECTIONS.find((candidate) => candidate === entry);
    if (section === undefined) throw new Error(`unknown section "${entry}" (known: ${SECTIONS.join(', ')})`);
    only.add(section);
  }
  const sites = value('--sites')?.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const site of sites ?? []) {
    if (!SCENARIOS.some((scenario) => scenario.id === site)) throw new Error(`--sites: no site "${site}" (known: ${SCENARIOS.map((c) => c.id).join(', ')})`);
  }
  return {
    runs, warmup, only, sites: sites === undefined ? null : new Set(sites),
    // Results are committed only from a full run: partial runs go to tmp/bench/.
    write: !args.includes('--no-write') && onlyList === undefined && sites === undefined && value('--extension') === undefined && value('--versus') === undefined,
    profile: args.includes('--profile'),
    profileSite: value('--profile-site') ?? 'site-180',
    extensionDir: path.resolve(REPO_ROOT, value('--extension') ?? CHROME_BUILD),
    versusDir: value('--versus') === undefined ? null : path.resolve(REPO_ROOT, value('--versus') ?? ''),
  };
}

// ---- Popup ------------------------------------------------------------------------------------

export interface PopupScenarioResult {
  readonly id: string;
  readonly title: string;
  /** Rows Cookie Lens shows (the site's cookies plus embedded sites' cookies), from the browser's cookie jar. */
  readonly rows: number;
  /** Names the floor lists (what `cookies.getAll({url})` returns for the page). */
  readonly floorRows: number;
  /** Click to rendered, ms. */
  readonly cookieLens: Spread;
  readonly floor: Spread;
  /** Cookie Lens / floor, pair by pair. */
  readonly ratio: Spread;
  /** Every pair's ratio, in the order measured: several A/B runs can be pooled (bench/pool.mjs). */
  readonly ratios: readonly number[];
  /** The popup document's own part: its navigation start to rendered, ms. */
  readonly cookieLensDocument: Spread;
  readonly floorDocument: Spread;
  /** Openings whose popup was already rendered when found (timed a few ms late); normally 0. */
  readonly lateSamples: number;
  /**
   * Median time of each `performance.mark` the popups make (`popup:script`, `popup:data`, ...),
   * ms from the popup document's navigation start, and `rendered`: where an opening's time goes.
   */
  readonly phases: { readonly cookieLens: Readonly<Record<string, number>>; readonly floor: Readonly<Record<string, number>> };
}

interface Scenario {
  readonly id: string;
  readonly title: string;
  prepare(bench: PopupBench, page: Page): Promise<void>;
}

const SITE_HOST = 'www.hubdemo.test';

const SCENARIOS: readonly Scenario[] = [
  {
    id: 'site-20', title: '20 cookies (demo `bulk&n=20`)',
    async prepare(bench, page) {
      await bench.demo.setPreset(page, 'bulk', { n: 20 });
      await page.goto(bench.demo.url(SITE_HOST, '/?tracker=0'));
    },
  },
  {
    id: 'site-180', title: '180 cookies (demo `bulk&n=180`)',
    async prepare(bench, page) {
      await bench.demo.setPreset(page, 'bulk', { n: 180 });
      await page.goto(bench.demo.url(SITE_HOST, '/?tracker=0'));
    },
  },
  {
    id: 'busy-180', title: 'busy site: 180 cookies over hosts and paths + embedded frame (`bulk&n=180&spread=1`, `?embed=1`)',
    async prepare(bench, page) {
      await bench.demo.setPreset(page, 'bulk', { n: 180, spread: true });
      await page.goto(bench.demo.url(SITE_HOST, '/?tracker=0&embed=1'));
      const frame = page.frames().find((candidate) => candidate.url().includes('widget.embedco.test'));
      if (frame === undefined) throw new Error('the embedded frame did not load');
      // The frame's script writes its partitioned cookie, then marks itself ready.
      await frame.waitForFunction(() => document.body.dataset['ready'] === '1', undefined, { timeout: 10_000 });
    },
  },
];

/** The median of each mark over the samples that have it, in the order the marks were made. */
function medianMarks(samples: readonly PopupSample[]): Record<string, number> {
  const byName = new Map<string, number[]>();
  for (const sample of samples) for (const [name, at] of Object.entries(sample.marks)) byName.set(name, [...(byName.get(name) ?? []), at]);
  return Object.fromEntries([...byName].map(([name, values]) => [name, spread(values).median] as const).sort((a, b) => a[1] - b[1]));
}

async function benchPopupScenario(bench: PopupBench, scenario: Scenario, options: Options): Promise<PopupScenarioResult> {
  await bench.browser.context.clearCookies();
  const page = await bench.browser.context.newPage();
  try {
    await scenario.prepare(bench, page);
    const expected = await bench.expectedRows(page);
    const rows = expected.site + expected.embedded;
    const cookieLens: PopupSample[] = [];
    const floor: PopupSample[] = [];
    for (let i = 0; i < options.warmup + options.runs; i += 1) {
      // Alternate which goes first, so a drift in the machine's load hits both alike.
      const pair = i % 2 === 0 ? [bench.cookieLens, bench.floor] : [bench.floor, bench.cookieLens];
      let lens: PopupSample | undefined;
      let bare: PopupSample | undefined;
      for (const extension of pair) {
        const sample = await bench.open(extension, page, extension === bench.cookieLens || options.versusDir !== null ? rows : 1);
        if (extension === bench.cookieLens) lens = sample;
        else bare = sample;
      }
      if (lens === undefined || bare === undefined) throw new Error('a popup was not measured');
      if (lens.rows !== rows) throw new Error(`${scenario.id}: Cookie Lens showed ${lens.rows} rows, the browser holds ${rows} cookies for the page`);
      if (bare.rows === 0) throw new Error(`${scenario.id}: the floor listed no cookies`);
      if (i < options.warmup) continue;
      cookieLens.push(lens);
      floor.push(bare);
    }
    const times = (samples: readonly PopupSample[]): number[] => samples.map((sample) => sample.clickToRendered);
    const documentTimes = (samples: readonly PopupSample[]): number[] => samples.map((sample) => sample.clickToRendered - sample.clickToNavigation);
    return {
      id: scenario.id, title: scenario.title, rows, floorRows: floor[0]?.rows ?? 0,
      cookieLens: spread(times(cookieLens)), floor: spread(times(floor)),
      ratio: spread(pairedRatios(times(cookieLens), times(floor))),
      ratios: pairedRatios(times(cookieLens), times(floor)).map((ratio) => Math.round(ratio * 1000) / 1000),
      cookieLensDocument: spread(documentTimes(cookieLens)), floorDocument: spread(documentTimes(floor)),
      lateSamples: [...cookieLens, ...floor].filter((sample) => sample.late).length,
      phases: { cookieLens: medianMarks(cookieLens), floor: medianMarks(floor) },
    };
  } finally {
    await page.close();
  }
}

// ---- The whole run ----------------------------------------------------------------------------

export interface BenchResults {
  readonly generatedAt: string;
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly os: string;
    readonly node: string;
    readonly chromium: string | null;
    /** 1-minute load average at the start and the end of the run (other work on the machine). */
    readonly loadAverage: { readonly start: number; readonly end: number };
  };
  readonly method: {
    readonly runs: number;
    readonly warmup: number;
    readonly extension: string;
    /** `--versus DIR`: the other build ("old"), compared with the measured one ("new"); absent when the popup was measured against the floor. */
    readonly versus?: string;
  };
  readonly popup: readonly PopupScenarioResult[] | null;
  readonly workerStart: WorkerStartResult | null;
  readonly background: { readonly pure: HotPathResult; readonly page: { readonly unruled: PageWritesResult; readonly ruled: PageWritesResult } | null } | null;
  readonly decode: DecodeResult | null;
  /** The side panel open vs closed while a page writes 5,000 cookies; absent in results written before it existed. */
  readonly panel?: PanelWritesResult | null;
  /** Absent in results written before the CLI section existed. */
  readonly cli?: CliAuditResult | null;
  readonly sizes: readonly SizeRow[] | null;
  /**
   * `--versus` only: the background sections with each build alone in its own Chromium (the
   * `workerStart` and `background.page` figures stay null then: both builds in one browser would
   * each hear the other's cookie events).
   */
  readonly versus?: { readonly pageWrites: VersusPageWrites | null; readonly workerStart: VersusWorkerStartResult | null } | null;
  readonly profile: PopupProfile | null;
  readonly errors: readonly string[];
}

/** Rounds every number in the results to 3 decimals (noise is far larger than that). */
function roundNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value * 1000) / 1000;
  if (Array.isArray(value)) return value.map(roundNumbers);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, roundNumbers(entry)]));
  return value;
}

async function attempt<T>(errors: string[], what: string, run: () => Promise<T>): Promise<T | null> {
  const started = Date.now();
  try {
    const result = await run();
    console.log(`bench: ${what} measured in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = `${what}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
    errors.push(message);
    console.error(`bench: could not measure ${message}`);
    return null;
  }
}

export async function main(args: readonly string[]): Promise<number> {
  const options = parseArgs(args);
  const errors: string[] = [];
  const started = Date.now();
  const loadStart = loadavg()[0] ?? 0;
  const nodeOptions = { runs: options.runs, warmup: Math.max(options.warmup, 3) };

  // Sizes first, straight after the build; then the browser runs on a copy of the build, so a
  // rebuild by someone else in the same checkout cannot change the extension mid-run.
  const sizes = options.only.has('sizes') ? await attempt(errors, 'sizes', async () => measureSizes()) : null;
  const snapshot = path.join(REPO_ROOT, 'tmp', 'bench', 'extension');
  rmSync(snapshot, { recursive: true, force: true });
  cpSync(options.extensionDir, snapshot, { recursive: true });

  let popup: PopupScenarioResult[] | null = null;
  let workerStart: WorkerStartResult | null = null;
  let page: { unruled: PageWritesResult; ruled: PageWritesResult } | null = null;
  let profile: PopupProfile | null = null;
  let panel: PanelWritesResult | null = null;
  let chromium: string | null = null;

  // With --versus the popup (and the side panel and profile) compare both builds in one browser;
  // the background sections launch each build in a browser of its own (bench/versus.ts) instead.
  const versusDir = options.versusDir;
  const backgroundInSharedBrowser = versusDir === null;
  const needsBrowser = options.only.has('popup') || options.only.has('panel') || options.profile
    || (backgroundInSharedBrowser && (options.only.has('worker') || options.only.has('background')));
  if (needsBrowser) {
    const bench = await attempt(errors, 'starting Chromium with Cookie Lens and the floor', () => versusDir === null
      ? PopupBench.start(snapshot, path.join(REPO_ROOT, 'bench', 'floor-extension'))
      : PopupBench.startPair(snapshot, versusDir, true));
    if (bench !== null) {
      try {
        chromium = bench.browser.context.browser()?.version() ?? null;
        if (options.only.has('popup')) {
          popup = [];
          for (const scenario of SCENARIOS) {
            if (options.sites !== null && !options.sites.has(scenario.id)) continue;
            const result = await attempt(errors, `popup, ${scenario.id}`, () => benchPopupScenario(bench, scenario, options));
            if (result !== null) popup.push(result);
          }
        }
        if (options.profile) profile = await attempt(errors, 'popup profile', () => profilePopup(bench, options.profileSite, (sitePage) => {
          const scenario = SCENARIOS.find((candidate) => candidate.id === options.profileSite);
          if (scenario === undefined) throw new Error(`--profile-site: no site "${options.profileSite}" (known: ${SCENARIOS.map((c) => c.id).join(', ')})`);
          return scenario.prepare(bench, sitePage);
        }));
        if (backgroundInSharedBrowser && options.only.has('worker')) workerStart = await attempt(errors, 'service worker start', () => benchWorkerStart(bench, options));
        if (backgroundInSharedBrowser && options.only.has('background')) {
          page = await attempt(errors, 'background, 5,000 page cookie writes', async () => {
            const writes = await startPageWrites(bench, 5_000, 10_000, path.join(REPO_ROOT, 'bench', 'listener-extension'));
            try {
              // The ruled site is for comparison only: the least the issue allows (10 runs, 1 warm-up).
              return { unruled: await writes.run('unruled', options), ruled: await writes.run('ruled', { runs: 10, warmup: 1 }) };
            } finally {
              await writes.close();
            }
          });
        }
        if (options.only.has('panel')) {
          panel = await attempt(errors, 'side panel, 5,000 page cookie writes', () => benchPanelWrites(bench, 5_000, options));
        }
      } finally {
        await bench.close();
      }
    }
  }

  let versus: BenchResults['versus'] = null;
  if (versusDir !== null && (options.only.has('background') || options.only.has('worker'))) {
    const pageWrites = options.only.has('background')
      ? await attempt(errors, 'background, 5,000 page cookie writes, new / old build each in its own Chromium',
        () => benchPageWritesVersus(snapshot, versusDir, 5_000, 10_000, options))
      : null;
    const versusWorkerStart = options.only.has('worker')
      ? await attempt(errors, 'service worker start, new / old build each in its own Chromium', () => benchWorkerStartVersus(snapshot, versusDir, options))
      : null;
    versus = { pageWrites, workerStart: versusWorkerStart };
    chromium ??= pageWrites?.chromium ?? versusWorkerStart?.chromium ?? null;
  }

  const pure = options.only.has('background') ? await attempt(errors, 'background, pure hot path', async () => benchHotPath(nodeOptions)) : null;
  const decode = options.only.has('decode') ? await attempt(errors, 'decode rate', async () => benchDecode(nodeOptions)) : null;
  const cli = options.only.has('cli') ? await attempt(errors, 'CLI audit of a crawl', () => benchCliAudit(REPO_ROOT)) : null;
  rmSync(snapshot, { recursive: true, force: true });

  const cpu = cpus();
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${process.platform} ${release()}`, node: process.version, chromium,
      loadAverage: { start: loadStart, end: loadavg()[0] ?? 0 },
    },
    method: {
      runs: options.runs, warmup: options.warmup, extension: path.relative(REPO_ROOT, options.extensionDir),
      ...(versusDir === null ? {} : { versus: versusDir }),
    },
    popup,
    workerStart,
    background: pure === null ? null : { pure, page },
    decode,
    panel,
    cli,
    sizes,
    versus,
    profile,
    errors,
  };
  const rounded = roundNumbers(results);
  const report = renderReport(results);
  console.log(`\n${report}`);
  console.log(`bench: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);

  const tmpDir = path.join(REPO_ROOT, 'tmp', 'bench');
  mkdirSync(tmpDir, { recursive: true });
  writeFileSync(path.join(tmpDir, 'results.json'), `${JSON.stringify(rounded, null, 2)}\n`);
  if (options.write && errors.length === 0) {
    writeFileSync(path.join(REPO_ROOT, 'bench', 'results.json'), `${JSON.stringify(rounded, null, 2)}\n`);
    updateDocs(report);
    console.log('bench: wrote bench/results.json and the results section of docs/BENCHMARKS.md');
  } else {
    console.log(`bench: results in tmp/bench/results.json${errors.length > 0 ? ' (not committed: something could not be measured)' : ' (partial or --no-write run: bench/results.json unchanged)'}`);
  }
  return errors.length === 0 ? 0 : 1;
}

const DOCS_START = '<!-- bench:results:start -->';
const DOCS_END = '<!-- bench:results:end -->';

/** Replaces the generated results section of docs/BENCHMARKS.md. */
function updateDocs(report: string): void {
  const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(DOCS_START);
  const end = text.indexOf(DOCS_END);
  if (start === -1 || end < start) {
    console.log(`bench: docs/BENCHMARKS.md has no ${DOCS_START} … ${DOCS_END} section; left as it is`);
    return;
  }
  writeFileSync(file, `${text.slice(0, start + DOCS_START.length)}\n${report}\n${text.slice(end)}`);
}

