// Issue 3 end to end in Chromium: do-not-track, opt-out (and blocking), reset with undo, rules
// that survive a restart and are enforced without the popup, and the options page's file round trip.
import { describe, expect, test } from 'vitest';
import type { Cookie, Page } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trackerSnapshot, waitForTracker } from '../../harness/demo.ts';
import { onlyCookie, openPopupFor, sendFromPage, siteCookies, splitHstc } from '../../harness/extension.ts';
import { freshTmpDir } from '../../harness/paths.ts';
import { useChromium } from '../../harness/fixtures.ts';
import { ANALYTICS_COOKIES, IDENTITY_COOKIES } from '../../src/core/hubspot-sets.ts';
import { CLEAN_UP_TABS_KEY } from '../../src/browser/storage-keys.ts';
import { STORAGE_KEY } from '../../src/storage/schema.ts';

const { browser, demo, visit, freshSite } = useChromium();


async function analyticsCookies(): Promise<Cookie[]> {
  return (await browser.context.cookies()).filter((c) => ANALYTICS_COOKIES.has(c.name) && c.domain.endsWith('hubdemo.test'));
}

/** Switches do-not-track on in the site's popup, waits until it shows on, and closes the popup. */
async function doNotTrackFromPopup(page: Page): Promise<void> {
  const popup = await openPopupFor(browser, page);
  await popup.getByRole('switch', { name: 'Do not track' }).click();
  await popup.waitForFunction(() => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'true');
  await popup.close();
}

/** Page-view beacons logged since the last clear. */
function pageViewBeacons() {
  return demo.beacons().filter((b) => b.path === '/__ptq.gif' && b.query['k'] === '1');
}

function sameCookie(a: Cookie, b: Cookie): boolean {
  return a.name === b.name && a.domain === b.domain && a.path === b.path && (a.partitionKey ?? '') === (b.partitionKey ?? '');
}

/** Each of `cookies` is in the browser once again, exactly as it was (its expiry to the second). */
async function expectBackExactly(cookies: readonly Cookie[]): Promise<void> {
  const jar = await browser.context.cookies();
  for (const cookie of cookies) {
    const back = jar.filter((c) => sameCookie(c, cookie));
    expect(back.length, `${cookie.name} ${cookie.domain}`).toBe(1);
    const [found] = back;
    expect({ ...found, expires: Math.round(found?.expires ?? 0) }, `${cookie.name} ${cookie.domain}`).toEqual({ ...cookie, expires: Math.round(cookie.expires) });
  }
}

describe('do not track', () => {
  test('stops the beacons while the cookies still refresh; switching it off resumes them', async () => {
    const page = await freshSite();
    await visit(page, '/');
    await demo.waitForBeacons(1);
    const popup = await openPopupFor(browser, page);
    const dnt = popup.getByRole('switch', { name: 'Do not track' });
    await dnt.click();
    await popup.waitForFunction(() => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'true');

    const cookie = await onlyCookie(browser.context, '__hs_do_not_track');
    expect(cookie.value).toBe('yes');
    expect(cookie.path).toBe('/');
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.domain).toBe('.hubdemo.test');
    const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(179.9);
    expect(days).toBeLessThanOrEqual(180);

    demo.clearBeacons();
    const before = Number((await onlyCookie(browser.context, '__hssc')).value.split('.')[1]);
    await visit(page, '/pricing');
    await visit(page, '/blog/');
    const tracker = await trackerSnapshot(page);
    expect(tracker.suppressedReasons).toContain('do-not-track');
    expect(pageViewBeacons()).toEqual([]);
    // HubSpot keeps its cookies fresh even with do-not-track on.
    expect(Number((await onlyCookie(browser.context, '__hssc')).value.split('.')[1])).toBe(before + 2);

    const reopened = await openPopupFor(browser, page);
    expect(await reopened.getByRole('switch', { name: 'Do not track' }).getAttribute('aria-checked')).toBe('true');
    expect(await reopened.locator('[data-verification]').getAttribute('data-requests')).toBe('0');
    await reopened.getByRole('switch', { name: 'Do not track' }).click();
    await reopened.waitForFunction(() => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'false');
    expect(await siteCookies(browser.context, '__hs_do_not_track')).toEqual([]);
    const since = Date.now();
    await visit(page, '/');
    await demo.waitForBeacons(1, { sentSince: since });
    await popup.close();
    await reopened.close();
    await page.close();
  });
});

