// @e2e-without-extension: proves the demo site's other trackers (our stand-ins for Google
// Analytics 4, Meta's pixel and a self-hosted Matomo) behave as docs/DEMO-SITE.md says, in real
// Chromium without the extension. Expected formats come from the vendors' documented cookie
// layouts (docs/DEMO-SITE.md, "Other trackers"), not from the stand-ins' code.
import { createHash } from 'node:crypto';
import type { Cookie, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { VENDOR_HOSTS } from '../../harness/demo-site/hosts.mjs';
import { useChromiumWithoutExtension } from '../../harness/fixtures.ts';
import { cookiesUnder, exactlyOne } from '../../harness/jar.ts';
import { SHOP_HOST, hitsOf, visitShop, waitForHits } from '../../harness/vendor-hits.ts';

const SHOP = SHOP_HOST;
const MEASUREMENT_ID = 'G-DEMO42XY';
const SESSION_COOKIE = '_ga_DEMO42XY';
const PIXEL_ID = '1234567890123456';
const DAY_SECONDS = 24 * 60 * 60;
/** Chromium keeps at most 400 days. */
const CHROMIUM_MAX_LIFETIME_SECONDS = 400 * DAY_SECONDS;
const CLOCK_SLACK_SECONDS = 5;
/** Matomo's cookie-name suffix: SHA-1 of the host and the cookie path, first four hex digits. */
const MATOMO_SUFFIX = `1.${createHash('sha1').update(`${SHOP}/`).digest('hex').slice(0, 4)}`;

const { demo, context, blankTab } = useChromiumWithoutExtension();
let page: Page;
let testStartedAt = 0;

beforeEach(async () => {
  page = await blankTab();
  testStartedAt = Date.now();
});

const visit = (path = '/', host = SHOP): Promise<void> => visitShop(demo, page, path, host);

const shopCookies = (): Promise<Cookie[]> => cookiesUnder(context, 'gameta.test');
const only = exactlyOne;

function expectExpiresIn(cookie: Cookie, lifetimeSeconds: number, fromMs: number, toMs: number): void {
  const lifetime = Math.min(lifetimeSeconds, CHROMIUM_MAX_LIFETIME_SECONDS);
  expect(cookie.expires, `${cookie.name} expiry`).toBeGreaterThanOrEqual(fromMs / 1000 + lifetime - CLOCK_SLACK_SECONDS);
  expect(cookie.expires, `${cookie.name} expiry`).toBeLessThanOrEqual(toMs / 1000 + lifetime + CLOCK_SLACK_SECONDS);
}

/** GS2: `GS2.1.` then `$`-separated one-letter keys. */
function parseGs2(value: string): Record<string, number> {
  expect(value.startsWith('GS2.1.'), value).toBe(true);
  return Object.fromEntries(value.slice('GS2.1.'.length).split('$').map((token) => [token[0] ?? '', Number(token.slice(1))]));
}

function lastOf<T>(items: readonly T[]): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('empty list');
  return item;
}

