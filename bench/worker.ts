// The background in a real browser: what a page pays for cookie writes while Cookie Lens is loaded
// (against the same browser without it), how many storage reads those events cause, and how long
// a stopped service worker takes to answer its first message. Method: docs/BENCHMARKS.md.
import type { Page, Worker } from 'playwright-core';
import { launchChromium, launchChromiumWithoutExtension, type ChromiumHarness, type PlainChromium } from '../harness/chromium.ts';
import { SITE_DOMAIN } from '../harness/demo-site/hosts.mjs';
import { STORAGE_KEY } from '../src/storage/schema.ts';
import type { SiteRule } from '../src/core/rules.ts';
import type { PopupBench } from './popup.ts';
import { pairedRatios, spread, type Spread } from './stats.ts';

declare const chrome: {
  readonly runtime: { sendMessage(message: unknown): Promise<unknown> };
  readonly storage: {
    readonly local: { set(items: Record<string, unknown>): Promise<void>; clear(): Promise<void> };
  };
  readonly cookies: { readonly onChanged: { addListener(listener: () => void): void } };
};

export interface RunOptions {
  readonly runs: number;
  readonly warmup: number;
}

// ---- Service worker start ---------------------------------------------------------------------

export interface WorkerStartResult {
  /** Message sent to a stopped worker until its reply arrives, ms. */
  readonly cold: Spread;
  /** The same message to a running worker, ms (the messaging round trip itself). */
  readonly warm: Spread;
}

/** A read-only request every Cookie Lens version answers: the rules as a file. */
const FIRST_MESSAGE = { type: 'exportRules', payload: {} };

/** Sends `exportRules` from an extension page of the build and times the reply, ms. */
export async function timedMessage(page: Page): Promise<number> {
  const { ms, ok } = await page.evaluate(async (message) => {
    const start = performance.now();
    const reply: unknown = await chrome.runtime.sendMessage(message);
    const elapsed = performance.now() - start;
    return { ms: elapsed, ok: typeof reply === 'object' && reply !== null && Reflect.get(reply, 'ok') === true };
  }, FIRST_MESSAGE);
  if (!ok) throw new Error('the background did not answer exportRules with ok: true');
  return ms;
}

export async function benchWorkerStart(bench: PopupBench, options: RunOptions): Promise<WorkerStartResult> {
  const page = bench.cookieLens.host;
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < options.warmup + options.runs; i += 1) {
    await bench.browser.stopServiceWorker();
    const first = await timedMessage(page);
    const second = await timedMessage(page);
    if (i < options.warmup) continue;
    cold.push(first);
    warm.push(second);
  }
  // Leave the harness's worker handle usable for what follows.
  await bench.browser.serviceWorker();
  return { cold: spread(cold), warm: spread(warm) };
}

// ---- Cookie writes by a page ------------------------------------------------------------------

export interface PageWritesResult {
  readonly writes: number;
  readonly storedRules: number;
  /** Page time for the writes (and one read that waits for them), ms. */
  readonly withExtension: Spread;
  readonly withoutExtension: Spread;
  /** with / without, pair by pair. */
  readonly ratio: Spread;
  /** The same browser with only an extension whose cookies.onChanged listener does nothing. */
  readonly withEmptyListener: Spread;
  /** empty listener / without: what the browser's event dispatch alone costs the page. */
  readonly emptyListenerRatio: Spread;
  /** with Cookie Lens / with the empty listener: what Cookie Lens's own handling adds. */
  readonly overEmptyListener: Spread;
  /** storage.local/session/managed reads by the background, per run (mean over the kept runs). */
  readonly storageReadsPerRun: number;
  /** cookies.onChanged events the background received per run (mean; checks that it saw every write). */
  readonly eventsPerRun: number;
}

/** Names the page writes: HubSpot's (the ones rules care about), GA/Meta-style, and plain ones. */
export const WRITTEN_NAMES = ['__hstc', 'hubspotutk', '__hssc', '__hssrc', '_ga', '_fbp', '_ga_B0042', 'cart_id', 'theme', 'session_hint'];

/** The page script: `count` writes through document.cookie, then one read, which waits for them. */
export async function pageWrites(page: Page, count: number): Promise<number> {
  return page.evaluate(({ count: total, names }) => {
    const start = performance.now();
    for (let i = 0; i < total; i += 1) document.cookie = `${names[i % names.length] ?? 'x'}=${i}; path=/; max-age=3600; samesite=lax`;
    const seen = document.cookie.length;
    return seen > 0 ? performance.now() - start : -1;
  }, { count, names: WRITTEN_NAMES });
}

export function fakeRules(count: number, now: number): Record<string, SiteRule> {
  const rules: Record<string, SiteRule> = {};
  for (let i = 0; i < count; i += 1) {
    const site = `site-${String(i).padStart(5, '0')}.example`;
    rules[site] = { site, doNotTrack: i % 4 !== 3, optOut: i % 4 === 1 ? 'cookies' : 'off', since: now - i * 60_000 };
  }
  return rules;
}

/** Counters in the service worker: storage reads and cookie events since the last reset. */
export async function instrumentWorker(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const counts = { reads: 0, events: 0 };
    Reflect.set(globalThis, '__benchCounts', counts);
    const api: unknown = Reflect.get(globalThis, 'chrome');
    const storage: unknown = typeof api === 'object' && api !== null ? Reflect.get(api, 'storage') : undefined;
    for (const areaName of ['local', 'session', 'managed']) {
      const area: unknown = typeof storage === 'object' && storage !== null ? Reflect.get(storage, areaName) : undefined;
      if (typeof area !== 'object' || area === null) continue;
      const original: unknown = Reflect.get(area, 'get');
      if (typeof original !== 'function') continue;
      // The polyfill looks the method up on every call, so counting here sees every read.
      Reflect.set(area, 'get', function countedGet(this: unknown, ...args: unknown[]): unknown {
        counts.reads += 1;
        return Reflect.apply(original, this, args);
      });
    }
    chrome.cookies.onChanged.addListener(() => { counts.events += 1; });
  });
}

