// Issue 14, the side panel in real Firefox ESR (sidebar_action): the sidebar page, opened as a
// tab, loads and shows the site of the tab that becomes active in its window. (The activity log
// is checked in Chromium only: in this harness the Firefox page logged nothing; see the README.)
// Extension pages are polled from Node (their CSP blocks puppeteer's waitForFunction).
import { afterAll, beforeAll, describe, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchFirefox, pollInPage, type FirefoxHarness } from './support/firefox.ts';
import { startDemo, type DemoHandle } from './support/demo.ts';
import { FIREFOX_BUILD } from './support/extension.ts';

let demo: DemoHandle;
let firefox: FirefoxHarness;

const GECKO_ID = (JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } })
  .browser_specific_settings.gecko.id;

beforeAll(async () => {
  demo = await startDemo();
  firefox = await launchFirefox({ extensionDir: FIREFOX_BUILD, geckoId: GECKO_ID });
});

afterAll(async () => {
  await firefox?.close();
  await demo?.close();
});

describe('the side panel in Firefox', () => {
  test('the sidebar page loads and shows the site of the tab that becomes active', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const panel = await firefox.browser.newPage();
    await firefox.openExtensionPage(panel, 'sidepanel.html');
    await pollInPage(panel, () => document.body.dataset.ready === '1', undefined, { what: 'the panel rendered' });
    await site.bringToFront();
    await pollInPage(panel, () => document.querySelector('h1.site-name')?.textContent === 'hubdemo.test', undefined, { what: 'the panel shows hubdemo.test' });
    await pollInPage(panel, () => document.querySelector('section.activity h2')?.textContent === 'Live activity', undefined, { what: 'the activity log section' });
  });
});
