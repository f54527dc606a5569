// Issue 14, the popup on a 180-cookie site in Chromium: the search finds a cookie by part of its
// name and by its vendor, "Delete <name>" removes exactly that cookie from the browser, Undo brings
// it back identical, and the main controls are inside the first 600 px, both in the popup opened
// as a 400 x 600 page and in the real toolbar popup. Expected values come from the browser's
// cookie jar, never from Cookie Lens's own code.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForTracker } from '../../harness/demo.ts';
import { openPopupFor, splitHstc } from '../../harness/extension.ts';
import { useChromium } from '../../harness/fixtures.ts';

const { browser, demo } = useChromium({ pinExtension: true });

interface JarCookie { name: string; value: string; domain: string; path: string; expires: number; httpOnly: boolean; secure: boolean; sameSite: string }

async function jar(): Promise<JarCookie[]> {
  const all = await browser.context.cookies();
  return all
    .filter((c) => c.domain.endsWith('hubdemo.test'))
    .map(({ name, value, domain, path, expires, httpOnly, secure, sameSite }) => ({ name, value, domain, path, expires, httpOnly, secure, sameSite }));
}

const key = (c: JarCookie): string => `${c.domain}|${c.path}|${c.name}`;

/** A page on the demo site holding the 180-cookie bulk preset, with the stand-in tracker off. */
async function bulkSite(): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await demo.setPreset(page, 'bulk', { n: 180 });
  await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
  expect((await jar()).length).toBe(180);
  return page;
}

/** The bottom edge of an element in CSS pixels from the top of the (unscrolled) popup. */
async function bottomOf(popup: Page, selector: string): Promise<number> {
  return popup.locator(selector).first().evaluate((element) => element.getBoundingClientRect().bottom + window.scrollY);
}

