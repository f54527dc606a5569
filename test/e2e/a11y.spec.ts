// Issue 8, accessibility and languages, end to end in Chromium: axe-core finds nothing on the
// popup (every section rendered, every row open, the reset panel open) or on the options page,
// in the light and the dark theme; the popup works by keyboard alone, with a visible focus that
// survives each re-render; the polite live region says what each action did and warns when a
// choice stops holding; colour is never the only signal; and in a Swedish browser the popup
// speaks Swedish, with Swedish dates and numbers, and axe finds nothing on the Swedish popup and
// side panel (its log filled, two disagreeing copies of __hstc, rows by last write), light and
// dark. The English side panel is checked in side-panel.spec.ts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForTracker } from '../../harness/demo.ts';
import { CHROME_BUILD, expandCookie, fieldText, onlyCookie, openPopupFor, sendFromPage, siteCookies, splitHstc, summaryMs } from '../../harness/extension.ts';
import { REPO_ROOT, freshTmpDir } from '../../harness/paths.ts';
import { launchChromium, type ChromiumHarness } from '../../harness/chromium.ts';
import { runAxe, type AxeFinding } from '../../harness/axe.ts';
import { useChromium } from '../../harness/fixtures.ts';
import { IDENTITY_COOKIES } from '../../src/core/hubspot-sets.ts';
import { CLEAN_UP_NOTICES_KEY } from '../../src/browser/storage-keys.ts';
import { STORAGE_KEY } from '../../src/storage/schema.ts';

// The extension APIs the test calls from an extension page (module-scoped; see chromium.ts).
interface StorageArea { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> }
interface ChromeCookie { name: string; value: string; domain: string; hostOnly: boolean; path: string; secure: boolean; httpOnly: boolean; sameSite: string; storeId: string; expirationDate?: number; partitionKey?: unknown }
declare const chrome: {
  readonly cookies: { getAll(details: { domain: string }): Promise<ChromeCookie[]> };
  readonly storage: { readonly local: StorageArea; readonly session: StorageArea };
};

const { browser, demo, visit, removeAllChoices, freshSite: cleanSite } = useChromium();


/** axe-core's violations on the page; the colour contrast must have been checked. */
async function axeViolations(page: Page): Promise<readonly AxeFinding[]> {
  const { violations, contrastPassed } = await runAxe(page);
  expect(contrastPassed, 'axe checked the colour contrast').toBe(true);
  return violations;
}

/** No rules, no cookies, no beacons, and a tab on the demo site after two page views. */
async function freshSite(): Promise<Page> {
  const page = await cleanSite();
  await visit(page, '/');
  await visit(page, '/pricing');
  return page;
}

/** A site with every kind of cookie the demo has: HubSpot's, the others preset, other trackers, an embedded frame. */
async function richSite(): Promise<Page> {
  await removeAllChoices();
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await demo.setPreset(page, 'others');
  await demo.setPreset(page, 'trackers');
  await visit(page, '/?embed=1');
  await visit(page, '/pricing?embed=1');
  await expect.poll(async () => (await browser.context.cookies()).some((c) => c.name === 'messagesUtk' && c.partitionKey !== undefined), { timeout: 10_000 }).toBe(true);
  return page;
}

/** Opens every collapsed cookie row (a click on each row's button); returns how many it opened. */
async function expandAll(popup: Page): Promise<number> {
  const opened = await popup.evaluate(() => {
    const heads = [...document.querySelectorAll<HTMLButtonElement>('button.cookie-head[aria-expanded="false"]')];
    for (const head of heads) head.click();
    return heads.length;
  });
  await popup.waitForFunction(() => document.querySelectorAll('button.cookie-head[aria-expanded="false"]').length === 0);
  return opened;
}

async function announced(popup: Page): Promise<string> {
  return (await popup.locator('[data-announcer]').textContent())?.trim() ?? '';
}

