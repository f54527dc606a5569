// Issue 4 in Chromium: every kind of cookie of the site shown exactly once with its scope and
// store; third-party frames' cookies listed apart; a private (incognito) window's store kept
// apart from the normal one for showing, reset and undo.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForTracker } from '../../harness/demo.ts';
import { openPopupFor } from '../../harness/extension.ts';
import { useChromium } from '../../harness/fixtures.ts';
import { STORE_KEY } from '../../src/browser/storage-keys.ts';

const { browser, demo } = useChromium({ incognitoAllowed: true });

interface StoredCookie { name: string; value: string; domain: string; path: string; storeId: string; partitionKey?: { topLevelSite: string } }

/** The browser's own cookie list for a store, read through the cookies API from an extension page. */
async function storeCookies(page: Page, storeId: string): Promise<StoredCookie[]> {
  return page.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: { cookies: { getAll(q: object): Promise<StoredCookie[]> } } }).chrome.cookies;
    return api.getAll({ storeId: id, partitionKey: {} });
  }, storeId);
}

describe('the site\'s cookies', () => {
  test('each variant is shown exactly once with its scope: host-only, Domain, path, Secure, HttpOnly, partitioned; embedded frames apart', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(demo.url('www.hubdemo.test', '/?embed=1'));
    await waitForTracker(page);
    await demo.setPreset(page, 'variants');
    await page.goto(demo.url('www.hubdemo.test', '/pricing?embed=1'));
    await waitForTracker(page);
    await expect.poll(async () => (await browser.context.cookies()).filter((c) => c.domain.includes('embedco')).length, { timeout: 10_000 }).toBeGreaterThan(0);

    const jar = await browser.context.cookies();
    const site = jar.filter((c) => c.domain.endsWith('hubdemo.test') || c.partitionKey === 'https://hubdemo.test');
    const embedded = jar.filter((c) => c.domain.endsWith('embedco.test') && c.partitionKey === undefined);
    expect(site.filter((c) => c.name === '__hstc').length).toBe(2);
    expect(site.some((c) => c.path === '/blog')).toBe(true);
    expect(site.some((c) => c.httpOnly)).toBe(true);
    expect(site.some((c) => c.partitionKey !== undefined && c.domain.endsWith('embedco.test'))).toBe(true);
    expect(embedded.length).toBeGreaterThan(0);

    const popup = await openPopupFor(browser, page);
    // Every cookie of the site once: same count, and each (name, scope) pair as often as in the jar.
    const shown = await popup.$$eval('main .cookie-browser > section.cookies li.cookie', (items) => items.map((li) => `${li.getAttribute('data-cookie') ?? ''}|${li.getAttribute('data-scope') ?? ''}`));
    expect(shown.length).toBe(site.length);
    const scopeOf = (c: (typeof site)[number]) => (c.partitionKey !== undefined ? 'partitioned' : c.domain.startsWith('.') ? 'domain' : 'host-only');
    expect([...shown].sort()).toEqual(site.map((c) => `${c.name}|${scopeOf(c)}`).sort());
    // The /blog cookie is shown on /pricing, marked with its path.
    expect(await popup.locator('li.cookie[data-cookie="blog_layout"] [data-path="/blog"]').count()).toBe(1);
    // Cookies of the embedded third party are listed apart, under its host.
    const section = popup.locator('[data-embedded-host="widget.embedco.test"]');
    for (const cookie of embedded) expect(await section.locator(`li.cookie[data-cookie="${cookie.name}"]`).count(), cookie.name).toBe(1);
    await popup.close();
    await page.close();
  });
});

