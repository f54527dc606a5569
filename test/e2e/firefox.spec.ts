// Issue 4 in real Firefox ESR (puppeteer-core over WebDriver BiDi): the Firefox build loads, the
// popup decodes what the demo tracker wrote, reset and undo work, and a container's and a private
// window's cookie stores are shown and acted on apart from the default store.
import { describe, expect, test } from 'vitest';
import { cookieMap, launchFirefox, pollInPage } from '../../harness/firefox.ts';
import { FIREFOX_BUILD, firefoxGeckoId, splitHstc } from '../../harness/extension.ts';
import { useFirefox } from '../../harness/fixtures.ts';

const { firefox, demo, popup, trackerOf, showPopupFor, clickButton } = useFirefox({ allowPrivateBrowsing: true });

const summaryMs = (field: string) => popup.$eval(`[data-summary] [data-field="${field}"] time`, (el) => Number(el.getAttribute('data-ms')));

describe('Cookie Lens in Firefox', () => {
  test('decodes the tracker\'s cookies, resets to a new visitor and undoes it', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/'));
    await trackerOf(site);
    await site.goto(demo.url('www.hubdemo.test', '/pricing'));
    await trackerOf(site);
    const written = cookieMap(await site.evaluate(() => document.cookie));
    const hstc = splitHstc(written.get('__hstc') ?? '');
    expect(written.get('__hssc')?.split('.')[1]).toBe('2');

    const tabId = await firefox.tabIdOf(site.url());
    await showPopupFor(tabId);
    expect(await summaryMs('firstVisit')).toBe(hstc.first);
    expect(await popup.$eval('[data-field="pageViews"] [data-value]', (el) => el.getAttribute('data-value'))).toBe('2');
    expect(await popup.$eval('[data-field="visitorId"] dd', (el) => el.textContent)).toBe(written.get('hubspotutk'));
    const stores = await popup.$$eval('li.cookie', (items) => [...new Set(items.map((li) => li.getAttribute('data-store')))]);
    expect(stores).toEqual(['firefox-default']);

    await clickButton('Reset to a new visitor');
    await popup.waitForSelector('[data-reset-cookie]');
    // Marks the page, so the wait below is for the reloaded one, not this one after the removal.
    await site.evaluate(() => Reflect.set(window, 'beforeReset', true));
    await clickButton('Remove and reload');
    await pollInPage(site, () => !Reflect.has(window, 'beforeReset') && document.documentElement.dataset['demoTracker'] === 'ready' && document.cookie.includes('__hstc='), undefined, { what: 'the reloaded page with a new __hstc' });
    const fresh = splitHstc(cookieMap(await site.evaluate(() => document.cookie)).get('__hstc') ?? '');
    expect(fresh.visitorId).not.toBe(hstc.visitorId);
    expect(fresh.session).toBe(1);

    await showPopupFor(tabId);
    await clickButton('Undo');
    await popup.waitForSelector('[data-last-action]');
    const restored = cookieMap(await site.evaluate(() => document.cookie));
    expect(restored.get('__hstc')).toBe(written.get('__hstc'));
    expect(restored.get('hubspotutk')).toBe(written.get('hubspotutk'));
    await site.close();
  });

  test('a container tab shows and resets only the container\'s cookies', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/'));
    await trackerOf(site);
    const defaultBefore = cookieMap(await site.evaluate(() => document.cookie));

    const container = await firefox.openContainerTab(demo.url('www.hubdemo.test', '/pricing'), 'Work');
    const containerCookies = async () => cookieMap(String(await firefox.evaluateInContext(container.contextId, () => document.cookie)));
    await expect.poll(async () => (await containerCookies()).has('__hstc'), { timeout: 10_000 }).toBe(true);
    const inContainer = await containerCookies();
    expect(inContainer.get('hubspotutk')).not.toBe(defaultBefore.get('hubspotutk'));

    await showPopupFor(container.tabId);
    expect(await popup.$eval('.store-badge', (el) => el.textContent)).toBe('Container: Work');
    const stores = await popup.$$eval('li.cookie', (items) => [...new Set(items.map((li) => li.getAttribute('data-store')))]);
    expect(stores).toEqual([container.cookieStoreId]);
    expect(await popup.$eval('[data-field="visitorId"] dd', (el) => el.textContent)).toBe(inContainer.get('hubspotutk'));

    await clickButton('Reset to a new visitor');
    await popup.waitForSelector('[data-reset-cookie]');
    await clickButton('Remove and reload');
    await expect.poll(async () => (await containerCookies()).get('hubspotutk') !== inContainer.get('hubspotutk'), { timeout: 10_000 }).toBe(true);
    // The default store is untouched.
    const defaultAfter = cookieMap(await site.evaluate(() => document.cookie));
    for (const name of ['__hstc', 'hubspotutk', '__hssrc']) expect(defaultAfter.get(name), name).toBe(defaultBefore.get(name));
    await site.close();
  });

  test('a private window\'s cookies are shown as the private store', async () => {
    const privateTab = await firefox.openPrivateWindow(demo.url('www.hubdemo.test', '/'));
    const privateCookies = async () => cookieMap(String(await firefox.evaluateInContext(privateTab.contextId, () => document.cookie)));
    await expect.poll(async () => (await privateCookies()).has('hubspotutk'), { timeout: 10_000 }).toBe(true);
    await showPopupFor(privateTab.tabId);
    expect(await popup.$eval('.store-badge', (el) => el.textContent)).toBe('Private window');
    const stores = await popup.$$eval('li.cookie', (items) => [...new Set(items.map((li) => li.getAttribute('data-store')))]);
    expect(stores).toEqual(['firefox-private']);
    expect(await popup.$eval('[data-field="visitorId"] dd', (el) => el.textContent)).toBe((await privateCookies()).get('hubspotutk'));
  });
});