describe('the popup on a 180-cookie site, at 400 x 600', () => {
  test('the search finds one cookie by part of its name and the vendor\'s cookies by the vendor; Escape clears it', async () => {
    const page = await bulkSite();
    const cookies = await jar();
    const popup = await openPopupFor(browser, page);
    await popup.setViewportSize({ width: 400, height: 600 });
    const rows = popup.locator('section.cookies li.cookie');
    expect(await rows.count()).toBe(180);

    const search = popup.getByRole('searchbox', { name: 'Search cookies' });
    expect(await search.getAttribute('type')).toBe('search');
    await search.fill('app0012');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-cookie')).toBe('intercom-id-app0012');
    // The number of matches is announced through the live region.
    await expect.poll(() => popup.locator('[data-announcer]').innerText(), { timeout: 5_000 }).toContain('1 of 180');

    const hotjar = cookies.filter((c) => c.name.startsWith('_hjSessionUser_')).map((c) => c.name).sort();
    expect(hotjar.length).toBeGreaterThan(1);
    await search.fill('hotjar');
    await expect.poll(() => rows.count()).toBe(hotjar.length);
    const shown = await rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-cookie') ?? ''));
    expect(shown.sort()).toEqual(hotjar);

    await search.press('Escape');
    expect(await search.inputValue()).toBe('');
    await expect.poll(() => rows.count()).toBe(180);

    // Intercom's block: one cookie per app, so many visitor ids of one kind. The first two show,
    // the rest open on request; the names of all its cookies are listed.
    const intercom = cookies.filter((c) => c.name.startsWith('intercom-id-'));
    expect(intercom.length).toBeGreaterThan(3);
    const block = popup.locator('[data-summary="vendor"][data-vendor="intercom"]');
    // Its facts open on request, and the closed line says what they are and how many cookies.
    const facts = block.locator('details.vendor-facts > summary');
    expect(await facts.innerText()).toBe(`Visitor ID · ${intercom.length} cookies`);
    expect(await block.locator('[data-field]').count()).toBe(0);
    await facts.click();
    const ids = block.locator('[data-field="id:visitorId"] code');
    await ids.first().waitFor();
    expect(await ids.count()).toBe(2);
    const more = block.getByRole('button', { name: `Show ${intercom.length - 2} more` });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    await expect.poll(() => ids.count()).toBe(intercom.length);
    expect((await ids.allInnerTexts()).sort()).toEqual(intercom.map((c) => c.value).sort());
    const fewer = block.getByRole('button', { name: 'Show fewer' });
    expect(await fewer.getAttribute('aria-expanded')).toBe('true');
    const listed = (await block.locator('[data-field="cookies"] code').innerText()).split(', ').map((name) => name.replace(/[\u2068\u2069]/g, ''));
    expect(listed.sort()).toEqual(intercom.map((c) => c.name).sort());
    await popup.close();
    await page.close();
  });

  test('"Delete <name>" removes exactly that cookie, the other 179 stay, and Undo brings it back identical', async () => {
    const page = await bulkSite();
    const before = await jar();
    const target = before.find((c) => c.name === 'intercom-id-app0012');
    if (target === undefined) throw new Error('the bulk preset has no intercom-id-app0012');
    const popup = await openPopupFor(browser, page);
    await popup.setViewportSize({ width: 400, height: 600 });

    await popup.getByRole('button', { name: 'Delete intercom-id-app0012', exact: true }).click();
    await expect.poll(async () => (await jar()).length, { timeout: 10_000 }).toBe(179);
    const after = await jar();
    expect(after.some((c) => c.name === target.name)).toBe(false);
    const others = before.filter((c) => c.name !== target.name).sort((a, b) => key(a).localeCompare(key(b)));
    expect(after.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(others);
    // The row is gone from the popup too, and the keyboard focus stayed on a delete button.
    await expect.poll(() => popup.locator('li.cookie').count()).toBe(179);
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^Delete /);

    await popup.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await jar()).length, { timeout: 10_000 }).toBe(180);
    const restored = (await jar()).find((c) => c.name === target.name);
    expect(restored).toEqual(target);
    await popup.close();
    await page.close();
  });

  test('the opt-out switch and the reset button are inside the first 600 px', async () => {
    const page = await bulkSite();
    const popup = await openPopupFor(browser, page);
    await popup.setViewportSize({ width: 400, height: 600 });
    const optOut = popup.getByRole('switch', { name: 'Opt out' });
    const reset = popup.getByRole('button', { name: 'Reset to a new visitor' });
    expect(await optOut.count()).toBe(1);
    expect(await reset.count()).toBe(1);
    expect(await bottomOf(popup, '.switch-row:nth-of-type(2) [role="switch"]')).toBeLessThanOrEqual(600);
    expect(await optOut.evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY)).toBeLessThanOrEqual(600);
    expect(await reset.evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY)).toBeLessThanOrEqual(600);
    expect(await bottomOf(popup, '.status-line')).toBeLessThanOrEqual(600);
    await popup.close();
    await page.close();
  });
});

describe('grouping', () => {
  test('"by vendor" groups rows under each vendor with a delete-all button, and the choice is remembered', async () => {
    const page = await bulkSite();
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('combobox', { name: 'Show' }).selectOption('vendor');
    await popup.locator('.group[data-vendor="hotjar"]').waitFor();
    const hotjar = (await jar()).filter((c) => c.name.startsWith('_hjSessionUser_')).length;
    expect(await popup.locator('.group[data-vendor="hotjar"] li.cookie').count()).toBe(hotjar);
    expect(await popup.getByRole('button', { name: "Delete all of Hotjar's cookies" }).count()).toBe(1);

    // The vendor's cookies go, all of them and nothing else; Undo brings every one back.
    const before = await jar();
    await popup.getByRole('button', { name: "Delete all of Hotjar's cookies" }).click();
    await expect.poll(async () => (await jar()).length, { timeout: 10_000 }).toBe(180 - hotjar);
    const after = await jar();
    expect(after.some((c) => c.name.startsWith('_hjSessionUser_'))).toBe(false);
    expect(after.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(before.filter((c) => !c.name.startsWith('_hjSessionUser_')).sort((a, b) => key(a).localeCompare(key(b))));
    await popup.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await jar()).length, { timeout: 10_000 }).toBe(180);
    expect((await jar()).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(before.sort((a, b) => key(a).localeCompare(key(b))));
    await popup.close();

    const reopened = await openPopupFor(browser, page);
    await expect.poll(() => reopened.getByRole('combobox', { name: 'Show' }).inputValue()).toBe('vendor');
    await reopened.locator('.group[data-vendor="hotjar"]').waitFor();
    // Back to the default for the other tests of this browser.
    await reopened.getByRole('combobox', { name: 'Show' }).selectOption('category');
    await reopened.locator('.group[data-category="analytics"]').waitFor();
    await reopened.close();
    await page.close();
  });
});