describe('a site under a public suffix of two labels (co.uk)', () => {
  // The popup's first read guesses the registrable domain from the host's last two labels
  // (src/browser/site-read.ts): here the guess is `co.uk`, a superset of the site's cookies and
  // the wrong partition. The popup must still show exactly the site's cookies.
  test('shows the site\'s own cookies, its partitioned copy included, and not another co.uk site\'s', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(demo.url('www.hubdemo.co.uk', '/?embed=1'));
    await waitForTracker(page);
    await browser.context.addCookies([
      { name: 'other_site_id', value: 'not-this-site', domain: '.othersite.co.uk', path: '/', secure: true, sameSite: 'Lax', expires: Math.floor(Date.now() / 1000) + 3600 },
    ]);
    await expect.poll(async () => (await browser.context.cookies()).filter((c) => c.partitionKey === 'https://hubdemo.co.uk').length, { timeout: 10_000 }).toBeGreaterThan(0);

    const jar = await browser.context.cookies();
    const site = jar.filter((c) => (c.partitionKey === undefined && (c.domain === '.hubdemo.co.uk' || c.domain === 'www.hubdemo.co.uk' || c.domain === '.www.hubdemo.co.uk'))
      || c.partitionKey === 'https://hubdemo.co.uk');
    expect(site.filter((c) => c.name === '__hstc').length).toBe(1);
    expect(jar.some((c) => c.domain === '.othersite.co.uk')).toBe(true);

    const popup = await openPopupFor(browser, page);
    const shown = await popup.$$eval('main .cookie-browser > section.cookies li.cookie', (items) => items.map((li) => `${li.getAttribute('data-cookie') ?? ''}|${li.getAttribute('data-scope') ?? ''}`));
    const scopeOf = (c: (typeof site)[number]) => (c.partitionKey !== undefined ? 'partitioned' : c.domain.startsWith('.') ? 'domain' : 'host-only');
    expect([...shown].sort()).toEqual(site.map((c) => `${c.name}|${scopeOf(c)}`).sort());
    expect(shown.some((row) => row.endsWith('|partitioned'))).toBe(true);
    expect(await popup.locator('li.cookie[data-cookie="other_site_id"]').count()).toBe(0);
    // Decoded from what the tracker wrote: the visitor id is the hubspotutk the browser holds.
    expect(await popup.locator('[data-field="visitorId"] dd').first().innerText()).toBe(site.find((c) => c.name === 'hubspotutk')?.value);
    await popup.close();
    await page.close();
  });
});

describe('a private window', () => {
  test('shows only its own store; reset and undo there leave the normal store alone', async () => {
    await browser.context.clearCookies();
    const normal = await browser.context.newPage();
    await normal.goto(demo.url('www.hubdemo.test', '/'));
    await waitForTracker(normal);
    const helper = await browser.openPopupPage(0, 'options.html');
    const normalBefore = await storeCookies(helper, '0');

    const incognitoTabId = await helper.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: { windows: { create(o: object): Promise<{ tabs?: { id?: number }[] }> } } }).chrome.windows;
      const created = await api.create({ incognito: true, url });
      return created.tabs?.[0]?.id ?? -1;
    }, demo.url('www.hubdemo.test', '/pricing'));
    expect(incognitoTabId).toBeGreaterThan(0);
    await expect.poll(async () => (await storeCookies(helper, '1')).filter((c) => c.name === '__hstc').length, { timeout: 10_000 }).toBe(1);
    const privateBefore = await storeCookies(helper, '1');
    const privateId = privateBefore.find((c) => c.name === 'hubspotutk')?.value;
    const normalId = normalBefore.find((c) => c.name === 'hubspotutk')?.value;
    expect(privateId).toBeDefined();
    expect(privateId).not.toBe(normalId);

    const popup = await browser.openPopupPage(incognitoTabId);
    await popup.waitForSelector('body[data-ready="1"]');
    expect(await popup.locator('.store-badge').innerText()).toBe('Private window');
    const stores = await popup.$$eval('li.cookie', (items) => [...new Set(items.map((li) => li.getAttribute('data-store')))]);
    expect(stores).toEqual(['1']);
    expect(await popup.locator('[data-field="visitorId"] dd').innerText()).toBe(privateId);

    await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
    await popup.getByRole('button', { name: 'Remove and reload' }).click();
    await expect.poll(async () => (await storeCookies(helper, '1')).some((c) => c.value.includes(privateId ?? '?')), { timeout: 10_000 }).toBe(false);
    // The normal store is exactly as it was.
    expect((await storeCookies(helper, '0')).map((c) => `${c.name}=${c.value}`).sort()).toEqual(normalBefore.map((c) => `${c.name}=${c.value}`).sort());

    const reopened = await browser.openPopupPage(incognitoTabId);
    await reopened.waitForSelector('body[data-ready="1"]');
    await reopened.getByRole('button', { name: 'Undo', exact: true }).click();
    await reopened.waitForSelector('[data-last-action]');
    const privateAfter = await storeCookies(helper, '1');
    for (const cookie of privateBefore.filter((c) => ['__hstc', 'hubspotutk', '__hssc', '__hssrc'].includes(c.name))) {
      expect(privateAfter.filter((c) => c.name === cookie.name && c.domain === cookie.domain).map((c) => c.value), cookie.name).toEqual([cookie.value]);
    }
    expect((await storeCookies(helper, '0')).map((c) => `${c.name}=${c.value}`).sort()).toEqual(normalBefore.map((c) => `${c.name}=${c.value}`).sort());
    await popup.close();
    await reopened.close();
    await helper.close();
    await normal.close();
  });
});