describe('switching off in a container', () => {
  test('opt-out kept what was there in the default store and in a container apart; switching off puts back each store\'s own', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/'));
    await trackerOf(site);
    const container = await firefox.openContainerTab(demo.url('www.hubdemo.test', '/pricing'), 'Shopping');
    const inContainer = async () => cookieMap(String(await firefox.evaluateInContext(container.contextId, () => document.cookie)));
    const inDefault = async () => cookieMap(await site.evaluate(() => document.cookie));
    await expect.poll(async () => (await inContainer()).has('__hstc'), { timeout: 10_000 }).toBe(true);
    // Each store has the site's own consent cookie, different ones, as two banners' answers would be.
    await site.evaluate(() => { document.cookie = '__hs_opt_out=no; domain=.hubdemo.test; path=/; max-age=86400'; });
    await firefox.evaluateInContext(container.contextId, () => { document.cookie = '__hs_cookie_cat_pref=1:true,2:true,3:true; domain=.hubdemo.test; path=/; max-age=86400'; });
    const choices = (cookies: Map<string, string>): string[] => ['__hs_do_not_track', '__hs_opt_out', '__hs_cookie_cat_pref'].filter((name) => cookies.has(name)).map((name) => `${name}=${cookies.get(name) ?? ''}`);
    expect(choices(await inDefault())).toEqual(['__hs_opt_out=no']);
    expect(choices(await inContainer())).toEqual(['__hs_cookie_cat_pref=1:true,2:true,3:true']);

    // Opt out from the default store's tab; the rule reaches the open container tab by enforcement.
    await showPopupFor(site);
    const optOutChecked = () => popup.evaluate(() => [...document.querySelectorAll('[role="switch"]')].find((b) => b.textContent?.includes('Opt out'))?.getAttribute('aria-checked'));
    await clickButton('Opt out');
    await expect.poll(optOutChecked, { timeout: 10_000 }).toBe('true');
    await expect.poll(async () => choices(await inContainer()), { timeout: 10_000 }).toEqual(['__hs_do_not_track=yes', '__hs_opt_out=yes', '__hs_cookie_cat_pref=1:false,2:false,3:false']);

    await clickButton('Opt out');
    await expect.poll(optOutChecked, { timeout: 10_000 }).toBe('false');
    await expect.poll(async () => choices(await inDefault()), { timeout: 10_000 }).toEqual(['__hs_opt_out=no']);
    await expect.poll(async () => choices(await inContainer()), { timeout: 10_000 }).toEqual(['__hs_cookie_cat_pref=1:true,2:true,3:true']);

    await site.evaluate(() => { document.cookie = '__hs_opt_out=; domain=.hubdemo.test; path=/; max-age=0'; });
    await firefox.evaluateInContext(container.contextId, () => { document.cookie = '__hs_cookie_cat_pref=; domain=.hubdemo.test; path=/; max-age=0'; });
    await site.close();
  });
});

describe('Cookie Lens in Firefox with first-party isolation', () => {
  test('reads, writes and removes the site\'s cookies with their first-party domain', async () => {
    const isolated = await launchFirefox({
      extensionDir: FIREFOX_BUILD,
      geckoId: firefoxGeckoId(),
      extensionUuid: '0d6b4a4e-5a7f-4c1e-8f0e-6c2b9a7d3e51',
      prefs: { 'privacy.firstparty.isolate': true },
    });
    try {
      const site = await isolated.browser.newPage();
      await site.goto(demo.url('www.hubdemo.test', '/'));
      await trackerOf(site);
      const written = cookieMap(await site.evaluate(() => document.cookie));
      const page = await isolated.extensionPage();
      await isolated.openExtensionPage(page, `popup.html?tabId=${await isolated.tabIdOf(site.url())}`);
      await page.waitForSelector('body[data-ready="1"]');
      await page.bringToFront();
      expect(await page.$eval('[data-field="visitorId"] dd', (el) => el.textContent)).toBe(written.get('hubspotutk'));

      // Do not track: a cookie we write must carry the site's first-party domain to be seen by it.
      await page.evaluate(() => [...document.querySelectorAll('[role="switch"]')].find((b) => b.textContent?.includes('Do not track'))?.dispatchEvent(new MouseEvent('click', { bubbles: true })));
      await pollInPage(site, () => document.cookie.includes('__hs_do_not_track=yes'), undefined, { what: '__hs_do_not_track=yes in the page' });

      // Reset removes the isolated cookies; the site then has a new visitor.
      await pollInPage(page, () => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'true', undefined, { what: 'the switch to show on' });
      await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Reset to a new visitor'))?.click());
      await page.waitForSelector('[data-reset-cookie]');
      await site.evaluate(() => Reflect.set(window, 'beforeReset', true));
      await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Remove and reload'))?.click());
      await pollInPage(site, () => !Reflect.has(window, 'beforeReset') && document.documentElement.dataset['demoTracker'] === 'ready' && document.cookie.includes('hubspotutk='), undefined, { what: 'the reloaded page with a new hubspotutk' });
      expect(cookieMap(await site.evaluate(() => document.cookie)).get('hubspotutk')).not.toBe(written.get('hubspotutk'));
      expect(cookieMap(await site.evaluate(() => document.cookie)).get('__hs_do_not_track')).toBe('yes');
    } finally {
      await isolated.close();
    }
    // A second Firefox starts inside this test: on a loaded 2-core machine the launch alone can
    // take most of the usual 60 s.
  }, 120_000);
});