describe('axe-core finds no violations', () => {
  test('the popup with every section, row and panel open, in the light and the dark theme', async () => {
    const page = await richSite();
    const popup = await openPopupFor(browser, page);
    // Do not track on, so the verification line renders too.
    await popup.getByRole('switch', { name: 'Do not track' }).click();
    await popup.waitForSelector('[data-verification]');
    await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
    await popup.waitForSelector('#reset-panel');
    await popup.locator('#reset-panel details summary').click();
    // Issue 14's parts: the whole summary, and the cookie import with its preview (one cookie for
    // the site, one refused).
    await popup.getByRole('button', { name: 'Show all details' }).click();
    await popup.locator('.cookie-import summary').click();
    await popup.getByRole('textbox', { name: "Paste the file's text" }).fill(JSON.stringify([
      { domain: '.hubdemo.test', name: 'imported_pref', path: '/', value: 'dark' },
      { domain: '.elsewhere.test', name: 'foreign', path: '/', value: 'no' },
    ]));
    await popup.getByRole('button', { name: 'Preview' }).click();
    await popup.waitForSelector('[data-import-preview] [data-import-refused]');
    // Every tracker's facts, which open on request.
    for (const facts of await popup.locator('details.vendor-facts > summary').all()) await facts.click();
    for (const selector of ['[data-summary="hubspot"]', '[data-summary="vendor"] details[open] dl [data-field]', '[data-timeline] svg', '[data-contradictions]', '[data-embedded]', '.export-bar', '#reset-panel details[open]',
      '[data-category="analytics"]', '[data-category="advertising"]', '[data-category="functional"]', '[data-category="necessary"]']) {
      expect(await popup.locator(selector).count(), selector).toBeGreaterThan(0);
    }
    // others (16) + trackers (7) + HubSpot's four + the embedded frame's: every row opened.
    expect(await expandAll(popup)).toBeGreaterThan(27);
    expect(await popup.locator('[data-copy-fields]').count()).toBeGreaterThan(20);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      expect(await axeViolations(popup), scheme).toEqual([]);
    }
    await popup.close();
    await page.close();
  });

  test('the options page with rules, stripped links, sites cleaned up on close, a message and the file section, in the light and the dark theme; the popup\'s clean-up choice and notice', async () => {
    await removeAllChoices();
    const file = join(freshTmpDir('rules-'), 'rules.json');
    writeFileSync(file, JSON.stringify({
      format: 'cookie-lens-rules', version: 1, rules: [
        { site: 'hubdemo.test', doNotTrack: true, optOut: 'off', since: Date.UTC(2026, 0, 5) },
        { site: 'example.org', doNotTrack: false, optOut: 'cookies', since: Date.UTC(2025, 11, 24) },
        { site: 'shop.example', doNotTrack: true, optOut: 'block', since: Date.UTC(2025, 6, 1) },
      ],
    }));
    // A site whose links are stripped of HubSpot's identity, so that list is checked too.
    const site = await browser.context.newPage();
    await site.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    await demo.setPreset(site, 'login');
    const popup = await openPopupFor(browser, site);
    const tabId = await browser.tabIdOf(site);
    expect(await sendFromPage(popup, { type: 'setStripLinks', payload: { tabId, on: true } })).toMatchObject({ ok: true });
    // And a site cleaned up when its last tab closes (its tab stays open until the choice is removed
    // again): the popup's choice with its options, and the notice of a clean-up with its Undo (the
    // notice as the background leaves it, for a snapshot holding a copy of one of the site's cookies).
    await popup.evaluate(async ([storeKey, noticesKey]) => {
      const [kept] = (await chrome.cookies.getAll({ domain: 'hubdemo.test' })).filter((c) => c.partitionKey === undefined);
      if (kept === undefined) throw new Error('no cookie to keep');
      const { name, value, domain, hostOnly, path, secure, httpOnly, sameSite, storeId, expirationDate } = kept;
      const root = (await chrome.storage.local.get(storeKey))[storeKey] as { undo: Record<string, unknown> };
      const snapshot = { site: 'hubdemo.test', storeId, takenAt: Date.now(), id: 'a11y-clean-up', cookies: [{ name, value, domain, hostOnly, path, secure, httpOnly, sameSite, storeId, ...(expirationDate === undefined ? {} : { expirationDate }) }] };
      await chrome.storage.local.set({ [storeKey]: { ...root, undo: { ...root.undo, [`${storeId}/hubdemo.test`]: snapshot } } });
      await chrome.storage.session.set({ [noticesKey]: { version: 1, notices: { [`${storeId}/hubdemo.test`]: { site: 'hubdemo.test', storeId, snapshotId: 'a11y-clean-up', removed: 1, at: Date.now() } } } });
    }, [STORAGE_KEY, CLEAN_UP_NOTICES_KEY] as const);
    await popup.waitForSelector('[data-cleanup-notice]');
    await popup.getByRole('checkbox', { name: 'Clean up when I close its last tab' }).click();
    await popup.getByRole('radio', { name: /^All of this site's cookies/ }).click();
    await popup.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name="cleanup-scope"][value="all"]')?.checked === true);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(popup), `popup, ${scheme}`).toEqual([]);
    }
    await popup.getByRole('button', { name: 'Undo clean-up' }).click();
    await popup.waitForSelector('[data-cleanup-notice]', { state: 'detached' });
    await popup.close();
    const options = await browser.openPopupPage(0, 'options.html');
    await options.waitForSelector('body[data-ready="1"]');
    await options.waitForSelector('[data-strip-site="hubdemo.test"]');
    await options.waitForSelector('[data-cleanup-site="hubdemo.test"]');
    await options.locator('input[type="file"]').setInputFiles(file);
    await options.waitForSelector('[data-message]');
    expect(await options.locator('[data-message]').innerText()).toContain('Imported the choices for 3 sites.');
    await options.waitForFunction(() => document.querySelectorAll('[data-rule]').length === 3);
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      expect(await options.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      expect(await axeViolations(options), scheme).toEqual([]);
    }
    // The tests after this one find the site's links as they were.
    await options.getByRole('button', { name: 'Stop stripping links to hubdemo.test' }).click();
    await options.waitForFunction(() => document.querySelectorAll('[data-strip-site]').length === 0);
    await options.getByRole('button', { name: 'Stop cleaning up hubdemo.test' }).click();
    await options.waitForFunction(() => document.querySelectorAll('[data-cleanup-site]').length === 0);
    await site.close();
    await options.close();
  });
});

