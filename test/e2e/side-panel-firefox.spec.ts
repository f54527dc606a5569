// Issue 14, the side panel in real Firefox ESR (sidebar_action): the sidebar page, opened as a
// tab, loads and shows the site of the tab that becomes active in its window, and its live
// activity log records a HubSpot session start and a Google Analytics refresh of `_ga` as they
// happen (timestamps inside the step that caused them), and a request its block switch stopped.
// Expected values come from the browser's
// cookie jar, read through the extension's cookies API. The panel page is a background tab here,
// as the log once stayed empty in exactly that case: its listeners started only at the next frame.
// Extension pages are polled from Node (their CSP blocks puppeteer's waitForFunction).
import { describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { pollInPage } from '../../harness/firefox.ts';
import { splitHstc } from '../../harness/extension.ts';
import { useFirefox } from '../../harness/fixtures.ts';
import { SHOP_HOST, hitsOf, visitShop } from '../../harness/vendor-hits.ts';

const { firefox, demo } = useFirefox({ withPopupPage: false });

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

  test('the activity log records a HubSpot session start and a Google Analytics refresh as they happen', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/'));
    await trackerReady(site);
    const panel = await firefox.browser.newPage();
    await firefox.openExtensionPage(panel, 'sidepanel.html');
    await pollInPage(panel, () => document.body.dataset.ready === '1', undefined, { what: 'the panel rendered' });
    await site.bringToFront();
    await pollInPage(panel, () => document.querySelector('h1.site-name')?.textContent === 'hubdemo.test', undefined, { what: 'the panel shows hubdemo.test' });

    // A new session: without __hssc the tracker starts the next session on the next page load.
    const before = splitHstc((await jarCookie(panel, '__hstc')).value);
    const sessionStep = Date.now();
    const hssc = await jarCookie(panel, '__hssc');
    await site.evaluate((domain) => { document.cookie = `__hssc=; path=/; max-age=0${domain.startsWith('.') ? `; domain=${domain.slice(1)}` : ''}`; }, hssc.domain);
    await site.reload();
    await trackerReady(site);
    const after = splitHstc((await jarCookie(panel, '__hstc')).value);
    expect(after.session).toBe(before.session + 1);
    const started = 'ol[data-activity-log] li[data-kind="cookie"][data-event="session-started"][data-vendor="hubspot"]';
    await pollInPage(panel, (selector) => document.querySelector(selector) !== null, started, { what: 'the session start in the log' });
    const startedEntry = await logEntry(panel, started);
    expect(startedEntry.text).toContain(`HubSpot started your session number ${after.session}`);
    expect(startedEntry.at).toBeGreaterThanOrEqual(sessionStep);
    expect(startedEntry.at).toBeLessThanOrEqual(Date.now());

    // A refresh of Google Analytics' _ga: the same value written again with a new expiry.
    await demo.setPreset(site, 'trackers');
    await site.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const ga = await jarCookie(panel, '_ga');
    const refreshStep = Date.now();
    await site.evaluate(({ value, domain, path }) => {
      const domainPart = domain.startsWith('.') ? `; domain=${domain.slice(1)}` : '';
      document.cookie = `_ga=${value}; path=${path}; max-age=63072000${domainPart}`;
    }, { value: ga.value, domain: ga.domain, path: ga.path });
    const refreshed = 'ol[data-activity-log] li[data-event="refreshed"][data-vendor="google-analytics"]';
    await pollInPage(panel, (selector) => document.querySelector(selector) !== null, refreshed, { what: 'the _ga refresh in the log' });
    const refreshedEntry = await logEntry(panel, refreshed);
    expect(refreshedEntry.text).toContain('Google Analytics refreshed _ga');
    expect(refreshedEntry.at).toBeGreaterThanOrEqual(refreshStep);

    // Newest first: the refresh came after the session start.
    const events = await panel.evaluate(() => [...document.querySelectorAll('ol[data-activity-log] li')].map((item) => item.getAttribute('data-event')));
    expect(events.indexOf('refreshed')).toBeLessThan(events.indexOf('session-started'));
  });

  test("a tracker blocked with the panel's own switch: its stopped request is in the log, and nothing reached it", async () => {
    const site = await firefox.browser.newPage();
    await visitShop(demo, site);
    const panel = await firefox.browser.newPage();
    await firefox.openExtensionPage(panel, 'sidepanel.html');
    await pollInPage(panel, () => document.body.dataset.ready === '1', undefined, { what: 'the panel rendered' });
    await site.bringToFront();
    await pollInPage(panel, () => document.querySelector('h1.site-name')?.textContent === 'gameta.test', undefined, { what: 'the panel shows gameta.test' });
    await switchOn(panel, GA_SWITCH);

    const since = Date.now();
    await site.goto(demo.url(SHOP_HOST, '/'), { waitUntil: 'load' });
    const blocked = 'ol[data-activity-log] li[data-kind="blocked"][data-vendor="google-analytics"]';
    await pollInPage(panel, (selector) => document.querySelector(selector) !== null, blocked, { what: "Google Analytics' stopped request in the log" });
    const entry = await logEntry(panel, blocked);
    expect(entry.text).toContain('A request of Google Analytics to www.googletagmanager.com was blocked');
    expect(entry.at).toBeGreaterThanOrEqual(since);
    expect(hitsOf(demo, 'ga', since)).toEqual([]);
    expect(demo.requests().filter((request) => request.time >= since && request.host === 'www.googletagmanager.com')).toEqual([]);

    // Unblocked again, for the tests after this one (with no cookies of its own left, Google
    // Analytics' block, switch and all, goes until the page runs it again).
    await clickSwitch(panel, GA_SWITCH);
    await pollInPage(panel, (label) => ![...document.querySelectorAll('button[role="switch"]')].some((b) => b.textContent?.trim() === label && b.getAttribute('aria-checked') === 'true'),
      GA_SWITCH, { what: 'Google Analytics unblocked', timeoutMs: 15_000 });
  });
});

