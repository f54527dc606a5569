// Issue 2 end to end in Chromium: the popup decodes what the demo site's stand-in tracker wrote.
// Expected values come from the browser's cookie jar (what the tracker wrote), read with the
// documented __hstc / __hssc layout, never from Cookie Lens's own decoders.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { expandCookie, fieldText, onlyCookie, openPopupFor, splitHstc, summaryMs, summaryText, summaryValue } from '../../harness/extension.ts';
import { useChromium } from '../../harness/fixtures.ts';

const { browser, demo, visit } = useChromium({ pinExtension: true });


async function freshPage(): Promise<Page> {
  await browser.context.clearCookies();
  return browser.context.newPage();
}

describe('the popup on a HubSpot-tracked site', () => {
  test('shows the visitor history the tracker wrote, over two sessions and several pages', async () => {
    const page = await freshPage();
    await visit(page, '/');
    await visit(page, '/pricing');
    // A new session, as HubSpot starts one: the 30-minute __hssc is gone.
    await browser.context.clearCookies({ name: '__hssc' });
    await visit(page, '/');
    await visit(page, '/pricing');
    await visit(page, '/blog/');

    const hstc = splitHstc((await onlyCookie(browser.context, '__hstc')).value);
    const hssc = (await onlyCookie(browser.context, '__hssc')).value.split('.');
    const utk = (await onlyCookie(browser.context, 'hubspotutk')).value;
    // The documented session rules the tracker follows: session 2 began at `current`; the first
    // session is the previous one; three pages in this session.
    expect(hstc.session).toBe(2);
    expect(hstc.previous).toBe(hstc.first);
    expect(hstc.current).toBeGreaterThan(hstc.first);
    expect(hssc[1]).toBe('3');

    const popup = await openPopupFor(browser, page);
    expect(await summaryMs(popup, 'firstVisit')).toBe(hstc.first);
    expect(await summaryMs(popup, 'previousVisit')).toBe(hstc.previous);
    expect(await summaryMs(popup, 'currentVisit')).toBe(hstc.current);
    expect(await summaryValue(popup, 'sessionCount')).toBe('2');
    expect(await summaryValue(popup, 'pageViews')).toBe('3');
    expect(await summaryText(popup, 'visitorId')).toBe(utk);
    expect(hstc.visitorId).toBe(utk);
    expect(await summaryValue(popup, 'doNotTrack')).toBe('off');
    await popup.close();
    await page.close();
  });

  test('expands __hstc into its fields, with the domain hash matched to the cookie domain', async () => {
    const page = await freshPage();
    await visit(page, '/');
    const cookie = await onlyCookie(browser.context, '__hstc');
    const hstc = splitHstc(cookie.value);
    const popup = await openPopupFor(browser, page);
    const details = await expandCookie(popup, '__hstc');
    // 200321585 is the hash of ".hubdemo.test" (docs/DEMO-SITE.md, worked out from the algorithm).
    expect(hstc.hash).toBe(200321585);
    // The hash is an identifier, not a quantity: shown as written, without digit grouping.
    expect(await fieldText(details, 'domainHash')).toBe('200321585');
    expect(await fieldText(details, 'domainHashMatches')).toBe('matches .hubdemo.test');
    expect(await details.locator('[data-field="firstVisit"] time').getAttribute('datetime')).toBe(new Date(hstc.first).toISOString());
    expect(await fieldText(details, 'visitorId')).toBe(hstc.visitorId);
    expect(await fieldText(details, 'sessionCount')).toBe('1');
    expect(await details.innerText()).toContain(cookie.domain);
    expect(await details.innerText()).toContain('180 days or 390 days, renewed on every visit (on sites with an opt-in banner: counted from your first visit)');
    await popup.close();
    await page.close();
  });

  test('recognises every other cookie in HubSpot\'s list, with vendor and category', async () => {
    const page = await freshPage();
    await demo.setPreset(page, 'others');
    await visit(page, '/');
    const names = (await browser.context.cookies()).filter((c) => c.domain.endsWith('hubdemo.test')).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['__hs_cookie_cat_pref', '__cf_bm', '__cfruid', '_cfuvid', 'hs_ab_test', 'messagesUtk', '__hsmem']));
    const popup = await openPopupFor(browser, page);
    for (const name of new Set(names)) {
      const row = popup.locator(`li.cookie[data-cookie="${name}"]`).first();
      expect(await row.count(), name).toBe(1);
      const text = await row.locator('.cookie-head').innerText();
      expect(text, name).not.toContain('not recognised');
      expect(text, name).toMatch(name.startsWith('__cf') || name === '_cfuvid' ? /Cloudflare/ : /HubSpot/);
    }
    const cf = await expandCookie(popup, '__cf_bm');
    expect(await cf.innerText()).toContain('HttpOnly');
    expect(await popup.locator('[data-category="necessary"] li.cookie').count()).toBeGreaterThan(5);
    await popup.close();
    await page.close();
  });

  test('shows malformed values raw with the reason, and a do-not-track value HubSpot ignores', async () => {
    const page = await freshPage();
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const url = demo.url('www.hubdemo.test', '/');
    await browser.context.addCookies([
      { name: '__hstc', value: '1.2.3', url },
      { name: '__hs_do_not_track', value: '1', url },
      { name: '__hssc', value: '200321585.4.1700000000000', url },
      { name: 'mystery_cookie', value: '<b>x</b>', url },
    ]);
    const popup = await openPopupFor(browser, page);
    const hstc = await expandCookie(popup, '__hstc');
    expect(await hstc.locator('[data-problem]').getAttribute('data-problem')).toBe('segment-count');
    expect(await hstc.locator('.raw-value').innerText()).toBe('1.2.3');
    expect(await summaryValue(popup, 'doNotTrack')).toBe('not-honoured');
    const hssc = await expandCookie(popup, '__hssc');
    expect(await fieldText(hssc, 'stale')).toBe('yes');
    const mystery = popup.locator('li.cookie[data-cookie="mystery_cookie"]');
    expect(await mystery.locator('.cookie-head').innerText()).toContain('not recognised');
    await popup.close();
    await page.close();
  });

  test('updates while open when the site writes its cookies', async () => {
    const page = await freshPage();
    await visit(page, '/');
    const popup = await openPopupFor(browser, page);
    expect(await summaryValue(popup, 'pageViews')).toBe('1');
    // HubSpot writes its cookies once per page load (a page view without a reload changes none):
    // the next page load writes __hssc with 2 page views.
    await visit(page, '/pricing');
    await popup.waitForFunction(() => document.querySelector('[data-summary] [data-field="pageViews"] [data-value]')?.getAttribute('data-value') === '2');
    expect((await onlyCookie(browser.context, '__hssc')).value.split('.')[1]).toBe('2');
    await popup.close();
    await page.close();
  });

  test('says so when the site has no HubSpot cookies, and on pages extensions cannot read', async () => {
    const page = await freshPage();
    await page.goto(demo.url('hubdemo.test', '/?tracker=0'));
    const popup = await openPopupFor(browser, page);
    expect(await popup.locator('[data-summary="none"]').innerText()).toContain('No HubSpot cookies on this site');
    await popup.close();

    await page.goto('chrome://version/');
    const browserPage = await openPopupFor(browser, page);
    expect(await browserPage.locator('[data-state="unsupported-page"]').innerText()).toContain('cannot look at this page');
    await browserPage.close();
    await page.close();
  });

  test('the real toolbar popup shows the same summary', async () => {
    const page = await freshPage();
    await visit(page, '/');
    await visit(page, '/pricing');
    const hstc = splitHstc((await onlyCookie(browser.context, '__hstc')).value);
    await page.bringToFront();
    await browser.triggerToolbarPopup(page);
    const view = browser.popupView();
    await view.waitForOpen({ selector: 'body[data-ready="1"] [data-summary="hubspot"]' });
    const shown = await view.evaluate((popup) => ({
      first: popup.document.querySelector('[data-field="firstVisit"] time')?.getAttribute('data-ms'),
      pages: popup.document.querySelector('[data-field="pageViews"] [data-value]')?.getAttribute('data-value'),
      host: popup.document.querySelector('.site-name')?.textContent,
    }));
    expect(shown).toEqual({ first: String(hstc.first), pages: '2', host: 'hubdemo.test' });
    await page.close();
  });
});