describe('holding', () => {
  test('counts HubSpot\'s tracking requests by their path on any host (a portal\'s own tracking domain), not its error reports', async () => {
    const page = await freshSite();
    await visit(page, '/');
    await doNotTrackFromPopup(page);
    demo.clearRequests();
    const sent = (host: string, path: string) => demo.requests().some((r) => r.host === host && r.path === path);
    // HubSpot sends its error reports to /__pto.gif even under do-not-track: not tracking.
    await page.evaluate((url) => { new Image().src = url; }, demo.url('track.hubspot.com', '/__pto.gif?w=1&m=TypeError'));
    await expect.poll(() => sent('track.hubspot.com', '/__pto.gif'), { timeout: 10_000 }).toBe(true);
    // A page view sent to the site's own host, as to a portal's custom tracking domain.
    await page.evaluate((url) => { new Image().src = url; }, demo.url('www.hubdemo.test', '/__ptq.gif?a=4815162&k=1'));
    await expect.poll(() => sent('www.hubdemo.test', '/__ptq.gif'), { timeout: 10_000 }).toBe(true);

    const popup = await openPopupFor(browser, page);
    const verification = popup.locator('[data-verification]');
    await expect.poll(() => verification.getAttribute('data-verification'), { timeout: 10_000 }).toBe('leaking');
    expect(await verification.getAttribute('data-requests')).toBe('1');
    expect(await verification.innerText()).toContain('Not holding: 1 tracking requests to www.hubdemo.test since your choice');
    await popup.close();
    await page.close();
  });
});