interface FocusState {
  readonly role: string;
  readonly name: string;
  readonly focusVisible: boolean;
  /** A focus indicator is drawn: an outline of some width, or a box shadow. */
  readonly indicator: boolean;
}

/** What has the keyboard focus, and whether a focus style is drawn on it. Null for the page itself. */
async function focused(popup: Page): Promise<FocusState | null> {
  return popup.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body || !(element instanceof HTMLElement)) return null;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    return {
      role: element.getAttribute('role') ?? element.tagName.toLowerCase(),
      name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
      focusVisible: element.matches(':focus-visible'),
      indicator: outline || style.boxShadow !== 'none',
    };
  });
}

/** Presses `key` until the focus satisfies `wanted`; every stop on the way must show its focus. */
async function tabUntil(popup: Page, wanted: (state: FocusState) => boolean, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<FocusState> {
  for (let presses = 0; presses < 60; presses += 1) {
    await popup.keyboard.press(key);
    const state = await focused(popup);
    expect(state, `focus lost after ${presses + 1} presses of ${key}`).not.toBeNull();
    if (state === null) break;
    expect(state.focusVisible && state.indicator, `no visible focus on ${state.role} "${state.name}"`).toBe(true);
    if (wanted(state)) return state;
  }
  throw new Error(`${key} never reached the wanted control`);
}

async function expectVisibleFocus(popup: Page, role: string, name: RegExp): Promise<void> {
  const state = await focused(popup);
  expect(state, 'the focus went back to the page').not.toBeNull();
  expect(state?.role).toBe(role);
  expect(state?.name).toMatch(name);
  expect(state?.focusVisible && state.indicator).toBe(true);
}

describe('the popup by keyboard alone', () => {
  test('Tab to Do not track and switch it with Space, open Reset with Enter and confirm, then Undo; the focus stays visible and in place', async () => {
    const page = await freshSite();
    const identity = (await browser.context.cookies()).filter((c) => IDENTITY_COOKIES.has(c.name) && c.domain.endsWith('hubdemo.test'));
    expect(identity.length).toBe(4);
    const popup = await openPopupFor(browser, page);

    await tabUntil(popup, (s) => s.role === 'switch' && s.name === 'Do not track');
    await popup.keyboard.press('Space');
    await popup.waitForFunction(() => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'true');
    await expect.poll(() => announced(popup), { timeout: 5_000 }).toBe('Do not track is on for this site.');
    expect((await onlyCookie(browser.context, '__hs_do_not_track')).value).toBe('yes');
    // The page re-rendered with the new rule; the focus is still on the switch.
    await popup.waitForSelector('[data-verification]');
    await expectVisibleFocus(popup, 'switch', /^Do not track$/);

    await tabUntil(popup, (s) => s.role === 'button' && /Reset to a new visitor/.test(s.name));
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('#reset-panel');
    expect(await popup.getByRole('button', { name: /Reset to a new visitor/ }).getAttribute('aria-expanded')).toBe('true');
    await tabUntil(popup, (s) => s.role === 'button' && s.name === 'Remove and reload');
    const reloaded = page.waitForEvent('load');
    await popup.keyboard.press('Enter');
    await reloaded;
    await expect.poll(() => announced(popup), { timeout: 10_000 }).toBe(`Reset done: ${identity.length} cookies removed and the page reloaded.`);
    // The panel is gone; the focus went to the Reset button, not to the page.
    expect(await popup.locator('#reset-panel').count()).toBe(0);
    await expectVisibleFocus(popup, 'button', /Reset to a new visitor/);
    // The stand-in tracker made a new visitor on the reload.
    await waitForTracker(page);
    const fresh = splitHstc((await onlyCookie(browser.context, '__hstc')).value);
    expect(fresh.visitorId).not.toBe(splitHstc(identity.find((c) => c.name === '__hstc')?.value ?? '').visitorId);

    await tabUntil(popup, (s) => s.role === 'button' && s.name === 'Undo');
    await popup.keyboard.press('Enter');
    await expect.poll(() => announced(popup), { timeout: 10_000 }).toBe(`Undo done: ${identity.length} cookies restored.`);
    await expectVisibleFocus(popup, 'button', /Reset to a new visitor/);
    const back = splitHstc((await onlyCookie(browser.context, '__hstc')).value);
    expect(back.visitorId).toBe(splitHstc(identity.find((c) => c.name === '__hstc')?.value ?? '').visitorId);

    // Backwards: Shift+Tab from Reset reaches the Opt out switch and then Do not track.
    await tabUntil(popup, (s) => s.role === 'switch' && s.name === 'Opt out', 'Shift+Tab');
    await tabUntil(popup, (s) => s.role === 'switch' && s.name === 'Do not track', 'Shift+Tab');
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'false');
    await expect.poll(() => announced(popup), { timeout: 5_000 }).toBe('Do not track is off for this site.');
    await expectVisibleFocus(popup, 'switch', /^Do not track$/);
    expect(await siteCookies(browser.context, '__hs_do_not_track')).toEqual([]);
    await popup.close();
    await page.close();
  });
});

