// Benchmarks in Node over the pure modules: the background's cookies.onChanged hot path with
// 10,000 stored rules, and the decoders' rate. Inputs come from the demo site's documented cookie
// presets (harness/demo-site/presets.mjs), the same cookies the browser benchmarks use.
import type { CookieRecord } from '../src/model/cookie.ts';
import { RuleIndex, isTrackedCookieName, type SiteRule } from '../src/core/rules.ts';
import { activeRuleFor, ownerHost, tabShowsOwner } from '../src/core/cookie-change.ts';
import { isTrackingCookieName } from '../src/core/tracking-names.ts';
import { findFamily, runDecoder } from '../src/decode/registry.ts';
import { hubspotFamilies } from '../src/decode/hubspot/index.ts';
import type { CookieFamily, DecodeContext } from '../src/decode/types.ts';
import { buildSiteReport } from '../src/explain/report.ts';
import { filterRows, searchEntry } from '../src/explain/search.ts';
import { lookupNameFacts } from '../src/explain/name-facts.ts';
import { siteFromUrl } from '../src/core/site.ts';
import { migrate } from '../src/storage/migrate.ts';
import { PRESETS, bulkCookies, expandValue } from '../harness/demo-site/presets.mjs';
import { SITE_COOKIE_DOMAIN } from '../harness/demo-site/hosts.mjs';
import { spread, type Spread } from './stats.ts';

export interface NodeBenchOptions {
  readonly runs: number;
  readonly warmup: number;
}

/** A module-level value the benchmarked code feeds, so the JIT cannot drop the work as unused. */
let sink = 0;

/**
 * CPU nanoseconds per call of `body(i)`, for `count` calls, as one measurement. CPU time (user +
 * system, this process) rather than wall time: the machine is shared, and time the process spends
 * waiting for a core is not a cost of the code (on an idle machine the two agree).
 */
function timeLoop(count: number, body: (i: number) => number): number {
  const cpuStart = process.cpuUsage();
  let local = 0;
  for (let i = 0; i < count; i += 1) local += body(i);
  const cpu = process.cpuUsage(cpuStart);
  sink += local;
  return ((cpu.user + cpu.system) * 1000) / count;
}


/** Repeats `measure` after `warmup` discarded runs; returns the spread of the kept runs. */
function repeat(options: NodeBenchOptions, measure: () => number): Spread {
  for (let i = 0; i < options.warmup; i += 1) measure();
  const kept: number[] = [];
  for (let i = 0; i < options.runs; i += 1) kept.push(measure());
  return spread(kept);
}

/** How many calls make one measurement last about `targetMs` (at least `minimum`). */
function calibrate(body: (i: number) => number, targetMs: number, minimum: number): number {
  let count = minimum;
  for (;;) {
    const perCallNs = timeLoop(count, body);
    if (perCallNs * count >= targetMs * 1e6 || count >= 1e8) return count;
    count = Math.max(count * 2, Math.ceil((targetMs * 1e6) / Math.max(perCallNs, 0.1)));
  }
}

// ---- Background: cookies.onChanged ------------------------------------------------------------

export interface HotPathResult {
  readonly rules: number;
  readonly openTabs: number;
  /** Nanoseconds per event. */
  readonly unruledMixed: Spread;
  readonly unruledTracked: Spread;
  readonly ruledTracked: Spread;
  /** Milliseconds to migrate the stored settings and build the index once (worker start, settings change). */
  readonly indexBuildMs: Spread;
  /** Events of each kind that reached a rule (a check that the inputs exercise the paths they claim to). */
  readonly ruleHits: { readonly unruledMixed: number; readonly unruledTracked: number; readonly ruledTracked: number };
}

function fakeRules(count: number, now: number): Record<string, SiteRule> {
  const rules: Record<string, SiteRule> = {};
  for (let i = 0; i < count; i += 1) {
    const site = `site-${String(i).padStart(5, '0')}.example`;
    // A realistic mix: do-not-track only, opt-out, opt-out with blocking, and rules switched off.
    const kind = i % 4;
    rules[site] = {
      site,
      doNotTrack: kind !== 3,
      optOut: kind === 1 ? 'cookies' : kind === 2 ? 'block' : 'off',
      since: now - i * 60_000,
    };
  }
  return rules;
}

