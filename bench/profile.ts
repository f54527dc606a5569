// `npm run bench -- --profile`: one Cookie Lens popup opening on the 180-cookie site, traced with
// Chromium's tracing (the DevTools Performance panel's data, CPU samples included), summarised as
// where the popup's main thread spent the time from its navigation to "rendered". The raw trace
// is kept in tmp/bench/ for chrome://tracing or the DevTools Performance panel.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/paths.ts';
import type { PopupBench } from './popup.ts';

export interface PopupProfile {
  /** Milliseconds of main-thread work by kind, between the popup's navigation start and rendered. */
  readonly breakdown: Readonly<Record<string, number>>;
  /** Top JavaScript functions by self time (ms), as `name file`. */
  readonly functions: ReadonlyArray<{ readonly name: string; readonly ms: number }>;
  readonly windowMs: number;
  readonly summary: string;
  readonly trace: string;
}

const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing', 'loading',
  'disabled-by-default-v8.cpu_profiler', 'toplevel',
];

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: Record<string, unknown>;
  /** Ties a CPU profile's chunks (written on the profiler's thread) to its `Profile` event. */
  readonly id?: string;
}

function isTraceEvent(value: unknown): value is TraceEvent {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'name') === 'string' && typeof Reflect.get(value, 'ts') === 'number'
    && typeof Reflect.get(value, 'pid') === 'number' && typeof Reflect.get(value, 'tid') === 'number';
}

/** `value` as a list of unknowns (an empty one when it is not an array). */
function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined;
  return current;
}

/** The kind of main-thread work a trace event is, for the events that are counted. */
function kindOf(name: string): string | null {
  if (name === 'v8.evaluateModule' || name === 'EvaluateScript' || name === 'v8.run') return 'script evaluation (top level of modules)';
  if (name === 'v8.compile' || name === 'v8.compileModule' || name === 'V8.CompileCode' || name === 'v8.parseOnBackground') return 'script compile';
  if (name === 'FunctionCall' || name === 'RunMicrotasks' || name === 'TimerFire' || name === 'FireAnimationFrame' || name === 'EventDispatch') return 'JavaScript (functions, promise callbacks, timers)';
  if (name === 'ParseHTML' || name === 'ParseAuthorStyleSheet') return 'HTML and CSS parsing';
  if (name === 'UpdateLayoutTree') return 'style';
  if (name === 'Layout') return 'layout';
  if (name === 'PrePaint' || name === 'Paint' || name === 'Layerize' || name === 'Commit') return 'paint';
  if (name === 'MinorGC' || name === 'MajorGC' || name === 'V8.GC_SCAVENGER' || name === 'V8.GC_MARK_COMPACTOR') return 'garbage collection';
  return null;
}

/**
 * Sums the counted events on the popup's main thread inside [from, to] (trace microseconds),
 * outermost counted event only (a FunctionCall inside a TimerFire is not counted twice).
 */
function breakdownOf(events: readonly TraceEvent[], from: number, to: number): { parts: Record<string, number>; busy: number } {
  const parts: Record<string, number> = {};
  let coveredUntil = 0;
  let taskUntil = 0;
  let busy = 0;
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const start = Math.max(event.ts, from);
    const end = Math.min(event.ts + event.dur, to);
    if (end <= start) continue;
    if (event.name === 'RunTask' && event.ts >= taskUntil) {
      busy += end - start;
      taskUntil = event.ts + event.dur;
    }
    const kind = kindOf(event.name);
    if (kind === null || event.ts < coveredUntil) continue;
    coveredUntil = event.ts + event.dur;
    parts[kind] = (parts[kind] ?? 0) + (end - start) / 1000;
  }
  return { parts, busy: busy / 1000 };
}