describe('stand-in Google Analytics 4', () => {
  it('first visit: _ga and _ga_<id> in the documented formats on the registrable domain, and a page view to the real collection host', async () => {
    const before = Date.now();
    await visit();
    const after = Date.now();
    const cookies = await shopCookies();

    const ga = only(cookies, '_ga');
    const match = /^GA1\.1\.(\d{1,10})\.(\d{10})$/.exec(ga.value);
    expect(match, ga.value).not.toBeNull();
    const firstVisit = Number(match?.[2]);
    expect(firstVisit).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(firstVisit).toBeLessThanOrEqual(Math.ceil(after / 1000));
    expect(ga.domain).toBe('.gameta.test');
    expectExpiresIn(ga, 2 * 365 * DAY_SECONDS, before, after);

    const session = only(cookies, SESSION_COOKIE);
    const gs2 = parseGs2(session.value);
    expect(gs2['o']).toBe(1);
    expect(gs2['s']).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(gs2['t']).toBe(gs2['s']);
    expect(session.domain).toBe('.gameta.test');

    const scripts = demo.requests().filter((request) => request.host === VENDOR_HOSTS.gtag);
    expect(scripts.map((request) => `${request.path}${request.search}`)).toEqual([`/gtag/js?id=${MEASUREMENT_ID}`]);
    const [hit] = hitsOf(demo, 'ga', testStartedAt);
    expect(hit?.method).toBe('POST');
    expect(hit?.query).toMatchObject({
      v: '2', tid: MEASUREMENT_ID, cid: `${match?.[1]}.${match?.[2]}`, sid: String(gs2['s']), sct: '1', en: 'page_view', _fv: '1', _ss: '1',
    });
    expect(hit?.query['dl']).toBe(demo.url(SHOP, '/'));
  });

  it('same session on the next page: same client id, session 1, no first-visit flag; after 30 minutes idle: session number + 1', async () => {
    await visit();
    const firstGa = only(await shopCookies(), '_ga').value;
    await visit('/pricing');
    const cookies = await shopCookies();
    expect(only(cookies, '_ga').value).toBe(firstGa);
    expect(parseGs2(only(cookies, SESSION_COOKIE).value)['o']).toBe(1);
    const second = lastOf(hitsOf(demo, 'ga', testStartedAt)).query;
    expect(second['_fv']).toBeUndefined();
    expect(second['_ss']).toBeUndefined();
    expect(second['sct']).toBe('1');

    // A third session whose last hit was 31 minutes ago, written from outside as a returning visitor has it.
    const idleSince = Math.floor(Date.now() / 1000) - 31 * 60;
    await context.addCookies([{
      name: SESSION_COOKIE, value: `GS2.1.s${idleSince - 100}$o3$g1$t${idleSince}$j0$l0$h0`, domain: '.gameta.test', path: '/', sameSite: 'Lax',
      expires: idleSince + 400 * DAY_SECONDS,
    }]);
    const before = Date.now();
    await visit();
    const gs2 = parseGs2(only(await shopCookies(), SESSION_COOKIE).value);
    expect(gs2['o']).toBe(4);
    expect(gs2['s']).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    const third = lastOf(hitsOf(demo, 'ga', testStartedAt)).query;
    expect(third).toMatchObject({ sct: '4', _ss: '1', cid: firstGa.split('.').slice(2).join('.') });
  });
});

describe('stand-in Meta pixel', () => {
  it('_fbp in the documented format on the registrable domain, kept across loads, sent to www.facebook.com/tr with each PageView', async () => {
    const before = Date.now();
    await visit();
    const after = Date.now();
    const fbp = only(await shopCookies(), '_fbp');
    const match = /^fb\.1\.(\d{13})\.(\d+)$/.exec(fbp.value);
    expect(match, fbp.value).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(before);
    expect(Number(match?.[1])).toBeLessThanOrEqual(after);
    expect(fbp.domain).toBe('.gameta.test');
    expectExpiresIn(fbp, 90 * DAY_SECONDS, before, after);

    const scripts = demo.requests().filter((request) => request.host === VENDOR_HOSTS.metaScript);
    expect(scripts.map((request) => request.path)).toEqual(['/en_US/fbevents.js']);
    expect(lastOf(hitsOf(demo, 'meta', testStartedAt)).query).toMatchObject({ id: PIXEL_ID, ev: 'PageView', fbp: fbp.value });

    await visit('/pricing');
    expect(only(await shopCookies(), '_fbp').value).toBe(fbp.value);
    const hits = hitsOf(demo, 'meta', testStartedAt);
    expect(hits).toHaveLength(2);
    expect(lastOf(hits).query['fbp']).toBe(fbp.value);
  });

  it('an ad click (fbclid in the address) writes _fbc with the click id kept as it is', async () => {
    const before = Date.now();
    await visit('/?fbclid=IwAR0DemoClick_Id-42');
    const fbc = only(await shopCookies(), '_fbc');
    const match = /^fb\.1\.(\d{13})\.(.+)$/.exec(fbc.value);
    expect(match?.[2]).toBe('IwAR0DemoClick_Id-42');
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(before);
    expect(lastOf(hitsOf(demo, 'meta', testStartedAt)).query['fbc']).toBe(fbc.value);
  });
});