const GA_SWITCH = 'Block Google Analytics on this site';

/** Clicks the panel's switch with exactly this name. */
async function clickSwitch(panel: Page, name: string): Promise<void> {
  await panel.evaluate((label) => [...document.querySelectorAll<HTMLButtonElement>('button[role="switch"]')].find((b) => b.textContent?.trim() === label)?.click(), name);
}

/** Clicks the panel's switch with exactly this name and waits until it is on. */
async function switchOn(panel: Page, name: string): Promise<void> {
  await pollInPage(panel, (label) => [...document.querySelectorAll('button[role="switch"]')].some((b) => b.textContent?.trim() === label), name, { what: `the switch ${name}` });
  await clickSwitch(panel, name);
  await pollInPage(panel, (label) => [...document.querySelectorAll('button[role="switch"]')].find((b) => b.textContent?.trim() === label)?.getAttribute('aria-checked') === 'true',
    name, { what: `${name} to be on`, timeoutMs: 15_000 });
}

/** Waits for the demo site's stand-in tracker (polled from Node, as everywhere in Firefox). */
async function trackerReady(page: Page): Promise<void> {
  await pollInPage(page, () => document.documentElement.dataset['demoTracker'] === 'ready', undefined, { what: 'the demo tracker' });
}

/** The one cookie of that name on hubdemo.test, read by the extension page from the browser's jar. */
async function jarCookie(extensionPage: Page, name: string): Promise<{ value: string; domain: string; path: string }> {
  const found = await extensionPage.evaluate(async (wanted) => {
    const api = Reflect.get(window, 'browser') as { cookies: { getAll(details: { name: string }): Promise<Array<{ value: string; domain: string; path: string }>> } };
    return (await api.cookies.getAll({ name: wanted })).filter((cookie) => cookie.domain.endsWith('hubdemo.test')).map(({ value, domain, path }) => ({ value, domain, path }));
  }, name);
  expect(found, `${name} in the jar`).toHaveLength(1);
  const [only] = found;
  if (only === undefined) throw new Error(`no ${name}`);
  return only;
}

/** The first (newest) log entry matching `selector`: its text and its time. */
async function logEntry(panel: Page, selector: string): Promise<{ text: string; at: number }> {
  return panel.evaluate((wanted) => {
    const item = document.querySelector(wanted);
    return { text: item?.textContent ?? '', at: Date.parse(item?.querySelector('time')?.getAttribute('datetime') ?? '') };
  }, selector);
}
