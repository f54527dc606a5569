// @e2e-without-extension: proves the demo site and its stand-in tracker behave as documented in
// docs/facts/hubspot-cookies.md, in real Chromium (no extension), plus a Firefox smoke test
// of the harness with a throwaway probe extension.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Cookie, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRESETS, renderPresetDocs } from '../demo-site/presets.mjs';
import type { PresetCookie } from '../demo-site/presets.mjs';
import { launchChromiumWithoutExtension } from './support/chromium.ts';
import type { PlainChromium } from './support/chromium.ts';
import { startDemo, trackerSnapshot, waitForTracker } from './support/demo.ts';
import type { BeaconRecord, DemoHandle, PresetName } from './support/demo.ts';
import { launchFirefox, pollInPage } from './support/firefox.ts';
import { REPO_ROOT } from './support/paths.ts';
import { PROBE_GECKO_ID, writeProbeExtension } from './support/probe-extension.ts';

/**
 * The section 3 hash of `.hubdemo.test`, worked out by hand-running the algorithm in a separate
 * script that reproduces every row of the doc's table (`.example.com` 114212440, `.hubspot.com`
 * 20629287, ...). Not computed by the code under test.
 */
const HUBDEMO_DOMAIN_HASH = '200321585';
const PORTAL_ID = '4815162';
const DAY_SECONDS = 24 * 60 * 60;
const VISITOR_LIFETIME_SECONDS = 180 * DAY_SECONDS;
const SESSION_LIFETIME_SECONDS = 30 * 60;
/** Chromium caps cookie lifetimes at 400 days (other-trackers.md, [G-GA4]). */
const CHROMIUM_MAX_LIFETIME_SECONDS = 400 * DAY_SECONDS;
/** Slack for expiry checks: the browser and the test read the clock at different moments. */
const CLOCK_SLACK_SECONDS = 5;

let demo: DemoHandle;
let browser: PlainChromium;
let context: BrowserContext;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromiumWithoutExtension();
  context = browser.context;
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** When the current test started; beacons sent earlier belong to another test. */
let testStartedAt = 0;

/** The tab each test uses; reused across tests (opening a tab costs more than a navigation). */
let page: Page;

beforeEach(async () => {
  const [first, ...others] = context.pages();
  for (const extra of others) await extra.close();
  page = first ?? await context.newPage();
  await page.goto('about:blank');
  await context.clearCookies();
  demo.clearBeacons();
  demo.clearRequests();
  testStartedAt = Date.now();
});

/** This test's beacons, once there are at least `count`. */
function beaconsOfThisTest(count: number): Promise<BeaconRecord[]> {
  return demo.waitForBeacons(count, { sentSince: testStartedAt });
}

/** This test's beacons logged so far. */
function beaconsSoFar(): BeaconRecord[] {
  return demo.beacons().filter((beacon) => Number(beacon.query['ts']) >= testStartedAt);
}

// ---- helpers -----------------------------------------------------------------------------------

async function siteCookies(): Promise<Cookie[]> {
  return (await context.cookies()).filter((cookie) => cookie.domain.endsWith('hubdemo.test'));
}

function only(cookies: readonly Cookie[], name: string): Cookie {
  const matches = cookies.filter((cookie) => cookie.name === name);
  expect(matches, `exactly one ${name}`).toHaveLength(1);
  const [match] = matches;
  if (match === undefined) throw new Error(`no ${name}`);
  return match;
}

interface Hstc { hash: string; visitorId: string; firstVisit: number; previousSession: number; currentSession: number; sessionNumber: number }
interface Hssc { hash: string; pageViews: number; sessionStart: number }

function parseHstc(value: string): Hstc {
  const parts = value.split('.');
  expect(parts).toHaveLength(6);
  const [hash = '', visitorId = '', first = '', previous = '', current = '', session = ''] = parts;
  return { hash, visitorId, firstVisit: Number(first), previousSession: Number(previous), currentSession: Number(current), sessionNumber: Number(session) };
}

function parseHssc(value: string): Hssc {
  const parts = value.split('.');
  expect(parts).toHaveLength(3);
  const [hash = '', views = '', start = ''] = parts;
  return { hash, pageViews: Number(views), sessionStart: Number(start) };
}

/** Opens `path` on the site in `tab` and waits until the tracker has handled the load. */
async function visit(tab: Page, path = '/', host = 'www.hubdemo.test'): Promise<void> {
  await tab.goto(demo.url(host, path));
  await waitForTracker(tab);
}

