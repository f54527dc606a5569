// Issue 13 end to end in Chromium: on the demo shop without HubSpot (www.gameta.test, with our
// stand-ins for Google Analytics 4, Meta's pixel and Matomo), the popup names every tracker with
// what its cookies say, and nothing of HubSpot. Expected values are read from the cookie jar with
// the documented formats (docs/DEMO-SITE.md), not from Cookie Lens's decoders.
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, test } from 'vitest';
import { openPopupFor } from '../../harness/extension.ts';
import { SHOP_HOST, afterShopPageViews, hitsOf, visitShop, waitForHits } from '../../harness/vendor-hits.ts';
import { useChromium } from '../../harness/fixtures.ts';

const SHOP = SHOP_HOST;
/** An action's first reply in a browser session waits for the managed policy (seconds in Chromium). */
const ACTION = { timeout: 15_000 };
const MATOMO_ID = `_pk_id.1.${createHash('sha1').update(`${SHOP}/`).digest('hex').slice(0, 4)}`;

const { browser, demo } = useChromium();
let page: Page;


beforeEach(async () => {
  for (const open of browser.context.pages()) if (!open.url().startsWith('chrome-extension://')) await open.close();
  await browser.context.clearCookies();
  demo.clearBeacons();
  page = await browser.context.newPage();
});

const visit = (path = '/'): Promise<void> => visitShop(demo, page, path);

async function shopCookie(name: string): Promise<string> {
  const found = (await browser.context.cookies()).filter((cookie) => cookie.name === name && cookie.domain.endsWith('gameta.test'));
  expect(found, name).toHaveLength(1);
  return found[0]?.value ?? '';
}

/** A tracker's block with its facts opened (they are made on the first opening). */
async function openBlock(popup: Page, vendor: string) {
  const found = popup.locator(`[data-summary="vendor"][data-vendor="${vendor}"]`);
  await found.locator('details.vendor-facts > summary').click();
  await found.locator('dl [data-field]').first().waitFor();
  return found;
}

