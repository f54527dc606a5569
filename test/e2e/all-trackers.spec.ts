// Issue 13 end to end in Chromium: on the demo shop without HubSpot (www.gameta.test, with our
// stand-ins for Google Analytics 4, Meta's pixel and Matomo), the popup names every tracker with
// what its cookies say, and nothing of HubSpot. Expected values are read from the cookie jar with
// the documented formats (docs/DEMO-SITE.md), not from Cookie Lens's decoders.
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium.ts';
import { startDemo, type DemoHandle } from './support/demo.ts';
import { CHROME_BUILD, openPopupFor } from './support/extension.ts';
import { hitsOf, waitForHits } from './support/vendor-hits.ts';

const SHOP = 'www.gameta.test';
const MATOMO_ID = `_pk_id.1.${createHash('sha1').update(`${SHOP}/`).digest('hex').slice(0, 4)}`;

let demo: DemoHandle;
let browser: ChromiumHarness;
let page: Page;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium({ extensionDirs: [CHROME_BUILD] });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

beforeEach(async () => {
  for (const open of browser.context.pages()) if (!open.url().startsWith('chrome-extension://')) await open.close();
  await browser.context.clearCookies();
  demo.clearBeacons();
  page = await browser.context.newPage();
});

/** Loads a shop page and waits until all three stand-ins have sent their page view. */
async function visit(path = '/'): Promise<void> {
  const counts = { ga: hitsOf(demo, 'ga', 0).length, meta: hitsOf(demo, 'meta', 0).length, matomo: hitsOf(demo, 'matomo', 0).length };
  await page.goto(demo.url(SHOP, path));
  await waitForHits(demo, 'ga', counts.ga + 1, 0);
  await waitForHits(demo, 'meta', counts.meta + 1, 0);
  await waitForHits(demo, 'matomo', counts.matomo + 1, 0);
}

async function shopCookie(name: string): Promise<string> {
  const found = (await browser.context.cookies()).filter((cookie) => cookie.name === name && cookie.domain.endsWith('gameta.test'));
  expect(found, name).toHaveLength(1);
  return found[0]?.value ?? '';
}

function block(popup: Page, vendor: string) {
  return popup.locator(`[data-summary="vendor"][data-vendor="${vendor}"]`);
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
    const ga = block(popup, 'google-analytics');
    expect(await ga.locator('h2').textContent()).toBe('What Google Analytics knows about you here');
    expect(await ga.locator('[data-field="firstSeen"] time').getAttribute('datetime')).toBe(new Date(Number(gaFirst) * 1000).toISOString());
    expect(await ga.locator('[data-field="sessionCount"] [data-value]').getAttribute('data-value')).toBe('1');
    expect(await ga.locator('[data-field="id:clientId"] code').innerText()).toBe(`${gaRandom}.${gaFirst}`);

    const meta = block(popup, 'meta');
    expect(await meta.locator('h2').textContent()).toMatch(/^What Meta.* knows about you here$/);
    expect(await meta.locator('[data-field="firstSeen"] time').getAttribute('datetime')).toBe(new Date(Number(fbpCreated)).toISOString());
    expect(await meta.locator('[data-field="id:randomId"] code').innerText()).toBe(fbpRandom);

    const matomo = block(popup, 'matomo');
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
});
