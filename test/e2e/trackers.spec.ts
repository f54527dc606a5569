// Issue 7 end to end in Chromium: Google Analytics, Meta and OneTrust cookies decoded beside
// HubSpot's, and the consent the visitor gave (analytics declined in OneTrust) checked against the
// cookies actually present. Expected values are read from the cookie jar with the documented
// formats (docs/facts/other-trackers.md), not from Cookie Lens's decoders.
import { describe, expect, test } from 'vitest';
import { expandCookie, onlyCookie, openPopupFor } from '../../harness/extension.ts';
import { useChromium } from '../../harness/fixtures.ts';

const { browser, demo } = useChromium();


describe('other trackers and consent against reality', () => {
  test('decodes GA, Meta and OneTrust and flags analytics cookies present despite the decline', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await demo.setPreset(page, 'trackers');
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));

    // _ga = GA1.<domain depth>.<random>.<first visit, unix seconds>
    const [, , random, firstSeconds] = (await onlyCookie(browser.context, '_ga')).value.split('.');
    // _fbp = fb.<subdomain index>.<creation, ms>.<random>
    const [, , fbpCreated] = (await onlyCookie(browser.context, '_fbp')).value.split('.');
    const consent = new URLSearchParams((await onlyCookie(browser.context, 'OptanonConsent')).value);
    expect(consent.get('groups')).toBe('C0001:1,C0002:0,C0003:1,C0004:0');

    const popup = await openPopupFor(browser, page);
    const ga = await expandCookie(popup, '_ga');
    expect(await ga.locator('[data-field="clientId"] dd').innerText()).toBe(`${random}.${firstSeconds}`);
    expect(await ga.locator('[data-field="firstVisit"] time').getAttribute('datetime')).toBe(new Date(Number(firstSeconds) * 1000).toISOString());
    const fbp = await expandCookie(popup, '_fbp');
    expect(await fbp.locator('time').first().getAttribute('datetime')).toBe(new Date(Number(fbpCreated)).toISOString());
    expect(await popup.locator('li.cookie[data-cookie="_fbp"] .cookie-vendor').innerText()).toMatch(/Meta/);

    // The contradiction, in words, in the warnings and on both rows.
    const warnings = popup.locator('[data-contradictions]');
    const text = await warnings.innerText();
    // OneTrust's groups name categories only under its default ids: every such sentence says so.
    expect(await warnings.locator('li[data-contradiction="_ga"]').innerText()).toMatch(/^If the site uses OneTrust's default groups: Analytics declined in OneTrust on .+, yet _ga was (probably )?refreshed/);
    expect(await warnings.locator('li[data-contradiction="_fbp"]').innerText()).toMatch(/^If the site uses OneTrust's default groups: Advertising declined in OneTrust on .+, yet _fbp /);
    const onetrust = await expandCookie(popup, 'OptanonConsent');
    expect(await onetrust.locator('[data-field="analytics"] dd').innerText()).toBe('no (if the site uses OneTrust\'s default groups)');
    expect(await onetrust.locator('[data-field="groupsDeclined"] dd').innerText()).toBe('C0002, C0004');
    expect(await popup.locator('li.cookie[data-cookie="_ga"] [data-against-consent]').count()).toBe(1);
    expect(await popup.locator('li.cookie[data-cookie="OptanonConsent"] [data-against-consent]').count()).toBe(1);
    // Functional cookies were allowed, necessary ones never count: no warning names them.
    expect(text).not.toContain('OptanonAlertBoxClosed');
    await popup.close();
    await page.close();
  });

  test('HubSpot\'s own consent cookie joins the same check', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const url = demo.url('www.hubdemo.test', '/');
    // A declined HubSpot banner choice next to a HubSpot visitor cookie: docs/facts/hubspot-cookies.md section 7.
    await browser.context.addCookies([
      { name: '__hs_cookie_cat_pref', value: '1:false_2:false_3:true', url },
      { name: '__hstc', value: '200321585.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728971805584.1', url },
    ]);
    const popup = await openPopupFor(browser, page);
    // HubSpot's categories are fixed: no condition.
    expect(await popup.locator('[data-contradictions] li').innerText()).toMatch(/^Analytics declined in HubSpot, yet __hstc was refreshed/);
    await popup.close();
    await page.close();
  });
});