describe('switching off in every store', () => {
  test('opt-out kept what was there in the normal and the private store apart, and switching off puts back each store\'s own', async () => {
    await browser.context.clearCookies();
    const normal = await browser.context.newPage();
    await normal.goto(demo.url('www.hubdemo.test', '/'));
    await waitForTracker(normal);
    const helper = await browser.openPopupPage(0, 'options.html');
    const incognitoTabId = await helper.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: { windows: { create(o: object): Promise<{ tabs?: { id?: number }[] }> } } }).chrome.windows;
      const created = await api.create({ incognito: true, url });
      return created.tabs?.[0]?.id ?? -1;
    }, demo.url('www.hubdemo.test', '/pricing'));
    expect(incognitoTabId).toBeGreaterThan(0);
    await expect.poll(async () => (await storeCookies(helper, '1')).some((c) => c.name === '__hstc'), { timeout: 10_000 }).toBe(true);

    // Each store has the site's own, different consent cookie, as two banners' answers would be.
    const plant = (storeId: string, name: string, value: string) => helper.evaluate(async ({ storeId, name, value, url }) => {
      const api = (globalThis as unknown as { chrome: { cookies: { set(d: object): Promise<unknown> } } }).chrome.cookies;
      await api.set({ url, storeId, name, value, domain: '.hubdemo.test', path: '/', sameSite: 'lax', expirationDate: Math.floor(Date.now() / 1000) + 86_400 });
    }, { storeId, name, value, url: demo.url('www.hubdemo.test', '/') });
    await plant('0', '__hs_opt_out', 'no');
    await plant('1', '__hs_cookie_cat_pref', '1:true,2:true,3:true');
    const choices = async (storeId: string): Promise<string[]> => (await storeCookies(helper, storeId))
      .filter((c) => ['__hs_do_not_track', '__hs_opt_out', '__hs_cookie_cat_pref'].includes(c.name))
      .map((c) => `${c.name}=${c.value}@${c.domain}`).sort();
    const normalBefore = await choices('0');
    const privateBefore = await choices('1');
    expect(normalBefore).toEqual(['__hs_opt_out=no@.hubdemo.test']);
    expect(privateBefore).toEqual(['__hs_cookie_cat_pref=1:true,2:true,3:true@.hubdemo.test']);

    // Opt out from the normal window; the rule reaches the open private tab through enforcement.
    const popup = await openPopupFor(browser, normal);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await expect.poll(() => popup.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => choices('1'), { timeout: 10_000 }).toEqual([
      '__hs_cookie_cat_pref=1:false,2:false,3:false@.hubdemo.test', '__hs_do_not_track=yes@.hubdemo.test', '__hs_opt_out=yes@.hubdemo.test',
    ]);
    expect(await choices('0')).toEqual(['__hs_cookie_cat_pref=1:false,2:false,3:false@.hubdemo.test', '__hs_do_not_track=yes@.hubdemo.test', '__hs_opt_out=yes@.hubdemo.test']);

    // Off again: each store gets its own back; nothing of one store lands in the other.
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await expect.poll(() => choices('0'), { timeout: 10_000 }).toEqual(normalBefore);
    await expect.poll(() => choices('1'), { timeout: 10_000 }).toEqual(privateBefore);
    await popup.close();
    await helper.close();
    await normal.close();
  });
  test('what opt-out kept of the private store is forgotten when the last private window closes', async () => {
    await browser.context.clearCookies();
    const normal = await browser.context.newPage();
    await normal.goto(demo.url('www.hubdemo.test', '/'));
    await waitForTracker(normal);
    const helper = await browser.openPopupPage(0, 'options.html');
    await helper.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: { windows: { create(o: object): Promise<unknown> } } }).chrome.windows;
      await api.create({ incognito: true, url });
    }, demo.url('www.hubdemo.test', '/pricing'));
    await expect.poll(async () => (await storeCookies(helper, '1')).some((c) => c.name === '__hstc'), { timeout: 10_000 }).toBe(true);
    const keptStores = () => helper.evaluate(async (key) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { rules?: Record<string, { earlier?: object }> }>> } } } }).chrome.storage.local;
      return Object.keys((await api.get(key))[key]?.rules?.['hubdemo.test']?.earlier ?? {}).sort();
    }, STORE_KEY);

    const popup = await openPopupFor(browser, normal);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await expect.poll(keptStores, { timeout: 10_000 }).toEqual(['0', '1']);

    // Every private window closes (the tests before may have left theirs open).
    await helper.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { windows: { getAll(): Promise<{ id?: number; incognito: boolean }[]>; remove(id: number): Promise<void> } } }).chrome.windows;
      for (const open of await api.getAll()) if (open.incognito && open.id !== undefined) await api.remove(open.id);
    });
    await expect.poll(keptStores, { timeout: 10_000 }).toEqual(['0']);

    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await expect.poll(() => popup.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked')).toBe('false');
    await popup.close();
    await helper.close();
    await normal.close();
  });
});