/** Self time per function from the CPU profile the trace carries for the popup's thread. */
function functionsOf(events: readonly TraceEvent[], pid: number, tid: number, from: number, to: number): Array<{ name: string; ms: number }> {
  const nodes = new Map<number, string>();
  const self = new Map<string, number>();
  const profile = events.find((event) => event.name === 'Profile' && event.pid === pid && event.tid === tid);
  const startTime = field(profile?.args, 'data', 'startTime');
  let time = typeof startTime === 'number' ? startTime : 0;
  let previous: { node: number; at: number } | null = null;
  for (const event of events) {
    if (profile === undefined || event.name !== 'ProfileChunk' || event.pid !== pid || event.id !== profile.id) continue;
    const chunk = field(event.args, 'data', 'cpuProfile');
    for (const node of list(field(chunk, 'nodes'))) {
      const id = field(node, 'id');
      const name = field(node, 'callFrame', 'functionName');
      const url = field(node, 'callFrame', 'url');
      if (typeof id === 'number') nodes.set(id, `${typeof name === 'string' && name !== '' ? name : '(anonymous)'} ${typeof url === 'string' ? url.replace(/^chrome-extension:\/\/[a-p]+/, '') : ''}`.trim());
    }
    const samples = list(field(chunk, 'samples'));
    const deltas = list(field(event.args, 'data', 'timeDeltas'));
    samples.forEach((sample, index) => {
      const delta: unknown = deltas[index];
      time += typeof delta === 'number' ? delta : 0;
      if (previous !== null && previous.at >= from && previous.at <= to) {
        const label = nodes.get(previous.node) ?? '(unknown)';
        self.set(label, (self.get(label) ?? 0) + (time - previous.at) / 1000);
      }
      if (typeof sample === 'number') previous = { node: sample, at: time };
    });
  }
  return [...self].filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)') && !name.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, ms]) => ({ name, ms }));
}

export async function profilePopup(bench: PopupBench, site: string, prepare: (page: Page) => Promise<void>): Promise<PopupProfile> {
  await bench.browser.context.clearCookies();
  const page = await bench.browser.context.newPage();
  try {
    await prepare(page);
    const expected = await bench.expectedRows(page);
    const rows = expected.site + expected.embedded;
    for (let i = 0; i < 3; i += 1) await bench.open(bench.cookieLens, page, rows);
    const browser = bench.browser.context.browser();
    if (browser === null) throw new Error('no browser to trace');
    await browser.startTracing(undefined, { categories: CATEGORIES });
    const sample = await bench.open(bench.cookieLens, page, rows);
    const buffer = await browser.stopTracing();
    const trace = path.join(REPO_ROOT, 'tmp', 'bench', 'popup-trace.json');
    writeFileSync(trace, buffer);

    const parsed: unknown = JSON.parse(buffer.toString('utf8'));
    const events = list(Array.isArray(parsed) ? parsed : field(parsed, 'traceEvents')).filter(isTraceEvent).sort((a, b) => a.ts - b.ts);
    const parse = events.find((event) => event.name === 'ParseHTML' && JSON.stringify(event.args ?? {}).includes('/popup.html'));
    if (parse === undefined) throw new Error('the trace has no popup document');
    const onThread = events.filter((event) => event.pid === parse.pid && event.tid === parse.tid);
    const navigation = onThread.find((event) => event.name === 'navigationStart' && event.ts <= parse.ts)
      ?? events.find((event) => event.name === 'navigationStart' && event.pid === parse.pid && JSON.stringify(event.args ?? {}).includes('/popup.html'));
    const from = navigation?.ts ?? parse.ts;
    const documentMs = sample.clickToRendered - sample.clickToNavigation;
    const to = from + documentMs * 1000;
    const { parts, busy } = breakdownOf(onThread, from, to);
    const counted = Object.values(parts).reduce((sum, value) => sum + value, 0);
    const breakdown: Record<string, number> = { ...parts, 'other main-thread tasks (IPC replies, module loading, bindings)': Math.max(0, busy - counted), 'main thread idle (waiting)': Math.max(0, documentMs - busy) };
    const functions = functionsOf(events, parse.pid, parse.tid, from, to);
    const summary = [
      `Traced (tracing slows it): ${documentMs.toFixed(0)} ms from the popup's navigation start to rendered, ${rows} rows (${site}). Main thread:`,
      '',
      '| work | ms |', '|---|---|',
      ...Object.entries(breakdown).sort((a, b) => b[1] - a[1]).map(([kind, value]) => `| ${kind} | ${value.toFixed(1)} |`),
      '',
      'Top JavaScript functions by self time (minified names unless the build keeps them):',
      '',
      '| function | ms |', '|---|---|',
      ...functions.map((entry) => `| \`${entry.name}\` | ${entry.ms.toFixed(1)} |`),
    ].join('\n');
    return { breakdown, functions, windowMs: documentMs, summary, trace: path.relative(REPO_ROOT, trace) };
  } finally {
    await page.close();
  }
}
