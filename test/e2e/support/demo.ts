// A typed wrapper over the demo site (test/demo-site/server.mjs) for e2e specs.
import type { Page } from 'playwright-core';
import { startDemoSite } from '../../demo-site/server.mjs';
import type { BeaconRecord, RequestRecord } from '../../demo-site/server.mjs';
import { SITE_HOSTS } from '../../demo-site/hosts.mjs';

export type { BeaconRecord, RequestRecord };

export type PresetName = 'others' | 'variants' | 'login' | 'trackers' | 'hostile' | 'dnt' | 'declined' | 'optout' | 'bulk' | 'clear';

export interface PresetOptions {
  /** The host that asks (host-only cookies land there). Default `www.hubdemo.test`. */
  readonly host?: string;
  /** For `bulk` (count) and `clear` (how many bulk names to expire). */
  readonly n?: number;
  /** For `bulk`: spread over hosts, host-only/Domain and paths. */
  readonly spread?: boolean;
}

/** Anything with `goto` that returns a response with `json()`: a Playwright or a puppeteer page. */
export interface NavigablePage {
  goto(url: string): Promise<{ ok(): boolean; json(): Promise<unknown> } | null>;
}

export interface DemoHandle {
  readonly port: number;
  /** `https://<host>:<port><path>`; host defaults to `www.hubdemo.test`. */
  url(host?: string, path?: string): string;
  beacons(): BeaconRecord[];
  clearBeacons(): void;
  requests(): RequestRecord[];
  clearRequests(): void;
  /**
   * Resolves with the logged beacons once there are at least `count`. With `sentSince` (ms), only
   * beacons the page sent at or after that time count (their `ts` field), so a late beacon from
   * an earlier test cannot be mistaken for a new one.
   */
  waitForBeacons(count: number, options?: { readonly timeoutMs?: number; readonly sentSince?: number }): Promise<BeaconRecord[]>;
  presetUrl(name: PresetName, options?: PresetOptions): string;
  /** Navigates `page` to the preset URL (the browser stores the cookies) and returns the JSON summary. */
  setPreset(page: NavigablePage, name: PresetName, options?: PresetOptions): Promise<unknown>;
  close(): Promise<void>;
}

const DEFAULT_HOST = SITE_HOSTS[0];

export async function startDemo(options: { readonly port?: number } = {}): Promise<DemoHandle> {
  const site = await startDemoSite(options.port === undefined ? {} : { port: options.port });
  const presetUrl = (name: PresetName, presetOptions: PresetOptions = {}): string => {
    const query = new URLSearchParams({ preset: name });
    if (presetOptions.n !== undefined) query.set('n', String(presetOptions.n));
    if (presetOptions.spread === true) query.set('spread', '1');
    return site.url(presetOptions.host ?? DEFAULT_HOST, `/__demo/set?${query}`);
  };
  return {
    port: site.port,
    url: (host = DEFAULT_HOST, path = '/') => site.url(host, path),
    beacons: () => site.beacons(),
    clearBeacons: () => site.clearBeacons(),
    requests: () => site.requests(),
    clearRequests: () => site.clearRequests(),
    waitForBeacons: (count, waitOptions = {}) => new Promise((resolve, reject) => {
      const timeoutMs = waitOptions.timeoutMs ?? 10_000;
      const sentSince = waitOptions.sentSince ?? 0;
      const matching = (): BeaconRecord[] => site.beacons().filter((beacon) => Number(beacon.query['ts'] ?? Number.NaN) >= sentSince || sentSince === 0);
      let unsubscribe = (): void => undefined;
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`expected ${count} beacons within ${timeoutMs} ms, got ${matching().length}`));
      }, timeoutMs);
      const check = (): void => {
        const log = matching();
        if (log.length < count) return;
        unsubscribe();
        clearTimeout(timer);
        resolve(log);
      };
      unsubscribe = site.onBeacon(check);
      check();
    }),
    presetUrl,
    async setPreset(page, name, presetOptions = {}) {
      const response = await page.goto(presetUrl(name, presetOptions));
      if (response === null) throw new Error(`no response for preset ${name}`);
      const body = await response.json();
      if (!response.ok()) throw new Error(`preset ${name} failed: ${JSON.stringify(body)}`);
      return body;
    },
    close: () => site.close(),
  };
}