async function hubspotState(): Promise<{ hstc: Hstc; hssc: Hssc; cookies: Cookie[] }> {
  const cookies = await siteCookies();
  return { hstc: parseHstc(only(cookies, '__hstc').value), hssc: parseHssc(only(cookies, '__hssc').value), cookies };
}

function expectExpiresIn(cookie: Cookie, lifetimeSeconds: number, fromMs: number, toMs: number): void {
  const lifetime = Math.min(lifetimeSeconds, CHROMIUM_MAX_LIFETIME_SECONDS);
  expect(cookie.expires, `${cookie.name} expiry`).toBeGreaterThanOrEqual(fromMs / 1000 + lifetime - CLOCK_SLACK_SECONDS);
  expect(cookie.expires, `${cookie.name} expiry`).toBeLessThanOrEqual(toMs / 1000 + lifetime + CLOCK_SLACK_SECONDS);
}

/** Writes a cookie from outside the page, as an extension or the user would. */
async function setFromOutside(name: string, value: string, expiresInSeconds = VISITOR_LIFETIME_SECONDS): Promise<void> {
  await context.addCookies([{
    name, value, domain: '.hubdemo.test', path: '/', sameSite: 'Lax', expires: Math.floor(Date.now() / 1000) + expiresInSeconds,
  }]);
}

// ---- the stand-in tracker ----------------------------------------------------------------------