describe('announcements and signals beyond colour', () => {
  test('a choice that stops holding is announced as a warning, and every state carries a sign and words, not only a colour', async () => {
    const page = await freshSite();
    const popup = await openPopupFor(browser, page);
    const optOut = popup.getByRole('switch', { name: 'Opt out', exact: true });
    const offSign = await popup.evaluate(() => getComputedStyle(document.querySelectorAll('.switch-label')[1] ?? document.body, '::after').content);
    expect(offSign).toBe('none');
    await optOut.click();
    await popup.waitForSelector('[data-verification="holding"]');
    await expect.poll(() => announced(popup), { timeout: 5_000 }).toBe('You have opted out of tracking on this site.');
    // On: the switch shows a ✓ beside its name, which stays "Opt out" (the ✓ is not read out).
    const onSign = await popup.evaluate(() => getComputedStyle(document.querySelectorAll('.switch-label')[1] ?? document.body, '::after').content);
    expect(onSign).toContain('✓');
    expect(await optOut.getAttribute('aria-checked')).toBe('true');
    const holding = popup.locator('[data-verification]');
    expect(await holding.locator('.icon').innerText()).toBe('✓');
    expect(await holding.innerText()).toContain('Holding: 0 tracking requests');

    // A script on the page ignores the choice and sends a page view to HubSpot itself.
    const since = Date.now();
    await page.evaluate((url) => { new Image().src = url; }, demo.url('track.hubspot.com', `/__ptq.gif?a=4815162&k=1&cts=${since}`));
    await demo.waitForBeacons(1, { sentSince: since });
    await expect.poll(() => holding.getAttribute('data-verification'), { timeout: 10_000 }).toBe('leaking');
    await expect.poll(() => announced(popup), { timeout: 5_000 }).toMatch(/^Not holding: 1 tracking requests to track\.hubspot\.com since your choice, the last /);
    expect(await holding.locator('.icon').innerText()).toBe('!');
    expect(await holding.innerText()).toContain('Not holding');
    await popup.close();
    await page.close();
  });
});

