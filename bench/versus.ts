// `--versus DIR` for the background: the build under test ("new") against another build of Cookie
// Lens ("old"), each alone in its own Chromium, so neither build hears the other's cookie events or
// shares its worker's thread. Page time for cookie writes with 10,000 rules stored, and the
// service worker's cold start; ratios new / old pair by pair, the order alternating. Method:
// docs/BENCHMARKS.md.
import type { Page, Worker } from 'playwright-core';
import { launchChromium, type ChromiumHarness } from '../harness/chromium.ts';
import { startDemo } from '../harness/demo.ts';
import { pairedRatios, spread, type Spread } from './stats.ts';
import { WRITTEN_NAMES, instrumentWorker, pageWrites, storeRulesIn, timedMessage, waitFor, workerCounts, type RunOptions } from './worker.ts';

declare const chrome: {
  readonly storage: { readonly local: { clear(): Promise<void> } };
};

/** One build in a browser of its own, with an extension page of it open (the manifest as text). */
interface BuildInBrowser {
  readonly browser: ChromiumHarness;
  readonly host: Page;
}

/** Both builds' browsers; index 0 is the new build, 1 the old one. */
type Pair = readonly [BuildInBrowser, BuildInBrowser];

/** Which build goes first in pair `i`: alternating, so neither always has the machine to itself first. */
function orderOf(i: number): readonly [0, 1] | readonly [1, 0] {
  return i % 2 === 0 ? [0, 1] : [1, 0];
}