export async function workerCounts(worker: Worker): Promise<{ reads: number; events: number }> {
  return worker.evaluate(() => {
    const counts: unknown = Reflect.get(globalThis, '__benchCounts');
    const read = (key: string): number => (typeof counts === 'object' && counts !== null && typeof Reflect.get(counts, key) === 'number' ? Number(Reflect.get(counts, key)) : -1);
    return { reads: read('reads'), events: read('events') };
  });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    // Poll gently: the worker being waited for shares the two cores.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Writes `count` fake rules (and, with `withSiteRule`, one for the demo site) as a version-1
 * settings store from an extension page (`host`) of the build, which migrates it on read, and waits
 * until the build's worker (instrumented) has read storage again: it rebuilds its rule index from
 * storage on every change.
 */
export async function storeRulesIn(host: Page, worker: Worker, count: number, withSiteRule: boolean): Promise<void> {
  const now = Date.now();
  const rules = fakeRules(count, now);
  if (withSiteRule) rules[SITE_DOMAIN] = { site: SITE_DOMAIN, doNotTrack: true, optOut: 'off', since: now };
  const before = await workerCounts(worker);
  await host.evaluate(({ key, store }) => chrome.storage.local.set({ [key]: store }), {
    key: STORAGE_KEY, store: { version: 1, rules, undo: {}, setAside: [] },
  });
  await waitFor(async () => (await workerCounts(worker)).reads > before.reads, 10_000, 'the background to reload its rules');
  await worker.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

export interface PageWritesBench {
  run(scenario: 'unruled' | 'ruled', options: RunOptions): Promise<PageWritesResult>;
  close(): Promise<void>;
}

/** Every order of the three browsers, used in turn, so no browser always goes first or last. */
const ORDERS = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0], [1, 0, 2], [0, 2, 1]] as const;

export async function startPageWrites(bench: PopupBench, writes: number, storedRules: number, listenerDir: string): Promise<PageWritesBench> {
  // The popup benchmark's 180 cookies would push the site over Chromium's 180-cookie limit.
  await bench.browser.context.clearCookies();
  const plain: PlainChromium = await launchChromiumWithoutExtension();
  let listener: ChromiumHarness;
  try {
    listener = await launchChromium({ extensionDirs: [listenerDir] });
  } catch (error) {
    await plain.close();
    throw error;
  }
  const sitePath = '/?tracker=0';
  const withPage = await bench.browser.context.newPage();
  const withoutPage = await plain.context.newPage();
  const listenerPage = await listener.context.newPage();
  for (const page of [withPage, withoutPage, listenerPage]) await page.goto(bench.demo.url('www.hubdemo.test', sitePath));
  const worker = await bench.browser.serviceWorker();
  await instrumentWorker(worker);

  const storeRules = (withSiteRule: boolean): Promise<void> => storeRulesIn(bench.cookieLens.host, worker, storedRules, withSiteRule);

  return {
    async run(scenario, options) {
      await storeRules(scenario === 'ruled');
      const withTimes: number[] = [];
      const withoutTimes: number[] = [];
      const listenerTimes: number[] = [];
      let storageReads = 0;
      let events = 0;
      // Every write replaces a cookie: one "removed" and one "added" event each, less the first
      // write of each name when it did not exist yet.
      const expectedEvents = 2 * writes - WRITTEN_NAMES.length;
      for (let i = 0; i < options.warmup + options.runs; i += 1) {
        const before = await workerCounts(worker);
        const pages = [withPage, withoutPage, listenerPage];
        const times = [0, 0, 0];
        for (const which of ORDERS[i % ORDERS.length] ?? ORDERS[0]) times[which] = await pageWrites(pages[which] ?? withPage, writes);
        const [withMs = -1, withoutMs = -1, listenerMs = -1] = times;
        if (withMs < 0 || withoutMs < 0 || listenerMs < 0) throw new Error('the page could not read its cookies back');
        // The next run starts once the background has been handed every event of this one.
        await waitFor(async () => (await workerCounts(worker)).events - before.events >= expectedEvents, 30_000, 'the background to receive every cookie event');
        const after = await workerCounts(worker);
        if (i < options.warmup) continue;
        withTimes.push(withMs);
        withoutTimes.push(withoutMs);
        listenerTimes.push(listenerMs);
        storageReads += after.reads - before.reads;
        events += after.events - before.events;
      }
      return {
        writes, storedRules: storedRules + (scenario === 'ruled' ? 1 : 0),
        withExtension: spread(withTimes), withoutExtension: spread(withoutTimes),
        ratio: spread(pairedRatios(withTimes, withoutTimes)),
        withEmptyListener: spread(listenerTimes),
        emptyListenerRatio: spread(pairedRatios(listenerTimes, withoutTimes)),
        overEmptyListener: spread(pairedRatios(withTimes, listenerTimes)),
        storageReadsPerRun: storageReads / options.runs,
        eventsPerRun: events / options.runs,
      };
    },
    async close() {
      await bench.cookieLens.host.evaluate(() => chrome.storage.local.clear());
      await withPage.close();
      await plain.close();
      await listener.close();
    },
  };
}