describe('in a Swedish browser', () => {
  let swedish: ChromiumHarness;

  beforeAll(async () => {
    swedish = await launchChromium({ extensionDirs: [CHROME_BUILD], extraArgs: ['--lang=sv'] });
  });

  afterAll(async () => {
    await swedish?.close();
  });

  test('the popup is in Swedish, with Swedish dates, relative times and numbers', async () => {
    const sv: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'locales', 'sv', 'core.json'), 'utf8'));
    const message = (key: string): string => {
      const entry: unknown = typeof sv === 'object' && sv !== null ? Reflect.get(sv, key) : undefined;
      const text: unknown = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'message') : undefined;
      if (typeof text !== 'string') throw new Error(`locales/sv/core.json has no ${key}`);
      return text;
    };
    const page = await swedish.context.newPage();
    await page.goto(demo.url('www.hubdemo.test', '/'));
    await waitForTracker(page);
    const hstc = splitHstc((await onlyCookie(swedish.context, '__hstc')).value);
    const popup = await openPopupFor(swedish, page);

    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect((await popup.locator('#summary-title').innerText()).toLowerCase()).toBe(message('summary_title').toLowerCase());
    expect(await popup.getByRole('switch', { name: message('control_doNotTrack'), exact: true }).count()).toBe(1);
    expect(await popup.getByRole('button', { name: message('export_json') }).count()).toBe(1);

    // Swedish medium dates (CLDR): "15 jan. 2026 13:45", day before month, 24-hour clock.
    const SWEDISH_MONTHS = ['jan.', 'feb.', 'mars', 'apr.', 'maj', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];
    const parts = await page.evaluate((ms) => {
      const date = new Date(ms);
      return { day: date.getDate(), month: date.getMonth(), year: date.getFullYear(), hours: date.getHours(), minutes: date.getMinutes() };
    }, hstc.first);
    expect(await summaryMs(popup, 'firstVisit')).toBe(hstc.first);
    const shown = await popup.locator('[data-summary] [data-field="firstVisit"] time').innerText();
    const pad = (n: number): string => String(n).padStart(2, '0');
    expect(shown).toContain(`${parts.day} ${SWEDISH_MONTHS[parts.month] ?? ''} ${parts.year} ${pad(parts.hours)}:${pad(parts.minutes)}`);
    // Seconds ago, in Swedish: "för 3 sekunder sedan", or "nu".
    expect(await popup.locator('[data-summary] [data-field="firstVisit"] .relative').innerText()).toMatch(/^\((för \d+ (sekund|sekunder|minut|minuter) sedan|nu)\)$/);
    // The domain hash 200321585 is an id, not a quantity: shown as it is, without the digit
    // grouping Swedish gives numbers (issue 14).
    const details = await expandCookie(popup, '__hstc');
    expect(hstc.hash).toBe(200321585);
    expect(await fieldText(details, 'domainHash')).toBe('200321585');
    // Durations in Swedish units (CLDR: a day as a length of time is "dygn").
    expect(await details.innerText()).toContain('180 dygn');
    // axe on the Swedish popup, light and dark.
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(popup), `popup, sv, ${scheme}`).toEqual([]);
    }
    await popup.close();
    await page.close();
  });

  test('axe finds nothing on the Swedish side panel with its log filled, a variant warning and rows by last write, light and dark', async () => {
    const page = await swedish.context.newPage();
    await page.goto(demo.url('www.hubdemo.test', '/'));
    await waitForTracker(page);
    const panel = await swedish.context.newPage();
    await panel.goto(`chrome-extension://${swedish.extensionId}/sidepanel.html`);
    await panel.waitForSelector('body[data-ready="1"]');
    await page.bringToFront();
    await panel.waitForFunction(() => document.querySelector('h1.site-name')?.textContent === 'hubdemo.test');
    expect(await panel.evaluate(() => document.documentElement.lang)).toBe('sv');
    // Activity: a new session (no __hssc on the next load), page views, and a second __hstc copy
    // on the host alone with another visitor id.
    await swedish.context.clearCookies({ name: '__hssc' });
    await page.reload();
    await waitForTracker(page);
    const hstc = (await swedish.context.cookies()).find((c) => c.name === '__hstc');
    const parts = decodeURIComponent(hstc?.value ?? '').split('.');
    parts[1] = [...(parts[1] ?? '')].reverse().join('');
    await page.evaluate((value) => { document.cookie = `__hstc=${value}; path=/; max-age=600`; }, parts.join('.'));
    await panel.locator('ol[data-activity-log] li[data-event="session-started"]').first().waitFor();
    await panel.locator('[data-disagree="__hstc"]').waitFor();
    await panel.locator('label.order select').selectOption('written');
    await panel.locator('.group[data-written="seen"]').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(panel), `side panel, sv, ${scheme}`).toEqual([]);
    }
    // Back to the default order for whoever uses this profile next.
    await panel.locator('label.order select').selectOption('category');
    await panel.close();
    await page.close();
  });
});
