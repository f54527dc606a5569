// A typed wrapper over the demo site (harness/demo-site/server.mjs) for e2e specs.
import type { Page } from 'playwright-core';
import { startDemoSite } from './demo-site/server.mjs';
import type { BeaconRecord, RequestRecord } from './demo-site/server.mjs';
import { SITE_HOSTS } from './demo-site/hosts.mjs';

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
   * beacons the page sent at or after that time count (their `cts` field, `w` on error reports),
   * so a late beacon from an earlier test cannot be mistaken for a new one.
   */
  waitForBeacons(count: number, options?: { readonly timeoutMs?: number; readonly sentSince?: number }): Promise<BeaconRecord[]>;
  presetUrl(name: PresetName, options?: PresetOptions): string;
  /** Navigates `page` to the preset URL (the browser stores the cookies) and returns the JSON summary. */
  setPreset(page: NavigablePage, name: PresetName, options?: PresetOptions): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_HOST = SITE_HOSTS[0];

/** When the page sent a request, by the page's clock: `cts` on beacons, `w` on error reports; NaN if neither. */
export function beaconSentAt(beacon: BeaconRecord): number {
  return Number(beacon.query['cts'] ?? beacon.query['w'] ?? Number.NaN);
}

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
      const matching = (): BeaconRecord[] => site.beacons().filter((beacon) => sentSince === 0 || beaconSentAt(beacon) >= sentSince);
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
      // The body is read only to explain a failure: Firefox ESR 140's WebDriver BiDi cannot hand
      // a response body to puppeteer (no network.getData), and success needs no body.
      if (!response.ok()) throw new Error(`preset ${name} failed: ${JSON.stringify(await response.json().catch((error: unknown) => String(error)))}`);
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
  /** Where consent came from (`source`: the banner's reason, or no decision yet). */
  readonly consent: { readonly known: boolean; readonly allowed: boolean; readonly analytics: boolean; readonly bitmask: number; readonly source: string };
  /** `cookie`, `hubspotutk`, `window.hubspotutk`, `url-query`, `url-fragment`, `__hsUserToken`, `new` or `reset`. */
  readonly identitySource: string;
  /** Why an identity in the URL was refused (`fingerprint`, `domain-hash`), or null. */
  readonly urlIdentityRefused: string | null;
  readonly identity: Readonly<Record<string, string>>;
  readonly fingerprint: number;
  readonly trackingHost: string;
  readonly lifetimeDays: number;
  readonly expiry: string;
  readonly cookieWrites: number;
  readonly visitorResets: number;
  readonly decoratedLinks: number;
  readonly errorReportCount: number;
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
      known: field(consent, 'known', isBoolean),
      allowed: field(consent, 'allowed', isBoolean),
      analytics: field(consent, 'analytics', isBoolean),
      bitmask: field(consent, 'bitmask', isNumber),
      source: field(consent, 'source', isString),
    },
    identitySource: field(raw, 'identitySource', isString),
    urlIdentityRefused: field(raw, 'urlIdentityRefused', isStringOrNull),
    identity: Object.fromEntries(Object.entries(field(raw, 'identity', isJsonObject)).map(([key, value]) => [key, String(value)])),
    fingerprint: field(raw, 'fingerprint', isNumber),
    trackingHost: field(raw, 'trackingHost', isString),
    lifetimeDays: field(raw, 'lifetimeDays', isNumber),
    expiry: field(raw, 'expiry', isString),
    cookieWrites: field(raw, 'cookieWrites', isNumber),
    visitorResets: field(raw, 'visitorResets', isNumber),
    decoratedLinks: field(raw, 'decoratedLinks', isNumber),
    errorReportCount: field(raw, 'errorReports', isArray).length,
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

// ---- the stand-in banner (`window.__demoBanner`) ------------------------------------------------

export interface BannerSnapshot {
  readonly policy: string;
  readonly version: string;
  /** `waiting` until the visitor (or the cookies) decided, then `decided`. */
  readonly state: string;
  readonly visible: boolean;
  readonly allowed: boolean | null;
  readonly analytics: boolean | null;
  readonly reason: string | null;
}

/** The banner's state on `page`; null when the page has no banner (`?tracker=0`, `?banner=off`). */
export async function bannerSnapshot(page: Page): Promise<BannerSnapshot | null> {
  const json = await page.evaluate(() => JSON.stringify(Reflect.get(window, '__demoBanner') ?? null));
  const raw: unknown = JSON.parse(json);
  if (raw === null) return null;
  if (!isJsonObject(raw)) throw new Error('window.__demoBanner has an unexpected shape');
  const consent: unknown = raw['consent'];
  const decided = isJsonObject(consent) ? consent : null;
  const categories: unknown = decided?.['categories'];
  return {
    policy: field(raw, 'policy', isString),
    version: field(raw, 'version', isString),
    state: field(raw, 'state', isString),
    visible: field(raw, 'visible', isBoolean),
    allowed: decided === null ? null : field(decided, 'allowed', isBoolean),
    analytics: isJsonObject(categories) ? field(categories, 'analytics', isBoolean) : null,
    reason: decided === null ? null : field(decided, 'reason', isString),
  };
}