describe('stand-in HubSpot tracker', () => {
  it('first visit: three equal timestamps, session 1, one page view, the documented attributes and a beacon', async () => {
    const before = Date.now();
    await visit(page);
    const [beacon] = await beaconsOfThisTest(1);
    const after = Date.now();
    const { hstc, hssc, cookies } = await hubspotState();

    expect(hstc.hash).toBe(HUBDEMO_DOMAIN_HASH);
    expect(hstc.visitorId).toMatch(/^[0-9a-f]{32}$/);
    expect(hstc.firstVisit).toBeGreaterThanOrEqual(before);
    expect(hstc.firstVisit).toBeLessThanOrEqual(after);
    expect(hstc.previousSession).toBe(hstc.firstVisit);
    expect(hstc.currentSession).toBe(hstc.firstVisit);
    expect(hstc.sessionNumber).toBe(1);
    expect(hssc.hash).toBe(HUBDEMO_DOMAIN_HASH);
    expect(hssc.pageViews).toBe(1);
    // Section 2: the session start is the same instant, or 1 ms later.
    expect(hssc.sessionStart - hstc.firstVisit).toBeGreaterThanOrEqual(0);
    expect(hssc.sessionStart - hstc.firstVisit).toBeLessThanOrEqual(1);
    expect(only(cookies, 'hubspotutk').value).toBe(hstc.visitorId);
    expect(only(cookies, '__hssrc').value).toBe('1');

    for (const name of ['__hstc', 'hubspotutk', '__hssc', '__hssrc']) {
      const cookie = only(cookies, name);
      expect(cookie, name).toMatchObject({ domain: '.hubdemo.test', path: '/', sameSite: 'Lax', httpOnly: false, secure: false });
    }
    expect(only(cookies, '__hssrc').expires).toBe(-1);
    expectExpiresIn(only(cookies, '__hstc'), VISITOR_LIFETIME_SECONDS, before, after);
    expectExpiresIn(only(cookies, 'hubspotutk'), VISITOR_LIFETIME_SECONDS, before, after);
    expectExpiresIn(only(cookies, '__hssc'), SESSION_LIFETIME_SECONDS, before, after);

    expect(beacon).toMatchObject({ host: 'track.hubspot.com', path: '/__ptq.gif' });
    expect(beacon?.query).toMatchObject({
      a: PORTAL_ID, vi: hstc.visitorId, u: only(cookies, '__hstc').value, b: only(cookies, '__hssc').value, cc: '15', k: '1',
    });
    expect(beacon?.referer).toMatch(/^https:\/\/www\.hubdemo\.test:\d+\//);

    const snapshot = await trackerSnapshot(page);
    expect(snapshot).toMatchObject({ hashedDomain: '.hubdemo.test', cookieDomain: '.hubdemo.test', domainHash: Number(HUBDEMO_DOMAIN_HASH), visitorId: hstc.visitorId });
    const fetched = demo.requests().map((request) => `${request.host}${request.path}`);
    expect(fetched).toContain(`js.hs-scripts.com/${PORTAL_ID}.js`);
    expect(fetched).toContain(`js.hs-analytics.net/analytics/${PORTAL_ID}.js`);
  });

  it('a page without the loader tag fetches no tracker script and gets no cookies', async () => {
    await page.goto(demo.url('www.hubdemo.test', '/pricing?tracker=0'));
    const hosts = demo.requests().map((request) => request.host);
    expect(hosts).toContain('www.hubdemo.test');
    expect(hosts).not.toContain('js.hs-scripts.com');
    expect(hosts).not.toContain('js.hs-analytics.net');
    expect(await siteCookies()).toEqual([]);
  });

  it('three more page views: the count reaches 4, the visitor stays, both expiries are pushed', async () => {
    await visit(page);
    const first = await hubspotState();
    // Shorten the lifetimes from outside so that "pushed forward" is visible at second precision.
    await setFromOutside('__hstc', only(first.cookies, '__hstc').value, 600);
    await setFromOutside('hubspotutk', only(first.cookies, 'hubspotutk').value, 600);
    await setFromOutside('__hssc', only(first.cookies, '__hssc').value, 60);
    const before = Date.now();
    await visit(page, '/pricing');
    await visit(page, '/blog/');
    await visit(page, '/blog/', 'blog.hubdemo.test');
    const after = Date.now();
    const later = await hubspotState();

    expect(later.hssc).toEqual({ ...first.hssc, pageViews: 4 });
    expect(later.hstc).toEqual(first.hstc);
    expectExpiresIn(only(later.cookies, '__hstc'), VISITOR_LIFETIME_SECONDS, before, after);
    expectExpiresIn(only(later.cookies, 'hubspotutk'), VISITOR_LIFETIME_SECONDS, before, after);
    expectExpiresIn(only(later.cookies, '__hssc'), SESSION_LIFETIME_SECONDS, before, after);
    const beacons = await beaconsOfThisTest(4);
    expect(beacons.map((beacon) => beacon.query['b'])).toEqual([1, 2, 3, 4].map((views) => `${HUBDEMO_DOMAIN_HASH}.${views}.${first.hssc.sessionStart}`));
  });

  it('a new session after __hssrc is deleted (browser restart), and again after __hssc is deleted', async () => {
    await visit(page);
    await visit(page, '/pricing');
    const first = await hubspotState();

    await context.clearCookies({ name: '__hssrc' });
    await visit(page, '/blog/');
    const second = await hubspotState();
    expect(second.hstc.visitorId).toBe(first.hstc.visitorId);
    expect(second.hstc.firstVisit).toBe(first.hstc.firstVisit);
    expect(second.hstc.previousSession).toBe(first.hstc.currentSession);
    expect(second.hstc.currentSession).toBeGreaterThan(first.hstc.currentSession);
    expect(second.hstc.currentSession).toBe(second.hssc.sessionStart);
    expect(second.hstc.sessionNumber).toBe(2);
    expect(second.hssc.pageViews).toBe(1);
    expect(only(second.cookies, '__hssrc').value).toBe('1');

    await context.clearCookies({ name: '__hssc' });
    await visit(page);
    const third = await hubspotState();
    expect(third.hstc).toMatchObject({ visitorId: first.hstc.visitorId, firstVisit: first.hstc.firstVisit, previousSession: second.hstc.currentSession, sessionNumber: 3 });
    expect(third.hssc.pageViews).toBe(1);
  });

  it('do-not-track: `yes` set from outside stops beacons (even without a reload) while cookies refresh; `1` is ignored', async () => {
    await visit(page);
    await beaconsOfThisTest(1);

    await setFromOutside('__hs_do_not_track', 'yes');
    // Re-read before every beacon: a single-page-app page view on the open page is suppressed.
    await page.evaluate(() => {
      const queue: unknown = Reflect.get(window, '_hsq');
      if (typeof queue === 'object' && queue !== null && 'push' in queue && typeof queue.push === 'function') queue.push(['trackPageView']);
    });
    expect((await trackerSnapshot(page)).suppressedReasons).toEqual(['do-not-track']);

    await visit(page, '/pricing');
    await visit(page, '/blog/');
    const snapshot = await trackerSnapshot(page);
    expect(snapshot.beaconCount).toBe(0);
    expect(snapshot.suppressedReasons).toEqual(['do-not-track']);
    const { hssc } = await hubspotState();
    expect(hssc.pageViews).toBe(4); // load, SPA view, two more loads: cookies keep refreshing
    expect(beaconsSoFar()).toHaveLength(1);

    await setFromOutside('__hs_do_not_track', '1');
    await visit(page);
    const beacons = await beaconsOfThisTest(2);
    expect(beacons[1]?.query['b']).toBe(`${HUBDEMO_DOMAIN_HASH}.5.${hssc.sessionStart}`);
  });

  it('consent declined (2024 banner): the four analytics cookies are deleted, identity kept in memory, nothing sent', async () => {
    await visit(page);
    await beaconsOfThisTest(1);
    const { hstc } = await hubspotState();

    await setFromOutside('__hs_cookie_cat_pref', '1:false_2:false_3:false');
    await visit(page, '/pricing');
    const names = (await siteCookies()).map((cookie) => cookie.name);
    expect(names).toEqual(['__hs_cookie_cat_pref']);
    const snapshot = await trackerSnapshot(page);
    expect(snapshot).toMatchObject({ persisted: false, visitorId: hstc.visitorId, beaconCount: 0, suppressedReasons: ['consent'] });
    expect(snapshot.consent).toMatchObject({ analytics: false, bitmask: 1 });
    expect(beaconsSoFar()).toHaveLength(1);
  });

  it('legacy `__hs_opt_out=yes` declines too; a legacy `1:true,2:false,3:true` preference sends cc=11', async () => {
    await setFromOutside('__hs_opt_out', 'yes');
    await visit(page);
    expect((await siteCookies()).map((cookie) => cookie.name)).toEqual(['__hs_opt_out']);
    expect((await trackerSnapshot(page)).suppressedReasons).toEqual(['consent']);

    await context.clearCookies();
    await setFromOutside('__hs_cookie_cat_pref', '1:true,2:false,3:true');
    await visit(page);
    const [beacon] = await beaconsOfThisTest(1);
    expect(beacon?.query['cc']).toBe('11'); // 1 necessary + 2 analytics + 8 functionality
  });

  it('`?rewrite=100` puts a deleted cookie back within a few ticks', async () => {
    await visit(page, '/?rewrite=100');
    const { cookies } = await hubspotState();
    const original = only(cookies, '__hstc').value;
    await context.clearCookies({ name: '__hstc' });
    const deletedAt = Date.now();
    await expect.poll(async () => (await siteCookies()).find((cookie) => cookie.name === '__hstc')?.value, { interval: 20, timeout: 2_000 }).toBe(original);
    expect(Date.now() - deletedAt).toBeLessThan(1_000);
    const snapshot = await trackerSnapshot(page);
    expect(snapshot.rewriteIntervalMs).toBe(100);
    expect(snapshot.rewrites).toBeGreaterThan(0);
  });

  it('`?embed=1`: the third-party frame stores partitioned (CHIPS) cookies and an unpartitioned one', async () => {
    await visit(page, '/?embed=1');
    const frame = page.frameLocator('#embed-frame');
    await frame.locator('body[data-ready="1"]').waitFor();
    const frameVisitorId = await frame.locator('body').getAttribute('data-visitor-id');
    const embedCookies = (await context.cookies()).filter((cookie) => cookie.domain === 'widget.embedco.test');
    const byName = new Map(embedCookies.map((cookie) => [cookie.name, cookie]));
    expect(byName.get('__Host-embed_session')).toMatchObject({ partitionKey: 'https://hubdemo.test', secure: true, sameSite: 'None' });
    expect(byName.get('messagesUtk')).toMatchObject({ partitionKey: 'https://hubdemo.test', value: frameVisitorId, secure: true });
    expect(frameVisitorId).toMatch(/^[0-9a-f]{32}$/);
    const thirdParty = byName.get('embed_3p');
    expect(thirdParty).toMatchObject({ secure: true, sameSite: 'None' });
    expect(thirdParty?.partitionKey).toBeUndefined();
  });
});

// ---- presets -----------------------------------------------------------------------------------

/** A template from the preset table as a pattern; the captured times must fall in [fromMs, toMs]. */
function expectTemplateValue(actual: string, template: string, fromMs: number, toMs: number): void {
  const captures: Array<'s' | 'ms' | 'iso' | 'date'> = [];
  const pattern = template.split(/(\{nowSeconds\}|\{nowMs\}|\{nowIso\}|\{nowDateString\})/).map((piece) => {
    if (piece === '{nowSeconds}') { captures.push('s'); return '(\\d{10})'; }
    if (piece === '{nowMs}') { captures.push('ms'); return '(\\d{13})'; }
    if (piece === '{nowIso}') { captures.push('iso'); return '(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)'; }
    if (piece === '{nowDateString}') { captures.push('date'); return '([A-Za-z]{3}\\+[A-Za-z]{3}\\+\\d\\d\\+\\d{4}\\+\\d\\d%3A\\d\\d%3A\\d\\d\\+GMT%2B0000\\+\\(Coordinated\\+Universal\\+Time\\))'; }
    return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  const match = new RegExp(`^${pattern}$`, 'u').exec(actual);
  expect(match, `${actual} should have the shape ${template}`).not.toBeNull();
  captures.forEach((kind, index) => {
    const text = match?.[index + 1] ?? '';
    const ms = kind === 's' ? Number(text) * 1000 : kind === 'ms' ? Number(text) : kind === 'iso' ? Date.parse(text) : Date.parse(decodeURIComponent(text.replaceAll('+', ' ')).replace(/ \(.*\)$/, ''));
    expect(ms, `${kind} time in ${actual}`).toBeGreaterThanOrEqual(Math.floor(fromMs / 1000) * 1000);
    expect(ms, `${kind} time in ${actual}`).toBeLessThanOrEqual(toMs);
  });
}

function expectPresetCookie(cookies: readonly Cookie[], entry: PresetCookie, fromMs: number, toMs: number): void {
  const domain = entry.scope === 'site' ? '.hubdemo.test' : 'www.hubdemo.test';
  const label = `${entry.name} (${domain}${entry.path})`;
  const stored = cookies.find((cookie) => cookie.name === entry.name && cookie.domain === domain && cookie.path === entry.path);
  expect(stored, `${label} is stored`).toBeDefined();
  if (stored === undefined) return;
  expectTemplateValue(stored.value, entry.value, fromMs, toMs);
  expect({ secure: stored.secure, httpOnly: stored.httpOnly, sameSite: stored.sameSite, partitioned: stored.partitionKey !== undefined }, label)
    .toEqual({ secure: entry.secure, httpOnly: entry.httpOnly, sameSite: entry.sameSite, partitioned: entry.partitioned });
  if (entry.maxAgeSeconds === null) expect(stored.expires, `${label} is a session cookie`).toBe(-1);
  else expectExpiresIn(stored, entry.maxAgeSeconds, fromMs, toMs);
}

describe('cookie presets', () => {
  it('docs/DEMO-SITE.md shows the preset table the server uses', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'DEMO-SITE.md'), 'utf8');
    const section = /<!-- presets:start -->\n([\s\S]*?)<!-- presets:end -->/.exec(doc)?.[1];
    expect(section?.trim()).toBe(renderPresetDocs().trim());
  });

  const fixedPresets: PresetName[] = ['others', 'variants', 'login', 'trackers', 'hostile', 'dnt', 'declined', 'optout'];
  it.each(fixedPresets)('`%s` stores exactly the documented cookies', async (name) => {
    const before = Date.now();
    await demo.setPreset(page, name);
    const after = Date.now();
    const cookies = await siteCookies();
    const table = PRESETS[name]?.cookies ?? [];
    expect(table.length).toBeGreaterThan(0);
    for (const entry of table) expectPresetCookie(cookies, entry, before, after);
    expect(cookies).toHaveLength(table.length);
  });

  it('`trackers`: Google Analytics timestamps are now and OneTrust records analytics as declined', async () => {
    const before = Date.now();
    await demo.setPreset(page, 'trackers');
    const cookies = await siteCookies();
    const firstVisitSeconds = Number(only(cookies, '_ga').value.split('.')[3]);
    expect(firstVisitSeconds).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(firstVisitSeconds).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    const groups = new URLSearchParams(only(cookies, 'OptanonConsent').value).get('groups');
    expect(groups?.split(',')).toContain('C0002:0');
  });

  it('`bulk&n=40&spread=1` spreads 40 cookies over three hosts, both scopes and three paths; `bulk&n=20` keeps to one Domain', async () => {
    await demo.setPreset(page, 'bulk', { n: 40, spread: true });
    const spread = await siteCookies();
    expect(spread).toHaveLength(40);
    expect(new Set(spread.map((cookie) => cookie.domain))).toEqual(new Set(['.hubdemo.test', 'www.hubdemo.test', 'hubdemo.test', 'blog.hubdemo.test']));
    expect(new Set(spread.map((cookie) => cookie.path))).toEqual(new Set(['/', '/blog', '/pricing']));
    expect(spread.some((cookie) => cookie.value.length >= 3000)).toBe(true);

    await context.clearCookies();
    await demo.setPreset(page, 'bulk', { n: 20 });
    const plain = await siteCookies();
    expect(plain).toHaveLength(20);
    expect(new Set(plain.map((cookie) => `${cookie.domain}${cookie.path}`))).toEqual(new Set(['.hubdemo.test/']));
  });

  it('`clear` expires every preset cookie, the tracker\'s and spread bulk cookies on every host', async () => {
    await visit(page);
    const presets: PresetName[] = ['others', 'variants', 'login', 'trackers', 'hostile'];
    for (const name of presets) await demo.setPreset(page, name);
    await demo.setPreset(page, 'bulk', { n: 40, spread: true });
    expect((await siteCookies()).length).toBeGreaterThan(60);
    await demo.setPreset(page, 'clear', { n: 40 });
    expect(await siteCookies()).toEqual([]);
  });
});