describe('partitioned cookies in Firefox', () => {
  test('a third-party frame\'s partitioned copy is shown under the site and removed by a reset', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/?embed=1'));
    await trackerOf(site);
    // The frame writes a partitioned messagesUtk (docs/DEMO-SITE.md); Firefox partitions third-party
    // storage by top-level site, so it must show up as this site's partitioned cookie.
    const tabId = await firefox.tabIdOf(site.url());
    const partitionedChat = async (): Promise<string[]> => {
      await showPopupFor(tabId);
      return popup.$$eval('li.cookie[data-cookie="messagesUtk"][data-scope="partitioned"]', (rows) => rows.map((row) => row.getAttribute('data-store') ?? ''));
    };
    await expect.poll(partitionedChat, { timeout: 15_000 }).toEqual(['firefox-default']);
    const frame = site.frames().find((f) => f.url().includes('widget.embedco.test'));
    const before = await frame?.evaluate(() => document.cookie);
    expect(before).toMatch(/messagesUtk=[0-9a-f]{32}/);

    await clickButton('Reset to a new visitor');
    await popup.waitForSelector('[data-reset-cookie="messagesUtk"]');
    await clickButton('Remove and reload');
    const oldChat = /messagesUtk=([0-9a-f]{32})/.exec(before ?? '')?.[1] ?? '?';
    // After the reload the frame finds no chat id and writes a new one.
    const chatIdNow = async (): Promise<string> => {
      const reloaded = site.frames().find((f) => f.url().includes('widget.embedco.test'));
      const cookies = reloaded === undefined ? '' : await reloaded.evaluate(() => document.cookie).catch(() => '');
      return /messagesUtk=([0-9a-f]{32})/.exec(cookies)?.[1] ?? 'none yet';
    };
    await expect.poll(async () => { const id = await chatIdNow(); return id !== 'none yet' && id !== oldChat; }, { timeout: 15_000 }).toBe(true);
    await site.close();
  });

  test('"holding" counts a tracking request by its path on the site\'s own host, not an error report (the page is the initiator)', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/'));
    await trackerOf(site);
    const tabId = await firefox.tabIdOf(site.url());
    await showPopupFor(tabId);
    // Polled from Node: Firefox's extension pages refuse puppeteer's waitForFunction (CSP).
    const verification = () => popup.evaluate(() => {
      const line = document.querySelector('[data-verification]');
      return line === null ? null : { state: line.getAttribute('data-verification'), requests: line.getAttribute('data-requests'), text: line.textContent ?? '' };
    });
    await popup.evaluate(() => [...document.querySelectorAll('[role="switch"]')].find((b) => b.textContent?.includes('Do not track'))?.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await expect.poll(async () => (await verification())?.state, { timeout: 10_000 }).toBe('holding');

    demo.clearRequests();
    const sent = (host: string, path: string) => demo.requests().some((r) => r.host === host && r.path === path);
    await site.evaluate((url) => { new Image().src = url; }, demo.url('track.hubspot.com', '/__pto.gif?w=1&m=TypeError'));
    await expect.poll(() => sent('track.hubspot.com', '/__pto.gif'), { timeout: 10_000 }).toBe(true);
    await site.evaluate((url) => { new Image().src = url; }, demo.url('www.hubdemo.test', '/__ptq.gif?a=4815162&k=1'));
    await expect.poll(() => sent('www.hubdemo.test', '/__ptq.gif'), { timeout: 10_000 }).toBe(true);

    await expect.poll(async () => (await verification())?.requests, { timeout: 10_000 }).toBe('1');
    expect(await verification()).toMatchObject({ state: 'leaking', text: expect.stringContaining('1 tracking requests to www.hubdemo.test since your choice') });
    await site.close();
  });
});