describe('two copies of one cookie', () => {
  test('a second __hstc with another visitor id: the popup says there are two HubSpot visitor ids, telling the copies apart by scope', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(demo.url('www.hubdemo.test', '/'));
    await waitForTracker(page);
    const popup = await openPopupFor(browser, page);
    await popup.locator('section.cookies li[data-cookie="__hstc"]').first().waitFor();
    expect(await popup.locator('[data-variant-disagreements]').count()).toBe(0);

    // The page writes a host-only __hstc beside the tracker's Domain one, with another visitor id.
    const tracker = (await jar()).filter((c) => c.name === '__hstc');
    expect(tracker.map((c) => c.domain)).toEqual(['.hubdemo.test']);
    const original = tracker[0]?.value ?? '';
    const parts = decodeURIComponent(original).split('.');
    const otherId = [...(parts[1] ?? '')].reverse().join('');
    parts[1] = otherId;
    await page.evaluate((value) => { document.cookie = `__hstc=${value}; path=/; max-age=600`; }, parts.join('.'));
    await expect.poll(async () => (await jar()).filter((c) => c.name === '__hstc').length).toBe(2);
    const ids = new Map((await jar()).filter((c) => c.name === '__hstc').map((c) => [c.domain, splitHstc(c.value).visitorId]));
    expect(ids.get('www.hubdemo.test')).not.toBe(ids.get('.hubdemo.test'));

    // The popup re-reads on the write and names both ids with where each copy lives.
    const finding = popup.locator('[data-disagree="__hstc"][data-field="visitorId"]');
    await finding.waitFor();
    expect(await finding.textContent()).toBe(
      `2 HubSpot visitor ids on this site, in copies of __hstc: ${ids.get('.hubdemo.test')} (hubdemo.test and its subdomains); ${ids.get('www.hubdemo.test')} (www.hubdemo.test only)`,
    );
    await popup.close();
    await page.close();
  });
});

describe('cookies in and out', () => {
  test('a Cookie-Editor JSON is previewed, imported into the site only, and undone; a malformed file changes nothing', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const expires = Math.floor(Date.now() / 1000) + 86_400;
    // Written by hand in Cookie-Editor's format (the cookies API's objects), not by Cookie Lens.
    const file = JSON.stringify([
      { domain: '.hubdemo.test', expirationDate: expires, hostOnly: false, httpOnly: false, name: 'imported_pref', path: '/', sameSite: 'lax', secure: false, session: false, storeId: '0', value: 'dark' },
      { domain: 'www.hubdemo.test', hostOnly: true, httpOnly: true, name: 'imported_login', path: '/account', sameSite: 'strict', secure: true, session: true, storeId: '0', value: 'abc' },
      { domain: '.elsewhere.test', expirationDate: expires, hostOnly: false, httpOnly: false, name: 'foreign', path: '/', sameSite: 'lax', secure: false, session: false, storeId: '0', value: 'no' },
    ]);
    const popup = await openPopupFor(browser, page);
    await popup.getByText('Import cookies').click();
    const paste = popup.getByRole('textbox', { name: "Paste the file's text" });

    await paste.fill('[{"name": "broken"');
    await popup.getByRole('button', { name: 'Preview' }).click();
    const problem = popup.locator('[data-import-problem]');
    expect(await problem.innerText()).toMatch(/^Nothing imported: the JSON cannot be read \(.+\)\.$/);
    expect((await jar()).length).toBe(0);

    await paste.fill(file);
    await popup.getByRole('button', { name: 'Preview' }).click();
    const preview = popup.locator('[data-import-preview]');
    await preview.waitFor();
    expect(await preview.locator('[data-import-cookie]').evaluateAll((items) => items.map((li) => li.getAttribute('data-import-cookie')))).toEqual(['imported_pref', 'imported_login']);
    expect(await preview.locator('[data-import-refused]').innerText()).toContain('not for this site');
    expect((await jar()).length).toBe(0);

    await popup.getByRole('button', { name: 'Import 2 cookies' }).click();
    await expect.poll(async () => (await jar()).map((c) => c.name).sort(), { timeout: 10_000 }).toEqual(['imported_login', 'imported_pref']);
    const written = await jar();
    expect(written.find((c) => c.name === 'imported_login')).toEqual({ name: 'imported_login', value: 'abc', domain: 'www.hubdemo.test', path: '/account', expires: -1, httpOnly: true, secure: true, sameSite: 'Strict' });
    expect(written.find((c) => c.name === 'imported_pref')).toMatchObject({ value: 'dark', domain: '.hubdemo.test', path: '/', expires, sameSite: 'Lax' });
    expect((await browser.context.cookies()).some((c) => c.name === 'foreign')).toBe(false);

    await popup.getByRole('button', { name: 'Undo import' }).click();
    await expect.poll(async () => (await jar()).length, { timeout: 10_000 }).toBe(0);
    await popup.close();
    await page.close();
  });
});