function record(name: string, domain: string, partitionSite?: string): CookieRecord {
  return {
    name, value: 'x', domain, hostOnly: !domain.startsWith('.'), path: '/', secure: false, httpOnly: false,
    sameSite: 'lax', storeId: '0', ...(partitionSite === undefined ? {} : { partitionKey: { topLevelSite: partitionSite } }),
  };
}

/**
 * The synchronous work `handleCookieChange` (src/background/enforce.ts) does for one event, step
 * by step with the same pure functions: the badge check (badge.ts, badgeCookieChanged), the
 * name filter, then, for names a rule can care about, the rule lookup. The quarantine after a
 * reset is empty, as it is outside the 15 s after a reset. Returns 1 when a rule applies.
 */
function onChangedPurePath(cookie: CookieRecord, index: RuleIndex, tabHosts: ReadonlyMap<number, string>, rebadge: (tabId: number) => void): number {
  // handleCookieChange → badgeCookieChanged(change.cookie.name, ownerHost(change.cookie))
  const owner = ownerHost(cookie);
  if (tabHosts.size !== 0 && isTrackingCookieName(cookie.name)) {
    for (const [tabId, host] of tabHosts) if (tabShowsOwner(host, owner)) rebadge(tabId);
  }
  // if (!isTrackedCookieName(name) && quarantine.size === 0) return;
  if (!isTrackedCookieName(cookie.name)) return 0;
  // onCookieChangeWithIndex: Date.now(), the (empty) quarantine check, ownerHost, activeRuleFor
  if (Date.now() < 0) return 0;
  const rule = activeRuleFor(index, ownerHost(cookie));
  return rule === undefined ? 0 : 1;
}

export function benchHotPath(options: NodeBenchOptions): HotPathResult {
  const now = Date.now();
  const ruleCount = 10_000;
  const stored = { version: 1, rules: fakeRules(ruleCount, now), undo: {}, setAside: [] };
  const build = (): RuleIndex => {
    const result = migrate(stored);
    if (!result.ok) throw new Error(`the stored settings did not migrate: ${result.problem}`);
    return new RuleIndex(Object.values(result.store.rules));
  };
  const index = build();
  if (index.size !== ruleCount) throw new Error(`expected ${ruleCount} rules in the index, got ${index.size}`);

  // Eight open tabs, one of them on a ruled site; badges are kept for them.
  const tabHosts = new Map<number, string>([
    [1, 'www.news.example'], [2, 'mail.provider.example'], [3, 'www.site-00004.example'], [4, 'shop.unruled.example'],
    [5, 'docs.vendor.example'], [6, 'www.video.example'], [7, 'app.tool.example'], [8, 'www.hubdemo.test'],
  ]);
  let rebadged = 0;
  const rebadge = (): void => { rebadged += 1; };

  // The demo site's realistic mix (the bulk preset: HubSpot, GA, Meta, Matomo, Amplitude, ...),
  // on a site without a rule, over its hosts, with partitioned cookies from an embed.
  const mixNames = bulkCookies(180, true, 'www.hubdemo.test').map((entry) => entry.cookie.name);
  const domains = [SITE_COOKIE_DOMAIN, 'www.hubdemo.test', 'blog.hubdemo.test', '.blog.hubdemo.test'];
  const unruledMixed = mixNames.map((name, i) => (i % 20 === 19
    ? record(name, 'widget.embedco.test', 'https://hubdemo.test')
    : record(name, domains[i % domains.length] ?? SITE_COOKIE_DOMAIN)));
  const trackedNames = ['__hstc', 'hubspotutk', '__hssc', '__hssrc', '__hs_cookie_cat_pref', '__hs_do_not_track', '__hs_opt_out'];
  const unruledTracked = trackedNames.flatMap((name) => [record(name, SITE_COOKIE_DOMAIN), record(name, 'www.shop.unruled.example'), record(name, '.deep.sub.domain.of.unruled.example')]);
  const ruledTracked = trackedNames.flatMap((name, i) => {
    const site = `site-${String(i * 4).padStart(5, '0')}.example`;
    return [record(name, `.${site}`), record(name, `www.${site}`), record(name, 'embed.other.example', `https://${site}`)];
  });

  const perEvent = (events: readonly CookieRecord[]): Spread => {
    const body = (i: number): number => onChangedPurePath(events[i % events.length] ?? unruledMixed[0] ?? record('x', 'x'), index, tabHosts, rebadge);
    const count = calibrate(body, 30, 10_000);
    return repeat(options, () => timeLoop(count, body));
  };
  const hits = (events: readonly CookieRecord[]): number => events.reduce((sum, cookie) => sum + onChangedPurePath(cookie, index, tabHosts, rebadge), 0);
  const result: HotPathResult = {
    rules: ruleCount,
    openTabs: tabHosts.size,
    unruledMixed: perEvent(unruledMixed),
    unruledTracked: perEvent(unruledTracked),
    ruledTracked: perEvent(ruledTracked),
    indexBuildMs: repeat({ runs: options.runs, warmup: 2 }, () => timeLoop(1, () => build().size) / 1e6),
    ruleHits: { unruledMixed: hits(unruledMixed), unruledTracked: hits(unruledTracked), ruledTracked: hits(ruledTracked) },
  };
  if (result.ruleHits.unruledMixed !== 0 || result.ruleHits.unruledTracked !== 0) throw new Error('an event on a site without a rule found a rule');
  if (result.ruleHits.ruledTracked !== ruledTracked.length) throw new Error(`only ${result.ruleHits.ruledTracked} of ${ruledTracked.length} ruled events found their rule`);
  sink += rebadged;
  return result;
}