describe('every tracker on a site without HubSpot', () => {
  test('the popup names Google Analytics, Meta and Matomo with what each knows, and shows nothing of HubSpot', async () => {
    await page.goto(demo.url(SHOP, '/__demo/login'));
    await visit();
    await visit('/pricing');
    // _ga = GA1.1.<random>.<first visit, seconds>; _fbp = fb.1.<created, ms>.<random>; _pk_id = <visitor>.<created, seconds>.
    const [, , gaRandom = '', gaFirst = ''] = (await shopCookie('_ga')).split('.');
    const [, , fbpCreated = '', fbpRandom = ''] = (await shopCookie('_fbp')).split('.');
    const [matomoVisitor = '', matomoCreated = ''] = (await shopCookie(MATOMO_ID)).split('.');

    const popup = await openPopupFor(browser, page);
    // Closed, a block names the facts it holds and counts its cookies (the jar's own count), without the values.
    const gaBlock = popup.locator('[data-summary="vendor"][data-vendor="google-analytics"]');
    expect(await gaBlock.locator('[data-field]').count()).toBe(0);
    const gaCookies = (await browser.context.cookies()).filter((cookie) => /^_ga(_|$)/.test(cookie.name) && cookie.domain.endsWith('gameta.test')).length;
    expect(await gaBlock.locator('details.vendor-facts > summary').innerText())
      .toBe(`First seen · Sessions · Last activity · Client ID · ${gaCookies} ${gaCookies === 1 ? 'cookie' : 'cookies'}`);
    const ga = await openBlock(popup, 'google-analytics');
    expect(await ga.locator('h2').textContent()).toBe('What Google Analytics knows about you here');
    expect(await ga.locator('[data-field="firstSeen"] time').getAttribute('datetime')).toBe(new Date(Number(gaFirst) * 1000).toISOString());
    expect(await ga.locator('[data-field="sessionCount"] [data-value]').getAttribute('data-value')).toBe('1');
    expect(await ga.locator('[data-field="id:clientId"] code').innerText()).toBe(`${gaRandom}.${gaFirst}`);

    const meta = await openBlock(popup, 'meta');
    expect(await meta.locator('h2').textContent()).toMatch(/^What Meta.* knows about you here$/);
    expect(await meta.locator('[data-field="firstSeen"] time').getAttribute('datetime')).toBe(new Date(Number(fbpCreated)).toISOString());
    expect(await meta.locator('[data-field="id:randomId"] code').innerText()).toBe(fbpRandom);

    const matomo = await openBlock(popup, 'matomo');
    expect(await matomo.locator('h2').textContent()).toBe('What Matomo knows about you here');
    expect(await matomo.locator('[data-field="firstSeen"] time').getAttribute('datetime')).toBe(new Date(Number(matomoCreated) * 1000).toISOString());
    expect(await matomo.locator('[data-field="id:visitorId"] code').innerText()).toBe(matomoVisitor);

    // Vendors in the facts table's order, and no HubSpot summary, wording or switch.
    expect(await popup.locator('[data-summary]').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-vendor') ?? section.getAttribute('data-summary'))))
      .toEqual(['google-analytics', 'meta', 'matomo']);
    expect(await popup.getByRole('switch', { name: 'Do not track' }).count()).toBe(0);
    for (const section of await popup.locator('[data-summary]').all()) expect(await section.innerText()).not.toMatch(/HubSpot/);
    await popup.close();
  });

  test('reset makes the visitor new to all three after the reload, keeps the login, and undo restores the old cookies exactly', async () => {
    await page.goto(demo.url(SHOP, '/__demo/login'));
    await visit();
    const identityNames = ['_ga', '_ga_DEMO42XY', '_fbp', MATOMO_ID, MATOMO_ID.replace('_pk_id', '_pk_ses')];
    const before = (await browser.context.cookies()).filter((cookie) => cookie.domain.endsWith('gameta.test'));
    const identity = before.filter((cookie) => identityNames.includes(cookie.name));
    expect(identity.map((cookie) => cookie.name).sort()).toEqual([...identityNames].sort());
    const login = await shopCookie('shop_session');

    const popup = await openPopupFor(browser, page);
    await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
    const preview = popup.getByRole('list', { name: 'Cookies to remove' });
    expect(await preview.locator('li[data-reset-cookie]').count()).toBe(identity.length);
    expect(await preview.locator('[data-reset-vendor]').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-reset-vendor'))))
      .toEqual(['google-analytics', 'meta', 'matomo']);
    expect(await preview.locator('[data-reset-vendor="meta"] h4').textContent()).toMatch(/Meta/);
    // The reload's page views carry the new ids.
    await afterShopPageViews(demo, () => popup.getByRole('button', { name: 'Remove and reload' }).click());

    const oldValue = (name: string): string => identity.find((cookie) => cookie.name === name)?.value ?? '';
    const clientId = (ga: string): string => ga.split('.').slice(2).join('.');
    expect(clientId(await shopCookie('_ga'))).not.toBe(clientId(oldValue('_ga')));
    expect(await shopCookie('_fbp')).not.toBe(oldValue('_fbp'));
    expect((await shopCookie(MATOMO_ID)).split('.')[0]).not.toBe(oldValue(MATOMO_ID).split('.')[0]);
    expect(lastHitQuery('ga')['_fv']).toBe('1');
    expect(lastHitQuery('matomo')['_idn']).toBe('1');
    expect(await shopCookie('shop_session')).toBe(login);

    const reopened = await openPopupFor(browser, page);
    await reopened.getByRole('button', { name: 'Undo', exact: true }).click();
    await reopened.waitForSelector('[data-last-action]');
    expect(await reopened.locator('[data-last-action]').innerText()).toContain(`${identity.length} cookies restored`);
    const restored = (await browser.context.cookies()).filter((cookie) => cookie.domain.endsWith('gameta.test'));
    for (const cookie of identity) {
      const back = restored.filter((candidate) => candidate.name === cookie.name && candidate.domain === cookie.domain && candidate.path === cookie.path);
      expect(back, cookie.name).toHaveLength(1);
      // `_pk_ses` is always `1`: the reloaded page's copy already has the old value, and undo
      // leaves a cookie with the same value and flags as it is (its expiry is the page's refresh).
      const expires = cookie.name.startsWith('_pk_ses.') ? back[0]?.expires : cookie.expires;
      expect({ ...back[0], expires: Math.round(back[0]?.expires ?? 0) }, cookie.name).toEqual({ ...cookie, expires: Math.round(expires ?? 0) });
    }
    expect(await shopCookie('shop_session')).toBe(login);
    await popup.close();
    await reopened.close();
  });
});

interface StoredIds {
  readonly found: { readonly local: string | null; readonly indexedDB: string | null; readonly cache: string | null };
  readonly local: string;
  readonly indexedDB: string;
  readonly cache: string;
}

/** What the demo page's storage script found and holds (docs/DEMO-SITE.md), once it is done. */
async function storedIds(): Promise<StoredIds> {
  await page.waitForSelector('html[data-demo-stored="ready"]');
  return page.evaluate(() => (window as unknown as { __demoStored: StoredIds }).__demoStored);
}

describe("reset with \"Also clear this site's stored data\"", () => {
  /** Opens the reset preview, ticks the stored-data box or not, resets and waits for the reload's Matomo page view. */
  async function resetWith(clearStoredData: boolean): Promise<void> {
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
    const tick = popup.getByRole('checkbox', { name: "Also clear this site's stored data" });
    expect(await tick.isChecked()).toBe(false);
    const help = await popup.locator('#stored-data-help').innerText();
    expect(help).toContain('Undo brings back the cookies, not the stored data');
    expect(help).toContain('local storage, IndexedDB, cache storage, service workers');
    expect(help).toContain(`${SHOP}, gameta.test`);
    if (clearStoredData) await tick.check();
    const matomo = hitsOf(demo, 'matomo', 0).length;
    await popup.getByRole('button', { name: 'Remove and reload' }).click();
    await waitForHits(demo, 'matomo', matomo + 1, 0);
    await popup.close();
  }

  test('ticked, the reloaded page finds none of its stored ids; unticked, it finds them all', async () => {
    await visit();
    const first = await storedIds();
    // The ids the reloaded page holds are the ones it found: the unticked reset left them.
    await resetWith(false);
    const kept = await storedIds();
    expect(kept.found).toEqual({ local: first.local, indexedDB: first.indexedDB, cache: first.cache });

    await resetWith(true);
    const cleared = await storedIds();
    expect(cleared.found).toEqual({ local: null, indexedDB: null, cache: null });
    expect(cleared.local).not.toBe(first.local);
    expect(cleared.indexedDB).not.toBe(first.indexedDB);
  });
});

describe('opting out of every tracker, and blocking one', () => {
  /** Loads the page `times` times, each time waiting for the load and checking the identity cookies are gone within a second. */
  async function loadsWithoutIdentity(times: number): Promise<void> {
    for (let load = 0; load < times; load += 1) {
      await page.goto(demo.url(SHOP, load % 2 === 0 ? '/' : '/pricing'), { waitUntil: 'load' });
      await expect.poll(async () => (await browser.context.cookies())
        .filter((cookie) => cookie.domain.endsWith('gameta.test') && (cookie.name.startsWith('_ga') || cookie.name === '_fbp' || cookie.name.startsWith('_pk_')))
        .map((cookie) => cookie.name), { timeout: 1_000, interval: 50 }).toEqual([]);
    }
  }

  test('opt-out: no request reaches Google Analytics or Meta over several page views, their cookies never stay, the login stays', async () => {
    await page.goto(demo.url(SHOP, '/__demo/login'));
    await visit();
    const login = await shopCookie('shop_session');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await expect.poll(() => popup.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked'), ACTION).toBe('true');
    // Opt-out is every vendor blocked: each vendor's own switch shows it.
    for (const name of ['Google Analytics', 'Matomo']) {
      expect(await popup.getByRole('switch', { name: `Block ${name} on this site` }).getAttribute('aria-checked'), name).toBe('true');
    }
    // Opting out sends Global Privacy Control too (docs/CONTROLS.md).
    expect(await popup.getByRole('switch', { name: 'Send Global Privacy Control to this site' }).getAttribute('aria-checked')).toBe('true');
    await popup.close();

    const since = Date.now();
    demo.clearRequests();
    await loadsWithoutIdentity(4);
    expect(hitsOf(demo, 'ga', since)).toEqual([]);
    expect(hitsOf(demo, 'meta', since)).toEqual([]);
    expect(hitsOf(demo, 'matomo', since)).toEqual([]);
    const vendorHosts = demo.requests().map((request) => request.host).filter((host) => host !== SHOP);
    expect(vendorHosts).toEqual([]);
    expect(await shopCookie('shop_session')).toBe(login);

    // Back on: the trackers run again.
    const again = await openPopupFor(browser, page);
    await again.getByRole('switch', { name: 'Opt out' }).click();
    await expect.poll(() => again.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked'), ACTION).toBe('false');
    await again.close();
    await visit();
  });

  test('"Block Google Analytics on this site" alone stops Google Analytics while Meta keeps sending', async () => {
    await visit();
    const popup = await openPopupFor(browser, page);
    const gaSwitch = popup.getByRole('switch', { name: 'Block Google Analytics on this site' });
    expect(await gaSwitch.getAttribute('aria-checked')).toBe('false');
    await gaSwitch.click();
    await expect.poll(() => gaSwitch.getAttribute('aria-checked'), ACTION).toBe('true');
    expect(await popup.getByRole('switch', { name: /^Block Meta.* on this site$/ }).getAttribute('aria-checked')).toBe('false');
    await popup.close();

    const since = Date.now();
    for (let load = 0; load < 3; load += 1) {
      const metaBefore = hitsOf(demo, 'meta', since).length;
      await page.goto(demo.url(SHOP, '/'), { waitUntil: 'load' });
      await waitForHits(demo, 'meta', metaBefore + 1, since);
      await expect.poll(async () => (await browser.context.cookies()).filter((cookie) => cookie.name.startsWith('_ga')).length, { timeout: 1_000, interval: 50 }).toBe(0);
    }
    expect(hitsOf(demo, 'ga', since)).toEqual([]);
    expect(hitsOf(demo, 'meta', since).length).toBe(3);
    expect((await browser.context.cookies()).some((cookie) => cookie.name === '_fbp')).toBe(true);

    // The options page says what the site's rule does: the tracker blocked by its own switch.
    const options = await browser.openPopupPage(0, 'options.html');
    const rule = options.locator('[data-rule="gameta.test"]');
    await rule.waitFor();
    expect(await rule.locator('[data-rule-blocked]').innerText()).toBe('Trackers blocked here: Google Analytics.');
    expect(await rule.locator('[data-rule-gpc]').count()).toBe(0);
    await options.close();

    const again = await openPopupFor(browser, page);
    // Each load of the page asks for Google Analytics' script once (its one tag; the hit would come
    // from the script, which never loads): 3 loads, 3 requests the blocking stopped.
    const gaHolding = again.locator('[data-vendor-holding="google-analytics"]');
    await expect.poll(() => gaHolding.getAttribute('data-count'), ACTION).toBe('3');
    expect(await gaHolding.innerText()).toMatch(/^Blocked 3 requests since /);
    // Meta is not blocked: no count is shown for it.
    expect(await again.locator('[data-vendor-holding="meta"]').count()).toBe(0);
    await again.getByRole('switch', { name: 'Block Google Analytics on this site' }).click();
    // Unblocked, and with no cookies of its own yet, Google Analytics has nothing to show until the page runs it again.
    await expect.poll(() => again.locator('body').innerText(), ACTION).toContain('Google Analytics is no longer blocked on this site.');
    await again.close();
    const unblocked = Date.now();
    await page.goto(demo.url(SHOP, '/'));
    await waitForHits(demo, 'ga', 1, unblocked);
  });
});

describe('Global Privacy Control for the site', () => {
  /** What the demo's privacy-signals page of `host` got: the Sec-GPC header and navigator.globalPrivacyControl. */
  async function signals(host = SHOP): Promise<{ server: string; page: string }> {
    await page.goto(demo.url(host, '/__demo/privacy-signals'));
    await page.waitForSelector('html[data-privacy-signals="ready"]');
    return { server: await page.locator('#server-gpc').innerText(), page: await page.locator('#page-gpc').innerText() };
  }

  test('"Send Global Privacy Control to this site": the header and navigator.globalPrivacyControl when on, on this site only, and neither when off', async () => {
    expect(await signals()).toEqual({ server: 'none', page: 'undefined' });
    const popup = await openPopupFor(browser, page);
    const gpc = popup.getByRole('switch', { name: 'Send Global Privacy Control to this site' });
    expect(await gpc.getAttribute('aria-checked')).toBe('false');
    await gpc.click();
    await expect.poll(() => gpc.getAttribute('aria-checked'), ACTION).toBe('true');
    await popup.close();
    const options = await browser.openPopupPage(0, 'options.html');
    await options.locator('[data-rule="gameta.test"]').waitFor();
    expect(await options.locator('[data-rule="gameta.test"] [data-rule-gpc]').innerText()).toBe('Sends Global Privacy Control.');
    await options.close();

    expect(await signals()).toEqual({ server: '1', page: 'true' });
    // The site's trackers get it with their requests and read it in the page (the stand-ins report both).
    const since = Date.now();
    await visit();
    for (const vendor of ['ga', 'meta', 'matomo'] as const) {
      const hit = hitsOf(demo, vendor, since).at(-1);
      expect({ header: hit?.gpc, page: hit?.query['gpc'] }, vendor).toEqual({ header: '1', page: '1' });
    }
    // Another site is not told.
    expect(await signals('www.hubdemo.test')).toEqual({ server: 'none', page: 'undefined' });

    await page.goto(demo.url(SHOP, '/__demo/privacy-signals'));
    const again = await openPopupFor(browser, page);
    const gpcAgain = again.getByRole('switch', { name: 'Send Global Privacy Control to this site' });
    expect(await gpcAgain.getAttribute('aria-checked')).toBe('true');
    // GPC asks; it stops no request, so the popup claims no "holding" for it.
    expect(await again.locator('[data-verification]').count()).toBe(0);
    await gpcAgain.click();
    await expect.poll(() => gpcAgain.getAttribute('aria-checked'), ACTION).toBe('false');
    await again.close();
    expect(await signals()).toEqual({ server: 'none', page: 'undefined' });
  });
});

function lastHitQuery(vendor: 'ga' | 'meta' | 'matomo'): Record<string, string> {
  const hits = hitsOf(demo, vendor, 0);
  return hits[hits.length - 1]?.query ?? {};
}