// ---- Firefox -----------------------------------------------------------------------------------

describe('Firefox harness smoke test', () => {
  it('installs a probe extension that sees the demo site\'s cookies, in a container tab and in a private window', async () => {
    const extensionDir = writeProbeExtension();
    const firefox = await launchFirefox({ extensionDir, geckoId: PROBE_GECKO_ID, allowPrivateBrowsing: true });
    try {
      const site = await firefox.browser.newPage();
      await site.goto(demo.url('www.hubdemo.test', '/'));
      await pollInPage(site, () => document.documentElement.dataset['demoTracker'] === 'ready', undefined, { what: 'the demo tracker' });
      const [beacon] = await beaconsOfThisTest(1);
      const siteCookieHeader = await site.evaluate(() => document.cookie);
      expect(siteCookieHeader).toContain(`__hstc=${HUBDEMO_DOMAIN_HASH}.`);
      expect(beacon?.query['vi']).toMatch(/^[0-9a-f]{32}$/);

      const popup = await firefox.extensionPage();
      const tabId = await firefox.tabIdOf(site.url());
      await firefox.openExtensionPage(popup, `popup.html?tabId=${tabId}`);
      await popup.waitForSelector('body[data-ready="1"]');
      const names = await popup.$eval('body', (body) => body.dataset['cookieNames'] ?? '');
      expect(names.split(',')).toEqual(expect.arrayContaining(['__hssc', '__hssrc', '__hstc', 'hubspotutk']));

      const container = await firefox.openContainerTab(demo.url('www.hubdemo.test', '/pricing'));
      expect(container.cookieStoreId).toMatch(/^firefox-container-\d+$/);
      const containerCookies = await firefox.evaluateInContext(container.contextId, async () => {
        await new Promise<void>((resolve) => {
          const check = () => (document.documentElement.dataset['demoTracker'] === 'ready' ? resolve() : setTimeout(check, 20));
          check();
        });
        return document.cookie;
      });
      expect(containerCookies).toEqual(expect.stringContaining('hubspotutk='));
      expect(containerCookies).not.toEqual(expect.stringContaining(`hubspotutk=${beacon?.query['vi'] ?? ''}`));

      const privateWindow = await firefox.openPrivateWindow(demo.url('www.hubdemo.test', '/blog/'));
      const privateCookies = await firefox.evaluateInContext(privateWindow.contextId, async () => {
        await new Promise<void>((resolve) => {
          const check = () => (document.documentElement.dataset['demoTracker'] === 'ready' ? resolve() : setTimeout(check, 20));
          check();
        });
        return document.cookie;
      });
      expect(privateCookies).toEqual(expect.stringContaining('hubspotutk='));
      expect(privateCookies).not.toEqual(expect.stringContaining(`hubspotutk=${beacon?.query['vi'] ?? ''}`));
    } finally {
      await firefox.close();
      rmSync(extensionDir, { recursive: true, force: true });
    }
  });
});