// ---- Decoding -------------------------------------------------------------------------------

export interface DecodeRate {
  readonly label: string;
  /** Distinct cookies in the sample. */
  readonly cookies: number;
  /** Cookies decoded per second. */
  readonly perSecond: Spread;
}

export interface DecodeResult {
  readonly hstc: DecodeRate;
  readonly hubspotFamilies: readonly DecodeRate[];
  readonly hubspotSet: DecodeRate;
  readonly mixed: DecodeRate;
  /** The popup's whole per-site step (decode, attribute, summarise) over the mixed set, as cookies per second. */
  readonly explainedMixed: DecodeRate;
  readonly search: SearchTimes;
}

/** The popup's search over the mixed set's rows (CPU milliseconds; one frame is 16.7 ms). */
export interface SearchTimes {
  readonly rows: number;
  /** Building every row's searchable text, once per report. */
  readonly indexMs: Spread;
  /** Filtering every row for one query, as on each key press (the mean over a mix of queries). */
  readonly filterMs: Spread;
}

interface Sample {
  readonly name: string;
  readonly value: string;
  readonly family: CookieFamily;
  /** The decoder's context for this cookie, built once (see decodeRate). */
  readonly ctx: DecodeContext;
}

const HOST = 'www.hubdemo.test';

/** The preset cookies with their values as the server writes them at `now`. */
function presetCookies(now: number): Array<{ name: string; value: string; domain: string }> {
  const fixed = [...PRESETS['others']?.cookies ?? [], ...PRESETS['trackers']?.cookies ?? [], ...PRESETS['dnt']?.cookies ?? [],
    ...PRESETS['declined']?.cookies ?? [], ...PRESETS['variants']?.cookies ?? []];
  const bulk = bulkCookies(180, false, HOST).map((entry) => entry.cookie);
  return [...bulk, ...fixed].map((entry) => ({
    name: entry.name, value: expandValue(entry.value, now), domain: entry.scope === 'site' ? SITE_COOKIE_DOMAIN : HOST,
  }));
}

function samplesOf(cookies: ReadonlyArray<{ name: string; value: string; domain: string }>, ctx: DecodeContext): Sample[] {
  const samples: Sample[] = [];
  for (const cookie of cookies) {
    const family = findFamily(cookie.name);
    if (family === undefined || family.load !== undefined) continue;
    samples.push({ name: cookie.name, value: cookie.value, family, ctx: { ...ctx, name: cookie.name, cookieDomain: cookie.domain } });
  }
  return samples;
}

/**
 * Cookies per second through `findFamily` and the family's decoder, as report.ts viewCookie calls
 * them, with each cookie's context built beforehand: Node 20's V8 takes about 5 µs for an object
 * spread whose source holds a non-integer number (`now`), which would swamp the decoders (Chromium
 * 156 does not have that slow path; docs/BENCHMARKS.md).
 */
