// The benchmark's tables (Markdown), printed by `npm run bench` and kept in docs/BENCHMARKS.md.
import type { BenchResults } from './main.ts';
import type { Spread } from './stats.ts';

const POPUP_RATIO_TARGET = 1.25;
const PAGE_RATIO_TARGET = 1.05;
/** `--versus`: the new build may be no slower than the old one, within this (issue 16). */
const VERSUS_RATIO_TARGET = 1.05;
const EVENT_TARGET_US = 2;
const HSTC_TARGET_PER_SECOND = 1_000_000;
/** One frame at 60 Hz: filtering as the visitor types must fit in it. */
const FRAME_MS = 1000 / 60;

function ms(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

function spreadOf(value: Spread, format: (n: number) => string, unit: string): string {
  return `${format(value.median)}${unit} (${format(value.min)}–${format(value.max)})`;
}

const ratio = (value: number): string => value.toFixed(2);
const micro = (ns: number): string => (ns / 1000).toFixed(2);

function rate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  return `${(perSecond / 1e3).toFixed(0)} k`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function verdict(met: boolean): string {
  return met ? 'met' : '**missed**';
}

export function renderReport(results: BenchResults): string {
  const lines: string[] = [];
  const { machine } = results;
  lines.push(`Run of ${results.generatedAt.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, `
    + `${machine.os}, Node ${machine.node}, Chromium ${machine.chromium ?? '(not started)'}; load average ${machine.loadAverage.start.toFixed(1)} at the start, `
    + `${machine.loadAverage.end.toFixed(1)} at the end. Medians with (min–max) over ${results.method.runs} runs after ${results.method.warmup} warm-up runs.`);
  lines.push('');
  const targets: Array<[string, string, boolean]> = [];

  const versusDir = results.method.versus;
  if (versusDir !== undefined) {
    lines.push(`**A/B run (\`--versus\`)**: "new" is the measured build (${results.method.extension}), "old" is ${versusDir}; ratios are new / old, pair by pair.`, '');
  }

  if (results.popup !== null) {
    lines.push('### Popup: toolbar click to rendered (headless Chromium, icon pinned)', '');
    if (versusDir === undefined) {
      lines.push('| site | rows | Cookie Lens | floor (names only) | Cookie Lens / floor | popup document alone: Cookie Lens / floor |');
    } else {
      lines.push('| site | rows | new build | old build | new / old | popup document alone: new / old |');
    }
    lines.push('|---|---|---|---|---|---|');
    for (const scenario of results.popup) {
      const rows = versusDir === undefined ? `${scenario.rows} (floor: ${scenario.floorRows})` : String(scenario.rows);
      lines.push(`| ${scenario.title} | ${rows} | ${spreadOf(scenario.cookieLens, ms, ' ms')} | ${spreadOf(scenario.floor, ms, ' ms')} `
        + `| ${spreadOf(scenario.ratio, ratio, '')} | ${ms(scenario.cookieLensDocument.median)} ms / ${ms(scenario.floorDocument.median)} ms |`);
      if (versusDir === undefined) targets.push([`popup ${scenario.id}: Cookie Lens / floor ≤ ${POPUP_RATIO_TARGET}`, ratio(scenario.ratio.median), scenario.ratio.median <= POPUP_RATIO_TARGET]);
      else targets.push([`popup ${scenario.id}: new / old ≤ ${VERSUS_RATIO_TARGET}`, spreadOf(scenario.ratio, ratio, ''), scenario.ratio.median <= VERSUS_RATIO_TARGET]);
    }
    lines.push('', 'Phases of an opening (medians, ms from the popup document\'s navigation start; marks made by the popups themselves: '
      + '`popup:script` its first script runs, `popup:evaluated` all its modules have run, `popup:data` the tab and cookie reads are back, '
      + '`popup:report` the cookies are decoded and explained, `rendered` the observer saw every row):', '');
    lines.push(versusDir === undefined ? '| site | Cookie Lens | floor |' : '| site | new build | old build |', '|---|---|---|');
    const phaseList = (phases: Readonly<Record<string, number>>): string => Object.entries(phases).map(([name, at]) => `${name.replace(/^popup:/, '')} ${ms(at)}`).join(' → ');
    for (const scenario of results.popup) lines.push(`| ${scenario.id} | ${phaseList(scenario.phases.cookieLens)} | ${phaseList(scenario.phases.floor)} |`);
    const late = results.popup.reduce((sum, scenario) => sum + scenario.lateSamples, 0);
    if (late > 0) lines.push('', `${late} openings were already rendered when the observer found them, so they are timed a few ms late.`);
    lines.push('');
  }

  if (results.background !== null) {
    const { pure, page } = results.background;
    lines.push(`### Background: cookies.onChanged with ${pure.rules.toLocaleString('en')} rules stored`, '');
    if (versusDir !== undefined) {
      lines.push('The pure logic below runs from this checkout\'s source in Node, so it is not compared with the old build '
        + '(the page writes and the worker start are, in the next sections).', '');
    }
    lines.push('| what | median (min–max) |', '|---|---|');
    lines.push(`| pure logic per event, site without a rule, the demo's mixed names (${pure.openTabs} tabs with badges) | ${spreadOf(pure.unruledMixed, micro, ' µs')} |`);
    lines.push(`| pure logic per event, site without a rule, names a rule can concern | ${spreadOf(pure.unruledTracked, micro, ' µs')} |`);
    lines.push(`| pure logic per event, site with a rule (then the enforcement run starts) | ${spreadOf(pure.ruledTracked, micro, ' µs')} |`);
    lines.push(`| migrating the stored settings and building the rule index, once per worker start or change | ${spreadOf(pure.indexBuildMs, ms, ' ms')} |`);
    targets.push([`pure logic per event without a rule ≤ ${EVENT_TARGET_US} µs`, `${micro(Math.max(pure.unruledMixed.median, pure.unruledTracked.median))} µs`,
      Math.max(pure.unruledMixed.median, pure.unruledTracked.median) <= EVENT_TARGET_US * 1000]);
    if (page !== null) {
      for (const [label, result] of [['site without a rule', page.unruled], ['site with a rule (do not track)', page.ruled]] as const) {
        lines.push(`| ${result.writes.toLocaleString('en')} cookie writes by a page, ${label}: page time with / without Cookie Lens | `
          + `${ms(result.withExtension.median)} ms / ${ms(result.withoutExtension.median)} ms, ratio ${spreadOf(result.ratio, ratio, '')} |`);
        lines.push(`| … the same browser with only an empty cookies.onChanged listener: page time; ratio to none; Cookie Lens / empty listener | `
          + `${ms(result.withEmptyListener.median)} ms; ${spreadOf(result.emptyListenerRatio, ratio, '')}; ${spreadOf(result.overEmptyListener, ratio, '')} |`);
        lines.push(`| … storage reads by the background per run; events it received per run | ${result.storageReadsPerRun} reads; ${Math.round(result.eventsPerRun)} events |`);
      }
      targets.push([`page time with / without, site without a rule ≤ ${PAGE_RATIO_TARGET}`, ratio(page.unruled.ratio.median), page.unruled.ratio.median <= PAGE_RATIO_TARGET]);
      targets.push(['storage reads for events on a site without a rule = 0', String(page.unruled.storageReadsPerRun), page.unruled.storageReadsPerRun === 0]);
    }
    lines.push('');
  }

  if (results.versus !== undefined && results.versus !== null) renderVersus(results.versus, lines, targets);

  if (results.panel !== undefined && results.panel !== null) {
    const { panel } = results;
    lines.push('### Side panel: a page writing cookies with the panel open / closed', '');
    lines.push('| what | median (min–max) |', '|---|---|');
    lines.push(`| ${panel.writes.toLocaleString('en')} cookie writes by a page: page time with the side panel open (logging the site) | ${spreadOf(panel.panelOpen, ms, ' ms')} |`);
    lines.push(`| … the same with the panel closed | ${spreadOf(panel.panelClosed, ms, ' ms')} |`);
    lines.push(`| … open / closed, run by run | ${spreadOf(panel.ratio, ratio, '')} |`);
    lines.push(`| … rows the panel's log showed after each open run (it draws the newest 200) | ${panel.rowsShown} |`);
    lines.push('');
  }

  if (results.workerStart !== null) {
    lines.push('### Service worker start', '');
    lines.push('| what | median (min–max) |', '|---|---|');
    lines.push(`| stopped worker → reply to its first message (\`exportRules\`) | ${spreadOf(results.workerStart.cold, ms, ' ms')} |`);
    lines.push(`| the same message to the running worker | ${spreadOf(results.workerStart.warm, ms, ' ms')} |`);
    lines.push('');
  }

  if (results.decode !== null) {
    const { decode } = results;
    lines.push('### Decode rate (Node, cookies per second of CPU time)', '');
    lines.push('| cookies | distinct values | per second, median (min–max) |', '|---|---|---|');
    for (const entry of [decode.hstc, decode.hubspotSet, ...decode.hubspotFamilies, decode.mixed, decode.explainedMixed]) {
      lines.push(`| ${entry.label} | ${entry.cookies} | ${spreadOf(entry.perSecond, rate, '')} |`);
    }
    targets.push([`__hstc decoded per second ≥ ${rate(HSTC_TARGET_PER_SECOND)}`, rate(decode.hstc.perSecond.median), decode.hstc.perSecond.median >= HSTC_TARGET_PER_SECOND]);
    lines.push('');
    const { search } = decode;
    const ms = (value: number): string => `${value.toFixed(3)} ms`;
    lines.push(`### Search (Node, CPU time over the ${search.rows} rows of the mixed set)`, '');
    lines.push('| step | median (min–max) |', '|---|---|');
    lines.push(`| build the search text of every row (once per report) | ${spreadOf(search.indexMs, ms, '')} |`);
    lines.push(`| filter every row for one query (each key press) | ${spreadOf(search.filterMs, ms, '')} |`, '');
    targets.push([`search filters ${search.rows} rows within one frame (≤ ${ms(FRAME_MS)})`, ms(search.filterMs.median), search.filterMs.median <= FRAME_MS]);
  }

  if (results.cli !== undefined && results.cli !== null) {
    const { cli } = results;
    lines.push('### Command line over a crawl (Node, wall time)', '');
    lines.push('| input | files per second, median (min–max) | heap after the runs |', '|---|---|---|');
    lines.push(`| \`decode --json --har DIR\`, ${cli.files} copies of the demo site's HAR (${kb(cli.fileBytes)} each), one site per file | ${spreadOf(cli.filesPerSecond, (n) => n.toFixed(0), '')} | ${cli.heapUsedMiB.toFixed(0)} MiB |`);
    lines.push('');
  }

  if (results.sizes !== null) {
    lines.push('### Sizes (gzip level 9; enforced by test/build/sizes.test.ts)', '');
    lines.push('| part | raw | gzip (zip: the file) | budget |', '|---|---|---|---|');
    for (const size of results.sizes) {
      lines.push(`| ${size.label} | ${kb(size.raw)} | ${kb(size.gzip)} | ${size.budget === null ? '–' : kb(size.budget)} |`);
      if (size.budget !== null) targets.push([`${size.label} ≤ ${kb(size.budget)}`, kb(size.gzip), size.gzip <= size.budget]);
    }
    lines.push('');
  }

  if (results.profile !== null) {
    lines.push('### Where the popup spends its time (one traced opening)', '');
    lines.push(results.profile.summary, '');
  }

  if (targets.length > 0) {
    lines.push('### Targets', '', '| target | measured (median) | |', '|---|---|---|');
    for (const [what, measured, met] of targets) lines.push(`| ${what} | ${measured} | ${verdict(met)} |`);
    lines.push('');
  }
  if (results.errors.length > 0) lines.push('### Not measured', '', ...results.errors.map((error) => `- ${error.split('\n')[0] ?? error}`), '');
  return lines.join('\n').trimEnd();
}

/** `--versus`: the background's figures, each build alone in its own Chromium. */
function renderVersus(versus: NonNullable<BenchResults['versus']>, lines: string[], targets: Array<[string, string, boolean]>): void {
  const { pageWrites, workerStart } = versus;
  if (pageWrites !== null) {
    lines.push('### Background, new / old build: a page writing cookies, each build alone in its own Chromium', '');
    lines.push('| what | median (min–max) |', '|---|---|');
    for (const [label, result] of [['site without a rule', pageWrites.unruled], ['site with a rule (do not track)', pageWrites.ruled]] as const) {
      lines.push(`| ${result.writes.toLocaleString('en')} cookie writes by a page, ${result.storedRules.toLocaleString('en')} rules stored, ${label}: page time new / old, pair by pair | ${spreadOf(result.ratio, ratio, '')} |`);
      lines.push(`| … page time with the new build; with the old build | ${spreadOf(result.newBuild, ms, ' ms')}; ${spreadOf(result.oldBuild, ms, ' ms')} |`);
      lines.push(`| … storage reads by the background per run, new; old | ${result.newStorageReadsPerRun}; ${result.oldStorageReadsPerRun} |`);
      lines.push(`| … events the background received per run, new; old | ${Math.round(result.newEventsPerRun)}; ${Math.round(result.oldEventsPerRun)} |`);
    }
    lines.push('');
    targets.push([`page time new / old, site without a rule ≤ ${VERSUS_RATIO_TARGET}`, spreadOf(pageWrites.unruled.ratio, ratio, ''), pageWrites.unruled.ratio.median <= VERSUS_RATIO_TARGET]);
  }
  if (workerStart !== null) {
    lines.push('### Service worker start, new / old build, each alone in its own Chromium', '');
    lines.push('| what | median (min–max) |', '|---|---|');
    lines.push(`| stopped worker → reply to its first message (\`exportRules\`), new / old, pair by pair | ${spreadOf(workerStart.coldRatio, ratio, '')} |`);
    lines.push(`| … new build; old build | ${spreadOf(workerStart.newCold, ms, ' ms')}; ${spreadOf(workerStart.oldCold, ms, ' ms')} |`);
    lines.push(`| the same message to the running worker, new build; old build | ${spreadOf(workerStart.newWarm, ms, ' ms')}; ${spreadOf(workerStart.oldWarm, ms, ' ms')} |`);
    lines.push('');
    targets.push([`worker cold start new / old ≤ ${VERSUS_RATIO_TARGET}`, spreadOf(workerStart.coldRatio, ratio, ''), workerStart.coldRatio.median <= VERSUS_RATIO_TARGET]);
  }
}
