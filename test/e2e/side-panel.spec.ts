// Issue 14, the side panel in Chromium: the panel page (opened as a tab, as the popup-as-page
// tests do) follows the active tab of its window, and its live activity log records, as they
// happen, a HubSpot session start (the demo site's stand-in tracker), a Google Analytics refresh
// of `_ga` (a page script rewriting it with the same value), HubSpot's page-view beacons, and
// nothing of a site it is not showing. Expected values come from the browser's cookie jar.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForTracker } from '../../harness/demo.ts';
import { splitHstc } from '../../harness/extension.ts';
import { runAxe } from '../../harness/axe.ts';
import { useChromium } from '../../harness/fixtures.ts';
import { SHOP_HOST, hitsOf, visitShop } from '../../harness/vendor-hits.ts';

/** axe-core's violations on the page (every default rule), as test/e2e/a11y.spec.ts runs it; contrast must have been checked. */
async function axeViolations(page: Page): Promise<Array<{ id: string; targets: string[] }>> {
  const { violations, contrastPassed } = await runAxe(page);
  expect(contrastPassed, 'axe checked the colour contrast').toBe(true);
  return violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
}

const { browser, demo } = useChromium();


async function jarCookie(name: string, domainSuffix: string) {
  const found = (await browser.context.cookies()).filter((c) => c.name === name && c.domain.endsWith(domainSuffix));
  expect(found, `${name} in the jar`).toHaveLength(1);
  const [only] = found;
  if (only === undefined) throw new Error(`no ${name}`);
  return only;
}

async function shownSite(panel: Page): Promise<string> {
  return (await panel.locator('h1.site-name').textContent()) ?? '';
}

const logEntries = (panel: Page, selector = '') => panel.locator(`ol[data-activity-log] li${selector}`);

