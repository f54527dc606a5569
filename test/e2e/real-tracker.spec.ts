// Issue 12 end to end in Chromium, against the faithful stand-in tracker and banner: a reset
// gives a new visitor even when HubSpot's identity arrived in the address (fragment or query,
// e-mail identity included); opt-out under each consent policy; switching off puts back exactly
// the choice cookies that were there, from the popup and from the options page.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Cookie, Page } from 'playwright-core';
import { bannerSnapshot, beaconSentAt, trackerSnapshot, waitForTracker } from '../../harness/demo.ts';
import { openPopupFor, siteCookies } from '../../harness/extension.ts';
import { freshTmpDir } from '../../harness/paths.ts';
import { useChromium } from '../../harness/fixtures.ts';
import { ANALYTICS_COOKIES } from '../../src/core/hubspot-sets.ts';

const { browser, demo, visit, freshSite } = useChromium();
const CHOICES = ['__hs_do_not_track', '__hs_opt_out', '__hs_cookie_cat_pref', '__hs_initial_opt_in'];


/** A clean slate: no cookies, no rules, no beacons. */
async function freshPage(): Promise<Page> {
  const page = await freshSite();
  // A reset in an earlier test left links to the site stripped of identity: switch that off too.
  await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
  const popup = await openPopupFor(browser, page);
  const strip = popup.getByRole('checkbox', { name: /Strip HubSpot's identity from links/ });
  if (await strip.isChecked()) {
    await strip.click();
    await expect.poll(() => strip.isChecked()).toBe(false);
  }
  await popup.close();
  demo.clearBeacons();
  return page;
}

async function demoCookies(): Promise<Cookie[]> {
  return (await browser.context.cookies()).filter((c) => c.domain.endsWith('hubdemo.test'));
}

async function analyticsNames(): Promise<string[]> {
  return (await demoCookies()).filter((c) => ANALYTICS_COOKIES.has(c.name)).map((c) => c.name);
}

/** The choice cookies as comparable text: name, value, where, and the expiry to the minute. */
async function choiceCookies(): Promise<string[]> {
  return (await demoCookies())
    .filter((c) => CHOICES.includes(c.name))
    .map((c) => `${c.name}=${c.value} ${c.domain}${c.path} ${c.expires < 0 ? 'session' : Math.round(c.expires / 60)}`)
    .sort();
}

/** The identity HubSpot's linker puts on the partner site's link to this site (query parameters). */
async function linkedIdentity(page: Page): Promise<{ params: URLSearchParams; visitorId: string }> {
  await visit(page, demo.url('www.hubdemo-partner.test', '/'));
  const link = page.locator('#portal-link');
  await expect.poll(async () => (await link.getAttribute('href')) ?? '', { timeout: 5_000 }).toContain('__hsfp=');
  const href = new URL((await link.getAttribute('href')) ?? '');
  const visitorId = (await trackerSnapshot(page)).visitorId;
  const params = new URLSearchParams();
  for (const name of ['__hstc', '__hssc', '__hsfp']) params.set(name, href.searchParams.get(name) ?? '');
  expect(params.get('__hstc')).toContain(visitorId);
  return { params, visitorId };
}

/** Resets from the popup and waits for the reloaded page; returns what the preview said leaves the address. */
async function resetFromPopup(page: Page): Promise<string> {
  const popup = await openPopupFor(browser, page);
  await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
  const address = await popup.locator('[data-reset-address]').innerText();
  const loaded = page.waitForEvent('load');
  await popup.getByRole('button', { name: 'Remove and reload' }).click();
  await loaded;
  await waitForTracker(page);
  await popup.close();
  return address;
}

/** Every logged request to a tracking host sent at or after `since`, as text (all its fields). */
function trackingSince(since: number): string[] {
  return demo.beacons().filter((b) => beaconSentAt(b) >= since).map((b) => `${b.path}?${new URLSearchParams(b.query).toString()}`);
}

describe('links stripped of HubSpot identity: the addresses a page holds and writes itself', () => {
  test('identity in the arrival fragment is gone before the tracker reads it, and pushState/replaceState addresses arrive without it', async () => {
    const page = await freshPage();
    const { params, visitorId: oldId } = await linkedIdentity(page);
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const popup = await openPopupFor(browser, page);
    const strip = popup.getByRole('checkbox', { name: /Strip HubSpot's identity from links/ });
    await strip.click();
    await expect.poll(() => strip.isChecked()).toBe(true);
    await popup.close();

    // The redirect cannot see a fragment; the page script takes it out before the tracker reads it.
    const arrivedAt = Date.now();
    await visit(page, `${demo.url('www.hubdemo.test', '/')}#${params.toString()}&section=beans`);
    const arrived = await trackerSnapshot(page);
    expect(arrived.identitySource).toBe('new');
    expect(arrived.visitorId).not.toBe(oldId);
    expect(new URL(page.url()).hash).toBe('#section=beans');

    // Addresses the page writes: identity out of query and fragment, everything else as written.
    await page.evaluate(() => history.pushState({ step: 1 }, '', '/pricing?__hstc=a.b.1.2.3.4&keep=1&_hsenc=p2A#__hs_email=a%40b.test&top'));
    expect(page.url()).toBe(demo.url('www.hubdemo.test', '/pricing?keep=1#top'));
    expect(await page.evaluate(() => history.state as unknown)).toEqual({ step: 1 });
    await page.evaluate(() => history.replaceState(null, '', '?_hsmi=42&hsCtaTracking=x%7Cy'));
    expect(page.url()).toBe(demo.url('www.hubdemo.test', '/pricing'));
    await page.evaluate(() => history.pushState(null, '', '/blog/?utm_source=mail#__hstcx=1'));
    expect(page.url()).toBe(demo.url('www.hubdemo.test', '/blog/?utm_source=mail#__hstcx=1'));
    // A fragment set later goes too.
    await page.evaluate(() => { location.hash = '__hssc=a.1.2'; });
    await expect.poll(() => page.url()).toBe(demo.url('www.hubdemo.test', '/blog/?utm_source=mail'));

    await demo.waitForBeacons(1, { sentSince: arrivedAt });
    for (const beacon of trackingSince(arrivedAt)) expect(beacon).not.toContain(oldId);
  });
});

describe('naming the portal\'s other domains, which a reset here cannot reach', () => {
  test('the reset preview names the domain the page\'s links carry the identity to, and the opt-out limits the domains still queued for the tracker', async () => {
    const page = await browser.context.newPage();
    await visit(page, demo.url('www.hubdemo.test', '/'));
    // HubSpot's linker decorates the page's links to the portal's other domains with the visitor's identity.
    await expect.poll(async () => (await page.locator('#portal-link').getAttribute('href')) ?? '', { timeout: 5_000 }).toContain('__hstc=');
    const preview = await openPopupFor(browser, page);
    await preview.getByRole('button', { name: /Reset to a new visitor/ }).click();
    await expect.poll(() => preview.locator('[data-portal-source="links"]').allInnerTexts().then((texts) => texts.join(' ')), { timeout: 10_000 }).toContain('www.hubdemo-partner.test');
    await preview.close();

    // Before HubSpot's tracker has run, its queue still holds the portal's cookie domains: the
    // opt-out's limits name them as what the page told the tracker.
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    await page.evaluate(() => { Reflect.set(window, '_hsq', [['setPortalId', 4242], ['addCookieDomain', '.hubdemo.test'], ['addCookieDomain', '.hubdemo-partner.test']]); });
    const limits = await openPopupFor(browser, page);
    await limits.locator('[data-optout-limits] summary').click();
    await expect.poll(() => limits.locator('[data-optout-limits] [data-portal-source="queue"]').allInnerTexts().then((texts) => texts.join(' ')), { timeout: 10_000 })
      .toBe('This page told HubSpot\'s tracker that the same HubSpot account also runs hubdemo-partner.test.');
    await limits.close();
    await page.close();
  });
});

describe('reset with HubSpot identity in the address', () => {
  test('arriving with the linked identity in the fragment: after the reset a new visitor, and no beacon carries the old id', async () => {
    const page = await freshPage();
    const { params, visitorId: oldId } = await linkedIdentity(page);
    await visit(page, `${demo.url('www.hubdemo.test', '/')}#${params.toString()}`);
    const arrived = await trackerSnapshot(page);
    expect(arrived.identitySource).toBe('url-fragment');
    expect(arrived.visitorId).toBe(oldId);

    const resetAt = Date.now();
    const address = await resetFromPopup(page);
    expect(address).toContain('__hstc (fragment)');
    expect(address).toContain('__hsfp (fragment)');
    expect(new URL(page.url()).hash).toBe('');

    const after = await trackerSnapshot(page);
    expect(after.visitorId).not.toBe(oldId);
    expect(after.identitySource).toBe('new');
    await demo.waitForBeacons(1, { sentSince: resetAt });
    const sent = trackingSince(resetAt);
    expect(sent.length).toBeGreaterThan(0);
    for (const beacon of sent) expect(beacon).not.toContain(oldId);
    expect(sent.some((beacon) => beacon.includes(after.visitorId))).toBe(true);
    for (const cookie of await demoCookies()) expect(`${cookie.name}=${cookie.value}`).not.toContain(oldId);
    await page.close();
  });

  test('arriving with linked identity and e-mail identity (_hsenc, _hsmi, __hs_email) in the query: all of it leaves, other parameters stay', async () => {
    const page = await freshPage();
    const { params, visitorId: oldId } = await linkedIdentity(page);
    params.set('_hsenc', 'p2ANqtz-demo0123456789');
    params.set('_hsmi', '424242');
    params.set('__hs_email', 'visitor@example.test');
    params.set('keep', 'me');
    await visit(page, `${demo.url('www.hubdemo.test', '/pricing')}?${params.toString()}`);
    const arrived = await trackerSnapshot(page);
    expect(arrived.identitySource).toBe('url-query');
    expect(arrived.visitorId).toBe(oldId);
    // The e-mail identifies the visitor on the page's beacons (`i`).
    await expect.poll(() => demo.beacons().some((b) => (b.query['i'] ?? '').includes('example.test'))).toBe(true);

    const resetAt = Date.now();
    const address = await resetFromPopup(page);
    for (const name of ['__hstc', '__hssc', '__hsfp', '_hsenc', '_hsmi', '__hs_email']) expect(address).toContain(`${name} (query)`);
    expect([...new URL(page.url()).searchParams.keys()]).toEqual(['keep']);

    const after = await trackerSnapshot(page);
    expect(after.visitorId).not.toBe(oldId);
    await demo.waitForBeacons(1, { sentSince: resetAt });
    for (const beacon of trackingSince(resetAt)) {
      expect(beacon).not.toContain(oldId);
      expect(beacon).not.toContain('example.test');
    }

    // Links to the site are stripped from now on (on by default after a reset): following the
    // same e-mail link again arrives without the identity, and the visitor stays the new one.
    const popup = await openPopupFor(browser, page);
    expect(await popup.getByRole('checkbox', { name: /Strip HubSpot's identity from links/ }).isChecked()).toBe(true);
    await popup.close();
    await visit(page, `${demo.url('www.hubdemo.test', '/pricing')}?${params.toString()}`);
    expect([...new URL(page.url()).searchParams.keys()]).toEqual(['keep']);
    const again = await trackerSnapshot(page);
    expect(again.visitorId).toBe(after.visitorId);
    expect(again.identitySource).not.toBe('url-query');
    await page.close();
  });
});

// Each policy mode of the banner stand-in, and the value its banner must read as declined.
const MODES = [
  { name: 'no consent policy', query: '', bannerDeclines: false, accept: false },
  { name: 'opt-in', query: '?policy=opt_in', bannerDeclines: true, accept: true },
  { name: 'notify', query: '?policy=notify', bannerDeclines: true, accept: false },
  { name: 'by category, 2021 banner', query: '?policy=by_category&banner=2021', bannerDeclines: true, accept: true },
  { name: 'by category, 2024 banner', query: '?policy=by_category&banner=2024', bannerDeclines: true, accept: true },
] as const;

describe('opt-out under each consent policy', () => {
  test.each(MODES)('$name: zero beacons, identity gone within a second of each load, the banner reads the visitor as declined', async ({ query, bannerDeclines, accept }) => {
    const page = await freshPage();
    await visit(page, demo.url('www.hubdemo.test', `/${query}`));
    if (accept) {
      await page.evaluate(() => (Reflect.get(window, '__demoBanner') as { accept(): void }).accept());
      await visit(page, demo.url('www.hubdemo.test', `/${query}`));
    }
    await expect.poll(analyticsNames).toContain('__hstc');

    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    await popup.close();
    expect((await siteCookies(browser.context, '__hs_opt_out')).map((c) => c.value)).toEqual(['yes']);

    demo.clearBeacons();
    for (const path of ['/', '/pricing', '/blog/']) {
      await visit(page, demo.url('www.hubdemo.test', `${path}${query}`));
      await expect.poll(analyticsNames, { timeout: 1_000, interval: 50 }).toEqual([]);
      const banner = await bannerSnapshot(page);
      if (bannerDeclines) expect(banner?.allowed, `${path}${query}`).toBe(false);
      else expect(banner?.allowed, 'without a policy the banner allows, whatever the cookies say').toBe(true);
    }
    expect(demo.beacons()).toEqual([]);
    await page.close();
  });
});

describe('switching off puts back what was there', () => {
  test('opt-out on and off in the popup: the banner\'s own consent cookies come back exactly, ours go', async () => {
    const page = await freshPage();
    const query = '?policy=by_category&banner=2024';
    await visit(page, demo.url('www.hubdemo.test', `/${query}`));
    await page.evaluate(() => (Reflect.get(window, '__demoBanner') as { accept(): void }).accept());
    await expect.poll(async () => (await siteCookies(browser.context, '__hs_cookie_cat_pref')).map((c) => c.value)).toEqual(['1:true_2:true_3:true']);
    const before = await choiceCookies();

    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    // Declined in the form this site's banner wrote.
    expect((await siteCookies(browser.context, '__hs_cookie_cat_pref')).map((c) => c.value)).toEqual(['1:false_2:false_3:false']);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForFunction(() => document.querySelectorAll('[role="switch"][aria-checked="true"]').length === 0);
    expect(await choiceCookies()).toEqual(before);
    await popup.close();
    await page.close();
  });

  test('a rule removed on the options page: the site\'s own do-not-track and opt-out cookies come back, the popup shows them', async () => {
    const page = await freshPage();
    const query = '?policy=notify';
    await visit(page, demo.url('www.hubdemo.test', `/${query}`));
    await page.evaluate(() => (Reflect.get(window, '__demoBanner') as { accept(): void }).accept());
    await expect.poll(async () => (await siteCookies(browser.context, '__hs_opt_out')).map((c) => c.value)).toEqual(['no']);
    const before = await choiceCookies();

    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    await popup.close();
    expect((await siteCookies(browser.context, '__hs_opt_out')).map((c) => c.value)).toEqual(['yes']);

    const options = await browser.openPopupPage(0, 'options.html');
    await options.getByRole('button', { name: 'Remove the choice for hubdemo.test' }).click();
    await options.waitForFunction(() => document.querySelectorAll('[data-rule]').length === 0);
    await expect.poll(choiceCookies).toEqual(before);
    await options.close();

    const reopened = await openPopupFor(browser, page);
    expect(await reopened.getByRole('switch', { name: 'Do not track' }).getAttribute('aria-checked')).toBe('false');
    expect(await reopened.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked')).toBe('false');
    await reopened.close();
    await page.close();
  });

  test('do-not-track the site had set itself survives opt-out on and off', async () => {
    const page = await freshPage();
    await visit(page, demo.url('www.hubdemo.test', '/'));
    await demo.setPreset(page, 'dnt');
    await visit(page, demo.url('www.hubdemo.test', '/'));
    const before = await choiceCookies();
    expect(before.some((c) => c.startsWith('__hs_do_not_track=yes'))).toBe(true);

    const popup = await openPopupFor(browser, page);
    // The switch shows the real cookie.
    expect(await popup.getByRole('switch', { name: 'Do not track' }).getAttribute('aria-checked')).toBe('true');
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    // No rule left: the verification line goes.
    await popup.waitForFunction(() => document.querySelectorAll('[data-verification]').length === 0);
    expect(await choiceCookies()).toEqual(before);
    await popup.close();
    await page.close();
  });
});

describe('the switches and the options page show the real cookies', () => {
  test('a banner\'s own opt-out shows as written earlier; a rule imported with no tab open shows its missing do-not-track cookie; after the rule is removed the popup shows the banner\'s cookie, and switching off removes it', async () => {
    let page = await freshPage();
    await visit(page, demo.url('www.hubdemo.test', '/?policy=notify'));
    await page.evaluate(() => (Reflect.get(window, '__demoBanner') as { decline(): void }).decline());
    await expect.poll(async () => (await siteCookies(browser.context, '__hs_opt_out')).map((c) => c.value)).toEqual(['yes']);
    const bannersOwn = await choiceCookies();

    // No rule: the opt-out switch shows what the banner's cookie says, and says where it came from.
    let popup = await openPopupFor(browser, page);
    expect(await popup.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked')).toBe('true');
    await popup.waitForSelector('[data-switch-note="optOut:written-earlier"]');
    expect(await popup.getByRole('switch', { name: 'Do not track' }).getAttribute('aria-checked')).toBe('false');
    expect(await popup.locator('[data-switch-note^="doNotTrack:"]').count()).toBe(0);
    await popup.close();
    await page.close();

    // An opt-out rule imported while no page of the site is open: nothing has written the
    // do-not-track cookie yet, and the options page says so; the banner's decline counts as declined.
    // Pages of the site that earlier tests left open would be enforced at once: close them first.
    for (const open of browser.context.pages()) if (open.url().includes('hubdemo.test')) await open.close();
    const file = join(freshTmpDir('rules-'), 'rules.json');
    writeFileSync(file, JSON.stringify({ format: 'cookie-lens-rules', version: 1, exportedAt: new Date().toISOString(), rules: [{ site: 'hubdemo.test', doNotTrack: false, optOut: 'cookies', since: Date.now() }] }));
    const options = await browser.openPopupPage(0, 'options.html');
    await options.waitForSelector('body[data-ready="1"]');
    await options.locator('input[type="file"]').setInputFiles(file);
    const line = options.locator('[data-cookies-now="hubdemo.test"] [data-store="0"]');
    await expect.poll(async () => [await line.getAttribute('data-dnt'), await line.getAttribute('data-opt-out')]).toEqual(['restoring', 'agrees']);
    expect(await line.innerText()).toContain('do-not-track cookie missing now');

    // A page of the site loads: enforcement writes the cookies, and the options page follows.
    page = await browser.context.newPage();
    await visit(page, demo.url('www.hubdemo.test', '/?policy=notify'));
    await expect.poll(() => line.getAttribute('data-dnt')).toBe('agrees');
    // Removed by hand while the rule is in force: enforcement writes it again, and the page shows that.
    await browser.context.clearCookies({ name: '__hs_do_not_track' });
    await expect.poll(async () => (await siteCookies(browser.context, '__hs_do_not_track')).map((c) => c.value)).toEqual(['yes']);
    await expect.poll(() => line.getAttribute('data-dnt')).toBe('agrees');

    // The rule removed: the banner's own opt-out comes back (kept before the first write).
    await options.getByRole('button', { name: 'Remove the choice for hubdemo.test' }).click();
    await options.waitForFunction(() => document.querySelectorAll('[data-rule]').length === 0);
    await expect.poll(choiceCookies).toEqual(bannersOwn);
    await options.close();

    popup = await openPopupFor(browser, page);
    expect(await popup.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked')).toBe('true');
    await popup.waitForSelector('[data-switch-note="optOut:written-earlier"]');
    expect(await popup.getByRole('switch', { name: 'Do not track' }).getAttribute('aria-checked')).toBe('false');
    // Switching it off removes the cookie that says it; the banner asks again.
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await expect.poll(() => popup.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked')).toBe('false');
    expect(await siteCookies(browser.context, '__hs_opt_out')).toEqual([]);
    expect(await popup.locator('[data-switch-note]').count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