function decodeRate(label: string, samples: readonly Sample[], options: NodeBenchOptions): DecodeRate {
  const first = samples[0];
  if (first === undefined) throw new Error(`no cookies to decode for ${label}`);
  // Decoding must succeed, or the rate would be that of the error path.
  for (const sample of samples) {
    const outcome = runDecoder(sample.family.decode, sample.value, sample.ctx);
    if (!outcome.ok) throw new Error(`${label}: ${sample.name}=${sample.value.slice(0, 40)} did not decode (${outcome.problem.code})`);
  }
  const body = (i: number): number => {
    const sample = samples[i % samples.length] ?? first;
    const family = findFamily(sample.name);
    if (family === undefined) return 0;
    return runDecoder(family.decode, sample.value, sample.ctx).ok ? 1 : 0;
  };
  const count = calibrate(body, 20, samples.length * 10);
  return { label, cookies: samples.length, perSecond: repeat(options, () => 1e9 / timeLoop(count, body)) };
}

export function benchDecode(options: NodeBenchOptions): DecodeResult {
  const now = Date.now();
  const cookies = presetCookies(now);
  const siblings = new Map<string, string>();
  for (const cookie of cookies) if (!siblings.has(cookie.name)) siblings.set(cookie.name, cookie.value);
  const ctx: DecodeContext = { now, host: HOST, siblings };

  const all = samplesOf(cookies, ctx);
  const hubspot = all.filter((sample) => hubspotFamilies.includes(sample.family));
  const byFamily = new Map<string, Sample[]>();
  for (const sample of hubspot) byFamily.set(sample.family.id, [...byFamily.get(sample.family.id) ?? [], sample]);
  const hstc = hubspot.filter((sample) => sample.name === '__hstc');

  // The mixed set: the bulk preset the popup benchmark shows (180 cookies), every cookie of it,
  // including those only the Open Cookie Database attributes (not decoded, so not in `samples`).
  const mixedCookies = cookies.slice(0, 180);
  const mixed = samplesOf(mixedCookies, ctx);

  // Warm every decoder first, so each row is measured in the same compiled state of the code.
  for (let round = 0; round < 2000; round += 1) for (const sample of all) runDecoder(sample.family.decode, sample.value, sample.ctx);

  const parsed = siteFromUrl(`https://${HOST}/`);
  if (!parsed.ok) throw new Error('the demo host did not parse');
  const records: CookieRecord[] = mixedCookies.map((cookie) => ({ ...record(cookie.name, cookie.domain), value: cookie.value }));
  const explained = (): number => 1e9 / timeLoop(records.length * 20, (i) => {
    if (i % records.length !== 0) return 0;
    return buildSiteReport(records, parsed.site, now, lookupNameFacts).views.length;
  });

  // The search: the rows of the 180-cookie report, labelled as the popup labels them (vendor and
  // category ids stand in for their translations, which have the same lengths to within a few
  // characters), then a mix of queries as someone types them: short and long, found and not.
  const views = buildSiteReport(records, parsed.site, now, lookupNameFacts).views;
  const buildIndex = () => views.map((view) => searchEntry(view, view.outcome, { vendor: view.vendor ?? 'not recognised', category: view.category ?? 'other' }));
  const index = buildIndex();
  const queries = ['h', 'hu', 'hub', 'hubspot', 'app0012', 'analytics 2026', 'zzzz not there', 'x7Yq2x7Yq2 0179'];
  const search: SearchTimes = {
    rows: views.length,
    indexMs: repeat(options, () => timeLoop(20, () => buildIndex().length) / 1e6),
    filterMs: repeat(options, () => timeLoop(queries.length * 50, (i) => filterRows(index, queries[i % queries.length] ?? '')?.size ?? 0) / 1e6),
  };

  return {
    search,
    hstc: decodeRate('__hstc', hstc, options),
    hubspotFamilies: [...byFamily].map(([id, samples]) => decodeRate(id, samples, options)),
    hubspotSet: decodeRate('HubSpot set', hubspot, options),
    mixed: decodeRate('mixed (demo bulk preset)', mixed, options),
    explainedMixed: { label: 'mixed, decoded and explained (buildSiteReport)', cookies: records.length, perSecond: repeat(options, explained) },
  };
}