async function launchBuild(dir: string): Promise<BuildInBrowser> {
  const browser = await launchChromium({ extensionDirs: [dir] });
  try {
    const host = await browser.context.newPage();
    await host.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    return { browser, host };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

function chromiumVersion(pair: Pair): string | null {
  return pair[0].browser.context.browser()?.version() ?? null;
}

/** Runs `body` with the two builds each in its own Chromium, closing both afterwards. */
async function withPair<T>(newDir: string, oldDir: string, body: (pair: Pair) => Promise<T>): Promise<T> {
  const newBuild = await launchBuild(newDir);
  let oldBuild: BuildInBrowser;
  try {
    oldBuild = await launchBuild(oldDir);
  } catch (error) {
    await newBuild.browser.close();
    throw error;
  }
  try {
    return await body([newBuild, oldBuild]);
  } finally {
    await newBuild.browser.close();
    await oldBuild.browser.close();
  }
}

// ---- Service worker start ---------------------------------------------------------------------

export interface VersusWorkerStartResult {
  /** Chromium's version, as both browsers report it. */
  readonly chromium: string | null;
  /** Message sent to a stopped worker until its reply, ms, per build. */
  readonly newCold: Spread;
  readonly oldCold: Spread;
  /** new / old, pair by pair. */
  readonly coldRatio: Spread;
  /** The same message to the running worker, ms: the messaging round trip itself. */
  readonly newWarm: Spread;
  readonly oldWarm: Spread;
  /** The kept cold starts pair by pair, ms, so several runs can be pooled (results.json only). */
  readonly samples: { readonly new: readonly number[]; readonly old: readonly number[] };
}

export async function benchWorkerStartVersus(newDir: string, oldDir: string, options: RunOptions): Promise<VersusWorkerStartResult> {
  return withPair(newDir, oldDir, async (pair) => {
    const cold: [number[], number[]] = [[], []];
    const warm: [number[], number[]] = [[], []];
    for (let i = 0; i < options.warmup + options.runs; i += 1) {
      for (const which of orderOf(i)) {
        const build = pair[which];
        await build.browser.stopServiceWorker();
        const first = await timedMessage(build.host);
        const second = await timedMessage(build.host);
        if (i < options.warmup) continue;
        cold[which].push(first);
        warm[which].push(second);
      }
    }
    return {
      chromium: chromiumVersion(pair),
      newCold: spread(cold[0]), oldCold: spread(cold[1]), coldRatio: spread(pairedRatios(cold[0], cold[1])),
      newWarm: spread(warm[0]), oldWarm: spread(warm[1]),
      samples: { new: cold[0], old: cold[1] },
    };
  });
}

// ---- Cookie writes by a page ------------------------------------------------------------------

export interface VersusPageWritesResult {
  readonly writes: number;
  readonly storedRules: number;
  /** Page time for the writes (and one read that waits for them), ms, per build. */
  readonly newBuild: Spread;
  readonly oldBuild: Spread;
  /** new / old, pair by pair. */
  readonly ratio: Spread;
  /** storage.local/session/managed reads by each build's background per run (mean over the kept runs). */
  readonly newStorageReadsPerRun: number;
  readonly oldStorageReadsPerRun: number;
  /** cookies.onChanged events each build's background received per run (mean). */
  readonly newEventsPerRun: number;
  readonly oldEventsPerRun: number;
  /** The kept page times pair by pair, ms, so several runs can be pooled (results.json only). */
  readonly samples: { readonly new: readonly number[]; readonly old: readonly number[] };
}

export interface VersusPageWrites {
  /** Chromium's version, as both browsers report it. */
  readonly chromium: string | null;
  readonly unruled: VersusPageWritesResult;
  readonly ruled: VersusPageWritesResult;
}

/**
 * The page writes of section 3 with each build alone in its own browser: both get the same
 * `storedRules` rules as a version-1 store, which each migrates on read. After each browser's writes
 * the benchmark waits until that build's worker has been handed every event, so the next browser's
 * page does not share the cores with the previous build's leftover work.
 */
export async function benchPageWritesVersus(newDir: string, oldDir: string, writes: number, storedRules: number, options: RunOptions): Promise<VersusPageWrites> {
  const demo = await startDemo();
  try {
    return await withPair(newDir, oldDir, async (pair) => {
      const pages: Page[] = [];
      const workers: Worker[] = [];
      for (const build of pair) {
        const page = await build.browser.context.newPage();
        await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
        const worker = await build.browser.serviceWorker();
        await instrumentWorker(worker);
        pages.push(page);
        workers.push(worker);
      }
      const run = async (withSiteRule: boolean, runOptions: RunOptions): Promise<VersusPageWritesResult> => {
        for (const [which, build] of pair.entries()) {
          const worker = workers[which];
          if (worker === undefined) throw new Error('no worker');
          await storeRulesIn(build.host, worker, storedRules, withSiteRule);
        }
        const times: [number[], number[]] = [[], []];
        const reads = [0, 0];
        const events = [0, 0];
        // As in section 3: every write replaces a cookie (one "removed" and one "added" event),
        // less the first write of each name when it did not exist yet.
        const expectedEvents = 2 * writes - WRITTEN_NAMES.length;
        for (let i = 0; i < runOptions.warmup + runOptions.runs; i += 1) {
          for (const which of orderOf(i)) {
            const page = pages[which];
            const worker = workers[which];
            if (page === undefined || worker === undefined) throw new Error('no page or worker');
            const before = await workerCounts(worker);
            const ms = await pageWrites(page, writes);
            if (ms < 0) throw new Error('the page could not read its cookies back');
            await waitFor(async () => (await workerCounts(worker)).events - before.events >= expectedEvents, 30_000,
              `the ${which === 0 ? 'new' : 'old'} build's background to receive every cookie event`);
            const after = await workerCounts(worker);
            if (i < runOptions.warmup) continue;
            times[which].push(ms);
            reads[which] = (reads[which] ?? 0) + after.reads - before.reads;
            events[which] = (events[which] ?? 0) + after.events - before.events;
          }
        }
        return {
          writes, storedRules: storedRules + (withSiteRule ? 1 : 0),
          newBuild: spread(times[0]), oldBuild: spread(times[1]), ratio: spread(pairedRatios(times[0], times[1])),
          newStorageReadsPerRun: (reads[0] ?? 0) / runOptions.runs, oldStorageReadsPerRun: (reads[1] ?? 0) / runOptions.runs,
          newEventsPerRun: (events[0] ?? 0) / runOptions.runs, oldEventsPerRun: (events[1] ?? 0) / runOptions.runs,
          samples: { new: times[0], old: times[1] },
        };
      };
      const unruled = await run(false, options);
      // The ruled site is for comparison only: the least the issue allows (10 runs, 1 warm-up).
      const ruled = await run(true, { runs: 10, warmup: 1 });
      for (const build of pair) await build.host.evaluate(() => chrome.storage.local.clear());
      return { chromium: chromiumVersion(pair), unruled, ruled };
    });
  } finally {
    await demo.close();
  }
}
