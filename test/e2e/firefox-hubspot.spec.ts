// Issue 12 in real Firefox ESR, the parts the fragment test (firefox-reset.spec.ts) leaves out:
// a reset from an address whose query carries HubSpot's linked and e-mail identity, and opt-out
// on a page without a consent policy. A fresh profile of its own, since a reset switches on link
// stripping for the site and leaves the site a visitor cookie (either would hide the query identity).
import { describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { poll, pollInPage } from '../../harness/firefox.ts';
import { beaconSentAt, parseTrackerSnapshot } from '../../harness/demo.ts';
import { useFirefox } from '../../harness/fixtures.ts';

const { firefox, demo, popup, visit, showPopupFor, clickButton } = useFirefox();
const IDENTITY_COOKIES = ['__hstc', 'hubspotutk', '__hssc'];

/** The names of HubSpot's identity cookies the page can see. */
async function identityCookies(page: Page): Promise<string[]> {
  const jar = await page.evaluate(() => document.cookie).catch(() => '');
  return jar.split(';').map((pair) => pair.split('=')[0]?.trim() ?? '').filter((name) => IDENTITY_COOKIES.includes(name));
}

/** Every logged tracking request sent at or after `since`, as text (all its fields). */
function trackingSince(since: number): string[] {
  return demo.beacons().filter((b) => beaconSentAt(b) >= since).map((b) => `${b.path}?${new URLSearchParams(b.query).toString()}`);
}

describe('HubSpot identity and opt-out in Firefox', () => {
  test('reset from an address whose query carries linked and e-mail identity: a new visitor, other parameters stay, no beacon carries the old id', async () => {
    const site = await firefox.browser.newPage();
    const partner = await visit(site, demo.url('www.hubdemo-partner.test', '/'));
    const href = new URL(await poll(() => site.evaluate(() => document.querySelector('#portal-link')?.getAttribute('href') ?? ''), (link) => link.includes('__hsfp=')));
    const params = new URLSearchParams();
    for (const name of ['__hstc', '__hssc', '__hsfp']) params.set(name, href.searchParams.get(name) ?? '');
    params.set('_hsenc', 'p2ANqtz-demo0123456789');
    params.set('_hsmi', '424242');
    params.set('__hs_email', 'visitor@example.test');
    params.set('keep', 'me');
    const oldId = partner.visitorId;
    expect(params.get('__hstc')).toContain(oldId);

    const arrived = await visit(site, `${demo.url('www.hubdemo.test', '/pricing')}?${params.toString()}`);
    expect(arrived.identitySource).toBe('url-query');
    expect(arrived.visitorId).toBe(oldId);

    await showPopupFor(site);
    await clickButton('Reset to a new visitor');
    const address = await poll(() => popup.evaluate(() => document.querySelector('[data-reset-address]')?.textContent ?? ''), (text) => text !== '');
    for (const name of ['__hstc', '__hssc', '__hsfp', '_hsenc', '_hsmi', '__hs_email']) expect(address).toContain(`${name} (query)`);
    await site.evaluate(() => Reflect.set(window, 'beforeReset', true));
    const resetAt = Date.now();
    await clickButton('Remove and reload');
    // The reloaded page: no marker, and its tracker done (an evaluate during the navigation can fail).
    await poll(() => site.evaluate(() => !Reflect.has(window, 'beforeReset') && document.documentElement.dataset['demoTracker'] === 'ready').catch(() => false), (done) => done);

    expect([...new URL(site.url()).searchParams.entries()]).toEqual([['keep', 'me']]);
    const after = parseTrackerSnapshot(await site.evaluate(() => JSON.stringify(Reflect.get(window, '__demoTracker'))));
    expect(after.visitorId).not.toBe(oldId);
    expect(after.identitySource).toBe('new');
    await demo.waitForBeacons(1, { sentSince: resetAt });
    const sent = trackingSince(resetAt);
    expect(sent.length).toBeGreaterThan(0);
    for (const beacon of sent) {
      expect(beacon).not.toContain(oldId);
      expect(beacon).not.toContain('example.test');
    }
    expect(sent.some((beacon) => beacon.includes(after.visitorId))).toBe(true);
    expect(await site.evaluate(() => document.cookie)).not.toContain(oldId);
    await site.close();
  });

  test('opt-out without a consent policy: over two further loads no beacon, and the identity cookies gone within a second of each load', async () => {
    const site = await firefox.browser.newPage();
    await visit(site, demo.url('www.hubdemo.test', '/'));
    await poll(() => identityCookies(site), (names) => names.includes('__hstc'));

    await showPopupFor(site);
    const clicked = await popup.evaluate(() => {
      const optOut = [...document.querySelectorAll('[role="switch"]')].find((b) => b.textContent?.includes('Opt out'));
      optOut?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      return optOut !== undefined;
    });
    expect(clicked, 'the Opt out switch').toBe(true);
    await pollInPage(popup, () => document.querySelector('[data-verification="holding"]') !== null, undefined, { what: 'the opt-out to hold' });
    expect(await site.evaluate(() => /(?:^|; )__hs_opt_out=yes(?:;|$)/.test(document.cookie))).toBe(true);

    demo.clearBeacons();
    for (const path of ['/pricing', '/blog/']) {
      await visit(site, demo.url('www.hubdemo.test', path));
      await poll(() => identityCookies(site), (names) => names.length === 0, 1_000);
    }
    expect(demo.beacons()).toEqual([]);
    await site.close();
  });

  test('Global Privacy Control: the Sec-GPC header and navigator.globalPrivacyControl when switched on, neither when off', async () => {
    const site = await firefox.browser.newPage();
    /** What the demo's privacy-signals page got (docs/DEMO-SITE.md). */
    const signals = async (): Promise<{ server: string; page: string }> => {
      await site.goto(demo.url('www.gameta.test', '/__demo/privacy-signals'));
      await poll(() => site.evaluate(() => document.documentElement.dataset['privacySignals'] === 'ready').catch(() => false), (ready) => ready);
      return site.evaluate(() => ({ server: document.querySelector('#server-gpc')?.textContent ?? '', page: document.querySelector('#page-gpc')?.textContent ?? '' }));
    };
    const flip = async (to: boolean): Promise<void> => {
      await showPopupFor(site);
      const clicked = await popup.evaluate(() => {
        const gpc = [...document.querySelectorAll('[role="switch"]')].find((b) => b.textContent?.includes('Send Global Privacy Control to this site'));
        gpc?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        return gpc !== undefined;
      });
      expect(clicked, 'the GPC switch').toBe(true);
      await pollInPage(popup, (want) => document.querySelector('[data-gpc] [role="switch"]')?.getAttribute('aria-checked') === String(want), to, { what: `the GPC switch to be ${String(to)}` });
    };
    // Firefox has the property itself (false unless the visitor turned GPC on in its settings).
    const before = await signals();
    expect(before.server).toBe('none');
    expect(before.page).not.toBe('true');
    await flip(true);
    expect(await signals()).toEqual({ server: '1', page: 'true' });
    await flip(false);
    expect(await signals()).toEqual(before);
    await site.close();
  });
});
