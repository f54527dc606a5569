// Issue 12 in real Firefox ESR: arriving with HubSpot's linked identity in the address's fragment,
// a reset gives a new visitor whose beacons never carry the old id.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxHarness } from './support/firefox.ts';
import { beaconSentAt, parseTrackerSnapshot, startDemo, type DemoHandle, type TrackerSnapshot } from './support/demo.ts';
import { FIREFOX_BUILD } from './support/extension.ts';

let demo: DemoHandle;
let firefox: FirefoxHarness;
let popup: Page;

const GECKO_ID = (JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } })
  .browser_specific_settings.gecko.id;

beforeAll(async () => {
  demo = await startDemo();
  firefox = await launchFirefox({ extensionDir: FIREFOX_BUILD, geckoId: GECKO_ID });
  popup = await firefox.extensionPage();
});

afterAll(async () => {
  await firefox?.close();
  await demo?.close();
});

async function tracker(page: Page): Promise<TrackerSnapshot> {
  await poll(() => page.evaluate(() => document.documentElement.dataset['demoTracker'] === 'ready').catch(() => false), (ready) => ready);
  return parseTrackerSnapshot(await page.evaluate(() => JSON.stringify(Reflect.get(window, '__demoTracker'))));
}

/** Polls from Node (puppeteer's waitForFunction is not used with Firefox; see test/unit/e2e-harness.test.ts). */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks the popup button whose text starts with `label` (no waitForFunction in extension pages on Firefox). */
async function clickButton(label: string): Promise<void> {
  const clicked = await popup.evaluate((text) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(text));
    button?.click();
    return button !== undefined;
  }, label);
  expect(clicked, label).toBe(true);
}

describe('reset in Firefox', () => {
  test('identity arriving in the fragment: after the reset a new visitor, and no beacon carries the old id', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(demo.url('www.hubdemo-partner.test', '/'));
    const partner = await tracker(site);
    await poll(() => site.evaluate(() => document.querySelector('#portal-link')?.getAttribute('href') ?? ''), (href) => href.includes('__hsfp='));
    const href = new URL((await site.$eval('#portal-link', (a) => a.getAttribute('href'))) ?? '');
    const linked = new URLSearchParams();
    for (const name of ['__hstc', '__hssc', '__hsfp']) linked.set(name, href.searchParams.get(name) ?? '');
    const oldId = partner.visitorId;

    await site.goto(`${demo.url('www.hubdemo.test', '/')}#${linked.toString()}`);
    const arrived = await tracker(site);
    expect(arrived.identitySource).toBe('url-fragment');
    expect(arrived.visitorId).toBe(oldId);

    const tabId = await firefox.tabIdOf(site.url());
    await firefox.openExtensionPage(popup, `popup.html?tabId=${tabId}`);
    await poll(() => popup.evaluate(() => document.body.dataset['ready'] === '1'), (ready) => ready);
    await popup.bringToFront();
    await clickButton('Reset to a new visitor');
    const address = await poll(() => popup.evaluate(() => document.querySelector('[data-reset-address]')?.textContent ?? ''), (text) => text !== '');
    expect(address).toContain('__hstc (fragment)');
    await site.evaluate(() => Reflect.set(window, 'beforeReset', true));
    const resetAt = Date.now();
    await clickButton('Remove and reload');
    // The reloaded page: no marker, and its tracker done (an evaluate during the navigation can fail).
    await poll(() => site.evaluate(() => !Reflect.has(window, 'beforeReset') && document.documentElement.dataset['demoTracker'] === 'ready').catch(() => false), (done) => done);

    expect(new URL(site.url()).hash).toBe('');
    const after = await tracker(site);
    expect(after.visitorId).not.toBe(oldId);
    expect(after.identitySource).toBe('new');
    await demo.waitForBeacons(1, { sentSince: resetAt });
    const sent = demo.beacons().filter((b) => beaconSentAt(b) >= resetAt).map((b) => JSON.stringify(b.query));
    expect(sent.length).toBeGreaterThan(0);
    for (const beacon of sent) expect(beacon).not.toContain(oldId);
    await site.close();
  });
});