describe('the real toolbar popup on a 180-cookie site', () => {
  test('the controls are in its first screen, and the search finds a cookie by name and by vendor', async () => {
    const page = await bulkSite();
    await page.bringToFront();
    await browser.triggerToolbarPopup(page);
    const view = browser.popupView();
    await view.waitForOpen({ selector: 'body[data-ready="1"] li.cookie' });
    const layout = await view.evaluate((popup) => {
      const bottom = (element: Element | null | undefined): number => (element === null || element === undefined ? Infinity : element.getBoundingClientRect().bottom + popup.scrollY);
      const switches = [...popup.document.querySelectorAll('[role="switch"]')];
      const optOut = switches.find((s) => s.textContent?.includes('Opt out'));
      const reset = [...popup.document.querySelectorAll('button')].find((b) => b.textContent?.includes('Reset to a new visitor'));
      return { height: popup.innerHeight, optOut: bottom(optOut), reset: bottom(reset), rows: popup.document.querySelectorAll('li.cookie').length };
    });
    expect(layout.rows).toBe(180);
    expect(layout.height).toBeGreaterThan(0);
    expect(layout.optOut).toBeLessThanOrEqual(Math.min(600, layout.height));
    expect(layout.reset).toBeLessThanOrEqual(Math.min(600, layout.height));

    // Typing, as a key press reports it (an input event); the functions run in the extension and
    // carry their text as literals, since the harness cannot pass arguments into the popup.
    const rowsShown = () => view.evaluate((popup) => [...popup.document.querySelectorAll('section.cookies li.cookie')].map((li) => li.getAttribute('data-cookie') ?? ''));
    await view.evaluate((popup) => {
      const field = popup.document.querySelector<HTMLInputElement>('input[type="search"]');
      if (field === null) throw new Error('no search field');
      field.value = 'app0012';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(rowsShown).toEqual(['intercom-id-app0012']);
    await view.evaluate((popup) => {
      const field = popup.document.querySelector<HTMLInputElement>('input[type="search"]');
      if (field === null) throw new Error('no search field');
      field.value = 'Hotjar';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const hotjar = (await jar()).filter((c) => c.name.startsWith('_hjSessionUser_')).map((c) => c.name).sort();
    await expect.poll(async () => (await rowsShown()).sort()).toEqual(hotjar);

    // The add-a-cookie part is only its summary until opened; opened, its form is there.
    const addForm = () => view.evaluate((popup) => [...popup.document.querySelectorAll('form[data-add] input')].map((input) => input.getAttribute('type') ?? ''));
    expect(await addForm()).toEqual([]);
    await view.evaluate((popup) => popup.document.querySelector<HTMLElement>('details.cookie-add summary')?.click());
    await expect.poll(addForm).toEqual(['text', 'text', 'text', 'text', 'datetime-local', 'checkbox', 'checkbox']);
    await page.close();
  });
});