describe('stand-in Matomo (first party)', () => {
  it('_pk_id.<site>.<hash> and _pk_ses host-only in the Matomo 4 format, and a hit to the site\'s own /matomo.php', async () => {
    const before = Date.now();
    await visit();
    const after = Date.now();
    const cookies = await shopCookies();
    const id = only(cookies, `_pk_id.${MATOMO_SUFFIX}`);
    const match = /^([0-9a-f]{16})\.(\d{10})\.$/.exec(id.value);
    expect(match, id.value).not.toBeNull();
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(Number(match?.[2])).toBeLessThanOrEqual(Math.ceil(after / 1000));
    expect(id.domain).toBe(SHOP);
    expectExpiresIn(id, 393 * DAY_SECONDS, before, after);
    const session = only(cookies, `_pk_ses.${MATOMO_SUFFIX}`);
    expect(session.value).toBe('1');
    expectExpiresIn(session, 30 * 60, before, after);

    const [hit] = hitsOf(demo, 'matomo', testStartedAt);
    expect(hit?.host).toBe(SHOP);
    expect(hit?.query).toMatchObject({ idsite: '1', rec: '1', _id: match?.[1], _idts: match?.[2], _idn: '1' });

    await visit('/pricing');
    expect(only(await shopCookies(), `_pk_id.${MATOMO_SUFFIX}`).value).toBe(id.value);
    expect(lastOf(hitsOf(demo, 'matomo', testStartedAt)).query).toMatchObject({ _id: match?.[1], _idn: '0' });
  });
});

describe('the shop without HubSpot', () => {
  it('a login cookie the trackers leave alone, nothing of HubSpot fetched, and every request answered on this machine', async () => {
    const addresses = new Set<string>();
    const listener = async (response: import('playwright-core').Response): Promise<void> => {
      const server = await response.serverAddr();
      addresses.add(server === null ? `none:${response.url()}` : server.ipAddress);
    };
    page.on('response', (response) => { void listener(response); });
    await page.goto(demo.url(SHOP, '/__demo/login'));
    const login = only(await shopCookies(), 'shop_session');
    expect(login.httpOnly).toBe(true);
    expect(login.domain).toBe(SHOP);
    await visit();
    await visit('/pricing');
    expect(only(await shopCookies(), 'shop_session').value).toBe(login.value);
    expect(await page.locator('header').textContent()).toContain('Signed in');

    const hosts = new Set(demo.requests().map((request) => request.host));
    expect([...hosts].filter((host) => host.includes('hs-') || host.includes('hubspot'))).toEqual([]);
    expect(hosts).toEqual(new Set([SHOP, VENDOR_HOSTS.gtag, VENDOR_HOSTS.gaCollect, VENDOR_HOSTS.metaScript, VENDOR_HOSTS.metaCollect]));
    page.removeAllListeners('response');
    expect([...addresses].every((address) => address === '127.0.0.1'), [...addresses].join(', ')).toBe(true);
  });

  it('the HubSpot shop carries the same three tags with ?tracker=0&ga=1&meta=1&matomo=1, and none by default', async () => {
    await visit('/?tracker=0&ga=1&meta=1&matomo=1', 'www.hubdemo.test');
    const names = (await context.cookies()).filter((cookie) => cookie.domain.endsWith('hubdemo.test')).map((cookie) => cookie.name);
    expect(names).toEqual(expect.arrayContaining(['_ga', SESSION_COOKIE, '_fbp']));
    expect(names.some((name) => name.startsWith('_pk_id.1.'))).toBe(true);
    expect(names.some((name) => name.startsWith('__hs'))).toBe(false);

    demo.clearRequests();
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    await page.waitForLoadState('load');
    expect(demo.requests().map((request) => request.host).filter((host) => host !== 'www.hubdemo.test')).toEqual([]);
  });
});

describe('Global Privacy Control as the stand-ins see it', () => {
  it('reports what the page saw (navigator.globalPrivacyControl) and what the server got (Sec-GPC)', async () => {
    await visit();
    for (const vendor of ['ga', 'meta', 'matomo'] as const) {
      const hit = lastOf(hitsOf(demo, vendor, testStartedAt));
      expect(hit.query['gpc'], vendor).toBe('0');
      expect(hit.gpc, vendor).toBeNull();
    }
    // With the signal on (set here from outside, as the extension does per site), both show it.
    const signalPage = await context.newPage();
    await signalPage.addInitScript(() => { Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }); });
    await signalPage.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
    const since = Date.now();
    await signalPage.goto(demo.url(SHOP, '/'));
    for (const vendor of ['ga', 'meta', 'matomo'] as const) {
      const [hit] = await waitForHits(demo, vendor, 1, since);
      expect(hit?.query['gpc'], vendor).toBe('1');
      expect(hit?.gpc, vendor).toBe('1');
    }
    await signalPage.close();
  });
});