describe('the side panel in Chromium', () => {
  test('follows tab switches, logs a HubSpot session start, page views and a GA refresh as they happen, and nothing of other sites', async () => {
    await browser.context.clearCookies();
    const site = await browser.context.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/'));
    await waitForTracker(site);

    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    await panel.waitForSelector('body[data-ready="1"]');

    // Following: the panel shows the tab that becomes active in its window.
    await site.bringToFront();
    await panel.waitForFunction(() => document.querySelector('h1.site-name')?.textContent === 'hubdemo.test');
    const other = await browser.context.newPage();
    await other.goto(demo.url('widget.embedco.test', '/frame'));
    await panel.waitForFunction(() => document.querySelector('h1.site-name')?.textContent === 'embedco.test');
    await site.bringToFront();
    await panel.waitForFunction(() => document.querySelector('h1.site-name')?.textContent === 'hubdemo.test');
    expect(await shownSite(panel)).toBe('hubdemo.test');
    // And again, once both pages have loaded: a switch alone moves the panel.
    await other.bringToFront();
    await panel.waitForFunction(() => document.querySelector('h1.site-name')?.textContent === 'embedco.test', undefined, { timeout: 5000 });
    await site.bringToFront();
    await panel.waitForFunction(() => document.querySelector('h1.site-name')?.textContent === 'hubdemo.test', undefined, { timeout: 5000 });

    // A new session: without __hssc the tracker starts the next session on the next page load.
    const before = splitHstc((await jarCookie('__hstc', 'hubdemo.test')).value);
    await browser.context.clearCookies({ name: '__hssc' });
    await site.reload();
    await waitForTracker(site);
    const after = splitHstc((await jarCookie('__hstc', 'hubdemo.test')).value);
    expect(after.session).toBe(before.session + 1);
    const started = logEntries(panel, '[data-kind="cookie"][data-event="session-started"][data-vendor="hubspot"]');
    await started.first().waitFor();
    expect(await started.first().textContent()).toContain(`HubSpot started your session number ${after.session}`);
    await logEntries(panel, '[data-kind="request"][data-event="page-view"][data-vendor="hubspot"]').first().waitFor();
    expect(await logEntries(panel, '[data-event="deleted"]').filter({ hasText: '__hssc' }).count()).toBe(1);

    // A cookie written on a site the panel is not showing is not recorded.
    await other.evaluate(() => { document.cookie = 'elsewhere=1; path=/'; });
    await expect.poll(async () => (await browser.context.cookies()).some((c) => c.name === 'elsewhere')).toBe(true);

    // A refresh of Google Analytics' _ga: the same value written again with a new expiry.
    await demo.setPreset(site, 'trackers');
    await site.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const ga = await jarCookie('_ga', 'hubdemo.test');
    await site.evaluate(({ value, domain, path }) => {
      const domainPart = domain.startsWith('.') ? `; domain=${domain.slice(1)}` : '';
      document.cookie = `_ga=${value}; path=${path}; max-age=63072000${domainPart}`;
    }, { value: ga.value, domain: ga.domain, path: ga.path });
    const refreshed = logEntries(panel, '[data-event="refreshed"][data-vendor="google-analytics"]');
    await refreshed.first().waitFor();
    expect(await refreshed.first().textContent()).toContain('Google Analytics refreshed _ga');
    expect(await logEntries(panel).filter({ hasText: 'elsewhere' }).count()).toBe(0);

    // "By last written": the _ga the panel just saw written leads the rows seen written, and the
    // choice is remembered (storage.local).
    await panel.locator('label.order select').selectOption('written');
    await panel.locator('section.cookies .group[data-written="seen"] li[data-cookie="_ga"]').waitFor();
    const writtenGroups = await panel.locator('section.cookies .group').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-written')));
    expect(writtenGroups[0]).toBe('seen');
    expect(await panel.locator('section.cookies .group[data-written="seen"] li').first().getAttribute('data-cookie')).toBe('_ga');
    expect(await panel.locator('section.cookies .group[data-written="seen"] li[data-cookie="_ga"] [data-written-at]').textContent()).toMatch(/^written /);
    await expect.poll(() => panel.evaluate(async () => {
      const api = Reflect.get(globalThis, 'chrome') as { storage: { local: { get(key: string): Promise<Record<string, { rowOrder?: string } | undefined>> } } };
      return (await api.storage.local.get('popupView'))['popupView']?.rowOrder;
    })).toBe('written');

    // Newest first: the refresh came after the session start.
    const events = await logEntries(panel).evaluateAll((items) => items.map((item) => item.getAttribute('data-event')));
    expect(events.indexOf('refreshed')).toBeLessThan(events.indexOf('session-started'));

    // axe: nothing on the panel with its log filled, light and dark.
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(panel), scheme).toEqual([]);
    }

    // Filtered by vendor: only Google Analytics' entries remain.
    await panel.locator('select[data-activity-filter]').selectOption('google-analytics');
    const vendors = await logEntries(panel).evaluateAll((items) => items.map((item) => item.getAttribute('data-vendor')));
    expect(vendors.length).toBeGreaterThan(0);
    expect(new Set(vendors)).toEqual(new Set(['google-analytics']));

    // Exported as JSON: the shown entries.
    const download = panel.waitForEvent('download');
    await panel.locator('button[data-activity-export]').click();
    const file = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const exported = JSON.parse(await readFile(file, 'utf8')) as Array<{ vendor: string; name?: string; event?: string }>;
    expect(exported.length).toBe(vendors.length);
    expect(exported.some((entry) => entry.name === '_ga' && entry.event === 'refreshed')).toBe(true);
  });

  test("a tracker blocked with the panel's own switch: its stopped request is in the log, and nothing reached it", async () => {
    await browser.context.clearCookies();
    const site = await browser.context.newPage();
    await visitShop(demo, site);
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    await panel.waitForSelector('body[data-ready="1"]');
    await site.bringToFront();
    await panel.waitForFunction(() => document.querySelector('h1.site-name')?.textContent === 'gameta.test');
    const gaSwitch = panel.getByRole('switch', { name: 'Block Google Analytics on this site' });
    await gaSwitch.click();
    await expect.poll(() => gaSwitch.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');

    const since = Date.now();
    await site.goto(demo.url(SHOP_HOST, '/'), { waitUntil: 'load' });
    const blocked = logEntries(panel, '[data-kind="blocked"][data-vendor="google-analytics"]');
    await blocked.first().waitFor();
    expect(await blocked.first().innerText()).toContain('A request of Google Analytics to www.googletagmanager.com was blocked');
    expect(Date.parse((await blocked.first().locator('time').getAttribute('datetime')) ?? '')).toBeGreaterThanOrEqual(since);
    expect(hitsOf(demo, 'ga', since)).toEqual([]);
    expect(demo.requests().filter((request) => request.time >= since && request.host === 'www.googletagmanager.com')).toEqual([]);

    // Unblocked again (with no cookies of its own left, Google Analytics' block goes until the page runs it again).
    await gaSwitch.click();
    await expect.poll(() => panel.getByRole('switch', { name: 'Block Google Analytics on this site', checked: true }).count(), { timeout: 15_000 }).toBe(0);
    await panel.close();
    await site.close();
  });
});