describe('opt out', () => {
  test('declines consent, removes the analytics cookies and keeps them gone with zero beacons', async () => {
    const page = await freshSite();
    await visit(page, '/');
    expect((await analyticsCookies()).length).toBe(4);
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    expect(await analyticsCookies()).toEqual([]);
    expect((await onlyCookie(browser.context, '__hs_cookie_cat_pref')).value).toBe('1:false,2:false,3:false');
    expect((await onlyCookie(browser.context, '__hs_do_not_track')).value).toBe('yes');

    expect((await onlyCookie(browser.context, '__hs_opt_out')).value).toBe('yes');

    demo.clearBeacons();
    // Without a consent policy HubSpot writes its identity again on every page; it must be gone
    // within a second of each load.
    for (const path of ['/', '/pricing', '/blog/', '/']) {
      await visit(page, path);
      await expect.poll(async () => (await analyticsCookies()).map((c) => c.name), { timeout: 1_000, interval: 50 }).toEqual([]);
    }
    expect(demo.beacons()).toEqual([]);
    const reopened = await openPopupFor(browser, page);
    expect(await reopened.locator('[data-verification]').getAttribute('data-verification')).toBe('holding');
    expect(await reopened.locator('[data-verification]').innerText()).toContain('0 tracking requests');
    await popup.close();
    await reopened.close();
    await page.close();
  });

  test('chosen on the options page, applies at once to a tab already open on the site, without a reload', async () => {
    const page = await freshSite();
    await visit(page, '/');
    await doNotTrackFromPopup(page);
    expect((await analyticsCookies()).length).toBe(4);
    const loadedAt = await page.evaluate(() => performance.timeOrigin);

    const options = await browser.openPopupPage(0, 'options.html');
    await options.waitForSelector('[data-rule="hubdemo.test"]');
    await options.getByRole('combobox', { name: 'Opt-out level on hubdemo.test' }).selectOption('cookies');
    // The site's tab was not navigated: the background applied the new rule to the open tab.
    await expect.poll(async () => (await analyticsCookies()).map((c) => c.name), { timeout: 10_000 }).toEqual([]);
    expect((await onlyCookie(browser.context, '__hs_cookie_cat_pref')).value).toBe('1:false,2:false,3:false');
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await options.close();
    await page.close();
  });

  test('shows a warning with what was seen when the site still sends tracking requests', async () => {
    const page = await freshSite();
    await visit(page, '/');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    // A script on the page that ignores the choice and sends a page view itself.
    demo.clearBeacons();
    const since = Date.now();
    await page.evaluate((url) => { new Image().src = url; }, demo.url('track.hubspot.com', '/__ptq.gif?a=4815162&k=1&cts=' + String(since)));
    await expect.poll(() => demo.beacons().length, { timeout: 10_000 }).toBe(1);
    const reopened = await openPopupFor(browser, page);
    const verification = reopened.locator('[data-verification]');
    await expect.poll(() => verification.getAttribute('data-verification'), { timeout: 10_000 }).toBe('leaking');
    expect(await verification.getAttribute('data-requests')).toBe('1');
    expect(await verification.innerText()).toContain('1 tracking requests to track.hubspot.com');
    expect(await verification.getAttribute('role')).toBe('alert');
    await popup.close();
    await reopened.close();
    await page.close();
  });

  test('the count of tracking requests survives a browser restart (it is kept in storage.local)', async () => {
    const page = await freshSite();
    await visit(page, '/');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    await popup.close();
    demo.clearBeacons();
    await page.evaluate((url) => { new Image().src = url; }, demo.url('track.hubspot.com', '/__ptq.gif?a=4815162&k=1'));
    await expect.poll(() => demo.beacons().length, { timeout: 10_000 }).toBe(1);
    const before = await openPopupFor(browser, page);
    await expect.poll(() => before.locator('[data-verification]').getAttribute('data-requests'), { timeout: 10_000 }).toBe('1');
    await before.close();

    await browser.restart();
    const next = await browser.context.newPage();
    await next.goto(demo.url('www.hubdemo.test', '/pricing?tracker=0'));
    const after = await openPopupFor(browser, next);
    const verification = after.locator('[data-verification]');
    await verification.waitFor();
    expect(await verification.getAttribute('data-verification')).toBe('leaking');
    expect(await verification.getAttribute('data-requests')).toBe('1');
    expect(await verification.innerText()).toContain('Not holding: 1 tracking requests to track.hubspot.com since your choice');
    await after.close();
    await next.close();
  });

  test('the blocking level keeps HubSpot\'s tracking code from loading on this site at all', async () => {
    const page = await freshSite();
    await visit(page, '/');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    // A controlled checkbox: it shows the stored level once the background has saved it.
    await popup.getByRole('checkbox', { name: /block HubSpot's tracking code/ }).click();
    await expect.poll(() => popup.getByRole('checkbox', { name: /block HubSpot's tracking code/ }).isChecked()).toBe(true);
    demo.clearRequests();
    await page.goto(demo.url('www.hubdemo.test', '/pricing'));
    // The loader is fetched (HubSpot forms and chat would keep working); the tracker never is.
    await expect.poll(() => demo.requests().some((r) => r.host === 'js.hs-scripts.com')).toBe(true);
    await page.waitForLoadState('load');
    expect(demo.requests().filter((r) => r.host === 'js.hs-analytics.net' || r.host === 'track.hubspot.com')).toEqual([]);
    expect(await analyticsCookies()).toEqual([]);

    // A portal with its own tracking domain (setTrackingDomain): nothing of the tracker reaches it.
    demo.clearRequests();
    demo.clearBeacons();
    await page.goto(demo.url('www.hubdemo.test', '/?tracking=custom'));
    await page.waitForLoadState('load');
    // The tracker's requests to that host are told by their path, on any host, whoever sends them
    // (a site may serve HubSpot's script from a host of its own, which no host list knows): page
    // views and events are blocked before they leave the browser; an error report (/__pto.gif) is
    // not tracking and still goes out. Each image settles (load, or error when blocked) before the log is read.
    const outcome = await page.evaluate(async (urls) => Promise.all(urls.map((url) => new Promise<string>((resolve) => {
      const image = new Image();
      image.onload = () => resolve('loaded');
      image.onerror = () => resolve('failed');
      image.src = url;
    }))), ['/__ptq.gif?a=4815162&k=1', '/__ptbe.gif?a=4815162&n=pe1', '/__ptc.gif?a=4815162', '/__pto.gif?w=1&m=TypeError'].map((path) => demo.url('track.hubdemo.test', path)));
    expect(outcome).toEqual(['failed', 'failed', 'failed', 'loaded']);
    expect(demo.requests().filter((r) => r.host === 'track.hubdemo.test').map((r) => r.path)).toEqual(['/__pto.gif']);
    expect(demo.beacons().filter((b) => b.path !== '/__pto.gif')).toEqual([]);
    await popup.close();
    await page.close();
  });

  test('survives a browser restart and is enforced on the next visit without opening the popup', async () => {
    const page = await freshSite();
    await visit(page, '/');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    await browser.restart();
    // The site "forgets" the choice cookies (as revokeCookieConsent would); the background must
    // put them back by itself when a page of the site loads. The first page has no tracker, so
    // the check is not a race with it; the tracked pages after it must then send nothing.
    await browser.context.clearCookies();
    demo.clearBeacons();
    const next = await browser.context.newPage();
    await next.goto(demo.url('www.hubdemo.test', '/pricing?tracker=0'));
    await expect.poll(async () => (await siteCookies(browser.context, '__hs_do_not_track')).map((c) => c.value), { timeout: 10_000 }).toEqual(['yes']);
    expect((await onlyCookie(browser.context, '__hs_cookie_cat_pref')).value).toBe('1:false,2:false,3:false');
    for (const path of ['/', '/blog/']) {
      await next.goto(demo.url('www.hubdemo.test', path));
      await waitForTracker(next);
      expect(await analyticsCookies(), path).toEqual([]);
    }
    expect(pageViewBeacons()).toEqual([]);
    await next.close();
  });
});

describe('reset and undo', () => {
  test('a new visitor on the next visit; every variant and the partitioned copy removed; login and other cookies kept; undo restores exactly', async () => {
    const page = await freshSite();
    await visit(page, '/?embed=1');
    await visit(page, '/pricing?embed=1');
    await demo.setPreset(page, 'login');
    await demo.setPreset(page, 'variants');
    // HubSpot's cross-domain linker carries identity in these parameters; the reset strips them.
    await visit(page, '/?embed=1&__hsfp=1234567&__hssc=200321585.1.1718000000000&keep=me');
    await expect.poll(async () => (await browser.context.cookies()).some((c) => c.name === 'messagesUtk' && c.partitionKey !== undefined)).toBe(true);
    const before = await browser.context.cookies();
    const oldId = (await onlyCookie(browser.context, 'hubspotutk')).value;
    const identity = before.filter((c) => IDENTITY_COOKIES.has(c.name));
    expect(identity.filter((c) => c.name === '__hstc').length).toBe(2);
    expect(identity.some((c) => c.partitionKey !== undefined)).toBe(true);

    const popup = await openPopupFor(browser, page);
    await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
    const preview = popup.getByRole('list', { name: 'Cookies to remove' });
    // The preview names exactly the identity cookies the browser holds (both __hstc variants and
    // the partitioned chat id), and none of the login or other cookies.
    const previewNames = await preview.locator('li[data-reset-cookie]').evaluateAll((items) => items.map((li) => li.getAttribute('data-reset-cookie') ?? ''));
    expect(previewNames.sort()).toEqual(['__hssc', '__hssrc', '__hstc', '__hstc', 'hubspotutk', 'messagesUtk']);
    expect(previewNames.sort()).toEqual(identity.map((c) => c.name).sort());
    expect(await preview.locator('li[data-reset-cookie]').count()).toBe(identity.length);
    const navigated = page.waitForEvent('load');
    await popup.getByRole('button', { name: 'Remove and reload' }).click();
    await navigated;
    await waitForTracker(page);
    const reloadedAt = new URL(page.url());
    expect([...reloadedAt.searchParams.keys()].sort()).toEqual(['embed', 'keep']);

    const after = await browser.context.cookies();
    const hstcNow = after.filter((c) => c.name === '__hstc');
    expect(hstcNow.length).toBe(1);
    const fresh = splitHstc(hstcNow[0]?.value ?? '');
    expect(fresh.visitorId).not.toBe(oldId);
    expect(fresh.session).toBe(1);
    expect(fresh.first).toBe(fresh.current);
    expect((await onlyCookie(browser.context, '__hssc')).value.split('.')[1]).toBe('1');
    // The old partitioned chat id is gone (the frame may have written a new one on reload).
    const oldChat = identity.find((c) => c.name === 'messagesUtk');
    expect(after.some((c) => c.name === 'messagesUtk' && c.value === oldChat?.value)).toBe(false);
    // Untouched: login cookies, the unrelated first-party cookie, the other variants' cookies.
    for (const kept of ['__hsmem', 'hs-membership-csrf', 'cart_id', 'blog_layout', 'secure_pref', 'session_token', '__Host-fp_chips']) {
      const was = before.filter((c) => c.name === kept);
      expect(was.length, kept).toBe(1);
      expect(after.filter((c) => c.name === kept).map((c) => c.value), kept).toEqual(was.map((c) => c.value));
    }

    const reopened = await openPopupFor(browser, page);
    // The id of the snapshot the Undo button sends, read from storage before it is taken out.
    const snapshotId = await reopened.evaluate(async (key) => {
      const local = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local;
      const root = (await local.get(key))[key];
      return String(Reflect.get(Reflect.get(Reflect.get(root ?? {}, 'undo') ?? {}, '0/hubdemo.test') ?? {}, 'id'));
    }, STORAGE_KEY);
    expect(snapshotId).toMatch(/\S{8,}/);
    await reopened.getByRole('button', { name: 'Undo', exact: true }).click();
    await reopened.waitForSelector('[data-last-action]');
    expect(await reopened.locator('[data-last-action]').innerText()).toContain(`${identity.length} cookies restored`);
    await expectBackExactly(identity);
    // A second undo of the same snapshot restores nothing more; an id never handed out is unknown.
    const pageTabId = await browser.tabIdOf(page);
    const undoWith = (id: string) => sendFromPage(reopened, { type: 'undo', payload: { tabId: pageTabId, snapshotId: id } });
    expect(await undoWith(snapshotId)).toEqual({ ok: true, value: { restored: 0, failed: [], expired: 0, result: 'already-restored' } });
    expect(await undoWith('never-handed-out')).toEqual({ ok: true, value: { restored: 0, failed: [], expired: 0, result: 'unknown-snapshot' } });
    // Nothing was touched by either: the restored cookies are as the first undo left them.
    expect((await browser.context.cookies()).filter((c) => identity.some((i) => sameCookie(c, i))).length).toBe(identity.length);
    await popup.close();
    await reopened.close();
    await page.close();
  });
});

describe('options page', () => {
  test('exports the choices to a file, imports them back, and refuses a malformed file changing nothing', async () => {
    const page = await freshSite();
    await visit(page, '/');
    await doNotTrackFromPopup(page);
    // The site's other choices, made in the popup: Global Privacy Control, links stripped of
    // HubSpot's identity, and clean-up when its last tab closes.
    const popup = await openPopupFor(browser, page);
    const gpc = popup.getByRole('switch', { name: 'Send Global Privacy Control to this site' });
    await gpc.click();
    await expect.poll(() => gpc.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');
    const strip = popup.getByRole('checkbox', { name: "Strip HubSpot's identity from links to this site" });
    await strip.click();
    await expect.poll(() => strip.isChecked(), { timeout: 15_000 }).toBe(true);
    await popup.getByRole('checkbox', { name: 'Clean up when I close its last tab' }).click();
    await popup.getByRole('radio', { name: /^Tracking cookies only/ }).waitFor();
    await popup.close();

    const options = await browser.openPopupPage(0, 'options.html');
    await options.waitForSelector('[data-rule="hubdemo.test"] [data-rule-gpc]');
    await options.waitForSelector('[data-cleanup-site="hubdemo.test"]');
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export rules' }).click();
    const file = join(freshTmpDir('rules-'), 'rules.json');
    await (await download).saveAs(file);
    const exported: unknown = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({
      format: 'cookie-lens-rules',
      version: 2,
      rules: [{ site: 'hubdemo.test', doNotTrack: true, optOut: 'off', gpc: true }],
      stripLinks: [{ site: 'hubdemo.test' }],
      cleanUp: [{ site: 'hubdemo.test', scope: 'tracking' }],
    });

    // Every choice forgotten, then the file brings them all back.
    await options.getByRole('button', { name: 'Remove the choice for hubdemo.test' }).click();
    await options.getByRole('button', { name: 'Stop stripping links to hubdemo.test' }).click();
    await options.getByRole('button', { name: 'Stop cleaning up hubdemo.test' }).click();
    await options.waitForFunction(() => document.querySelectorAll('[data-rule], [data-strip-site], [data-cleanup-site]').length === 0);
    await options.locator('input[type="file"]').setInputFiles(file);
    await options.waitForSelector('[data-rule="hubdemo.test"]');
    expect(await options.locator('[data-message="ok"]').innerText()).toContain('Imported the choices for 1 site.');
    expect(await options.getByRole('checkbox', { name: 'Do not track on hubdemo.test' }).isChecked()).toBe(true);
    expect(await options.locator('[data-rule="hubdemo.test"] [data-rule-gpc]').innerText()).toBe('Sends Global Privacy Control.');
    await options.waitForSelector('[data-strip-site="hubdemo.test"]');
    await options.waitForSelector('[data-cleanup-site="hubdemo.test"]');

    const broken = join(freshTmpDir('rules-'), 'broken.json');
    writeFileSync(broken, '{"format": "cookie-lens-rules", "rules": [{"site": 42}');
    await options.locator('input[type="file"]').setInputFiles(broken);
    await options.waitForSelector('[data-message="error"]');
    expect(await options.locator('[data-message="error"]').innerText()).toContain('not a Cookie Lens rules file');
    expect(await options.locator('[data-rule]').count()).toBe(1);
    await options.close();
    await page.close();
  });
});

describe('clean up when I close its last tab', () => {
  const siteJar = async () => (await browser.context.cookies()).filter((c) => c.domain.endsWith('hubdemo.test'));

  /** The popup's clean-up notice says `what`, and its Undo brings `removed` back exactly. */
  async function undoCleanUp(popup: Page, what: string, removed: readonly Cookie[]): Promise<void> {
    const notice = popup.locator('[data-cleanup-notice]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain(what);
    await popup.getByRole('button', { name: 'Undo clean-up' }).click();
    await notice.waitFor({ state: 'detached' });
    await expectBackExactly(removed);
  }

  test('nothing goes while another tab shows the site; the last close removes the tracking cookies and keeps the login; the popup offers Undo, which restores them exactly; the last tab moving to another site cleans up too', async () => {
    const first = await freshSite();
    await visit(first, '/');
    await demo.setPreset(first, 'login');
    await visit(first, '/pricing');
    const popup = await openPopupFor(browser, first);
    await popup.getByRole('checkbox', { name: 'Clean up when I close its last tab' }).click();
    const trackingOnly = popup.getByRole('radio', { name: /^Tracking cookies only/ });
    await trackingOnly.waitFor();
    expect(await trackingOnly.isChecked()).toBe(true);
    await popup.close();

    const second = await browser.context.newPage();
    await visit(second, '/blog/');
    const [firstId, secondId] = [await browser.tabIdOf(first), await browser.tabIdOf(second)];
    // The background's record of the marked site's tabs (storage.session), read from an extension page.
    const host = await browser.openPopupPage(0, 'options.html');
    await host.waitForSelector('body[data-ready="1"]');
    const trackedTabs = () => host.evaluate(async (key) => {
      const session = (globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome.storage.session;
      const raw = (await session.get(key))[key];
      return Object.keys(Object(Reflect.get(Object(raw), 'tabs'))).map(Number).sort((a, b) => a - b);
    }, CLEAN_UP_TABS_KEY);
    await expect.poll(trackedTabs).toEqual([firstId, secondId].sort((a, b) => a - b));
    const before = await siteJar();
    const identity = before.filter((c) => ANALYTICS_COOKIES.has(c.name));
    expect(identity.map((c) => c.name).sort()).toEqual([...ANALYTICS_COOKIES].sort());

    await first.close();
    // Handled once the background has forgotten the closed tab: nothing removed, the other tab still shows the site.
    await expect.poll(trackedTabs).toEqual([secondId]);
    expect((await siteJar()).map((c) => `${c.name}=${c.value}`).sort()).toEqual(before.map((c) => `${c.name}=${c.value}`).sort());

    await second.close();
    await expect.poll(async () => (await siteJar()).filter((c) => ANALYTICS_COOKIES.has(c.name)).length).toBe(0);
    // Everything else stays: the login cookies above all.
    const kept = before.filter((c) => !ANALYTICS_COOKIES.has(c.name));
    expect(kept.map((c) => c.name)).toEqual(expect.arrayContaining(['__hsmem', 'hs-membership-csrf']));
    expect((await siteJar()).map((c) => `${c.name}=${c.value}`).sort()).toEqual(kept.map((c) => `${c.name}=${c.value}`).sort());

    // Back on the site (the tracker writes a new visitor), the popup says what went and offers Undo.
    const third = await browser.context.newPage();
    await visit(third, '/');
    const reopened = await openPopupFor(browser, third);
    await undoCleanUp(reopened, `Cleaned up ${identity.length} cookies when you closed its last tab`, identity);

    // Moving the site's last tab to another site counts as closing it there.
    await third.goto(demo.url('www.hubdemo-partner.test', '/'));
    await expect.poll(async () => (await siteJar()).filter((c) => ANALYTICS_COOKIES.has(c.name)).length).toBe(0);
    expect((await siteJar()).map((c) => c.name)).toEqual(expect.arrayContaining(['__hsmem', 'hs-membership-csrf']));

    // The options page lists the site; stopping it there leaves the profile as the other tests expect.
    await host.getByRole('button', { name: 'Stop cleaning up hubdemo.test' }).click();
    await host.waitForSelector('[data-cleanup-site]', { state: 'detached' });
    await reopened.close();
    await host.close();
    await third.close();
  });

  test('a marked site whose tab was open when the browser quit is cleaned up when it starts again without it; the popup says so, and Undo restores the cookies exactly', async () => {
    const page = await freshSite();
    await visit(page, '/');
    await demo.setPreset(page, 'login');
    await visit(page, '/pricing');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('checkbox', { name: 'Clean up when I close its last tab' }).click();
    await popup.getByRole('radio', { name: /^Tracking cookies only/ }).waitFor();
    await popup.close();
    // What outlives the browser: cookies with an expiry (session cookies end with it anyway).
    const lasting = (await siteJar()).filter((c) => c.expires > 0);
    const identity = lasting.filter((c) => ANALYTICS_COOKIES.has(c.name));
    expect(identity.map((c) => c.name)).toEqual(expect.arrayContaining(['__hstc', 'hubspotutk']));

    // The site's tab is open when the browser quits; Chromium starts again with a new tab, not the old session.
    await browser.restart();
    await expect.poll(async () => (await siteJar()).filter((c) => ANALYTICS_COOKIES.has(c.name)).length, { timeout: 20_000 }).toBe(0);
    const kept = lasting.filter((c) => !ANALYTICS_COOKIES.has(c.name));
    expect(kept.map((c) => c.name)).toEqual(expect.arrayContaining(['__hsmem']));
    expect((await siteJar()).map((c) => `${c.name}=${c.value}`).sort()).toEqual(kept.map((c) => `${c.name}=${c.value}`).sort());

    // On the site again (its tracker off, so it writes no new visitor), the popup says when it went and offers Undo.
    const back = await browser.context.newPage();
    await visit(back, '/?tracker=0');
    const reopened = await openPopupFor(browser, back);
    await undoCleanUp(reopened, `Cleaned up ${identity.length} cookies when the browser started`, identity);
    await reopened.getByRole('checkbox', { name: 'Clean up when I close its last tab' }).click();
    await reopened.getByRole('radio', { name: /^Tracking cookies only/ }).waitFor({ state: 'detached' });
    await reopened.close();
    await back.close();
  });
});