// ---- the stand-in tracker's state, as `window.__demoTracker` exposes it ------------------------

export interface TrackerSnapshot {
  readonly ready: boolean;
  readonly portalId: string;
  readonly cookieDomain: string | null;
  readonly hashedDomain: string;
  readonly domainHash: number;
  readonly visitorId: string;
  readonly hstc: string;
  readonly hssc: string;
  readonly sessionNumber: number;
  readonly pageViews: number;
  readonly isNewSession: boolean;
  readonly persisted: boolean;
  readonly consent: { readonly analytics: boolean; readonly bitmask: number; readonly source: string };
  readonly rewriteIntervalMs: number | null;
  readonly rewrites: number;
  readonly beaconCount: number;
  readonly suppressedReasons: readonly string[];
  readonly lastBeacon: string | null;
  readonly settledBeacons: number;
}

type JsonObject = { [key: string]: unknown };

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field<T>(source: JsonObject, key: string, check: (value: unknown) => value is T): T {
  const value = source[key];
  if (!check(value)) throw new Error(`__demoTracker.${key} has an unexpected value: ${JSON.stringify(value)}`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isNumberOrNull = (value: unknown): value is number | null => value === null || typeof value === 'number';
const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

/** Validates the JSON of `window.__demoTracker` into a typed snapshot. */
export function parseTrackerSnapshot(json: string): TrackerSnapshot {
  const raw: unknown = JSON.parse(json);
  if (!isJsonObject(raw)) throw new Error('window.__demoTracker is missing');
  const consent = field(raw, 'consent', isJsonObject);
  return {
    ready: field(raw, 'ready', isBoolean),
    portalId: field(raw, 'portalId', isString),
    cookieDomain: field(raw, 'cookieDomain', isStringOrNull),
    hashedDomain: field(raw, 'hashedDomain', isString),
    domainHash: field(raw, 'domainHash', isNumber),
    visitorId: field(raw, 'visitorId', isString),
    hstc: field(raw, 'hstc', isString),
    hssc: field(raw, 'hssc', isString),
    sessionNumber: field(raw, 'sessionNumber', isNumber),
    pageViews: field(raw, 'pageViews', isNumber),
    isNewSession: field(raw, 'isNewSession', isBoolean),
    persisted: field(raw, 'persisted', isBoolean),
    consent: {
      analytics: field(consent, 'analytics', isBoolean),
      bitmask: field(consent, 'bitmask', isNumber),
      source: field(consent, 'source', isString),
    },
    rewriteIntervalMs: field(raw, 'rewriteIntervalMs', isNumberOrNull),
    rewrites: field(raw, 'rewrites', isNumber),
    beaconCount: field(raw, 'beacons', isArray).length,
    suppressedReasons: field(raw, 'suppressed', isArray).map((entry) => (isJsonObject(entry) ? String(entry['reason']) : '')),
    lastBeacon: field(raw, 'lastBeacon', isStringOrNull),
    settledBeacons: field(raw, 'settledBeacons', isNumber),
  };
}

/** Waits until the stand-in tracker on `page` has handled the page load. */
export async function waitForTracker(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset['demoTracker'] === 'ready', undefined, { polling: 20 });
}

/** The tracker's state on `page` (waits for it first). */
export async function trackerSnapshot(page: Page): Promise<TrackerSnapshot> {
  await waitForTracker(page);
  return parseTrackerSnapshot(await page.evaluate(() => JSON.stringify(Reflect.get(window, '__demoTracker'))));
}
