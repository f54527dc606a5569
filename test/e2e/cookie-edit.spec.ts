// Issue 14, edit and add in the popup's details view (Chromium): an edited value reaches the
// browser with every other attribute kept, Undo brings the old cookie back identical, and a
// cookie against its name prefix (a `__Host-` cookie with a Domain; Chromium's API would store it) gives a one-line error and writes
// nothing. Expected values come from the browser's cookie jar.
import { describe, expect, test } from 'vitest';
import { expandCookie, openPopupFor } from '../../harness/extension.ts';
import { useChromium } from '../../harness/fixtures.ts';

const { browser, demo } = useChromium();


async function jar() {
  return (await browser.context.cookies()).filter((c) => c.domain.endsWith('hubdemo.test'));
}

describe('editing and adding a cookie in the popup', () => {
  test('an edited value is written with its other attributes, and Undo restores the cookie as it was', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await demo.setPreset(page, 'trackers');
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const before = (await jar()).find((c) => c.name === '_fbp');
    if (before === undefined) throw new Error('the trackers preset has no _fbp');
    const popup = await openPopupFor(browser, page);

    const details = await expandCookie(popup, '_fbp');
    const form = details.locator('form[data-edit="_fbp"]');
    await form.getByLabel('Value').fill('fb.1.1718000000123.42');
    await form.getByRole('button', { name: 'Save _fbp' }).click();
    await expect.poll(async () => (await jar()).find((c) => c.name === '_fbp')?.value, { timeout: 10_000 }).toBe('fb.1.1718000000123.42');
    const edited = (await jar()).find((c) => c.name === '_fbp');
    // The expiry field has minute precision: the edited cookie keeps its expiry to the minute.
    expect(Math.abs((edited?.expires ?? 0) - before.expires)).toBeLessThan(60);
    expect({ ...edited, value: before.value, expires: before.expires }).toEqual(before);

    await popup.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await jar()).find((c) => c.name === '_fbp')?.value, { timeout: 10_000 }).toBe(before.value);
    expect((await jar()).find((c) => c.name === '_fbp')).toEqual(before);
    await popup.close();
    await page.close();
  });

  test('a __Host- cookie with a Domain and a value the browser refuses each give one line, nothing is written', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const popup = await openPopupFor(browser, page);
    const form = popup.locator('form[data-add]');
    // Closed, the part is only its summary: the popup does not build a form most openings never use.
    expect(await form.count()).toBe(0);
    await popup.getByText('Add a cookie').click();
    await form.getByLabel('Name').fill('__Host-pref');
    await form.getByLabel('Value').fill('1');
    await form.getByLabel('Domain (optional)').fill('hubdemo.test');
    // Closed and opened again, the part keeps what was typed (its form is made on the first opening).
    await popup.getByText('Add a cookie').click();
    await expect.poll(() => form.isVisible()).toBe(false);
    await popup.getByText('Add a cookie').click();
    expect(await form.getByLabel('Name').inputValue()).toBe('__Host-pref');
    expect(await form.getByLabel('Domain (optional)').inputValue()).toBe('hubdemo.test');
    await form.getByRole('button', { name: 'Add cookie' }).click();
    const error = form.locator('[data-add-error]');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    // Chromium's cookies API would store it (pages could not): Cookie Lens refuses it itself.
    expect(text).toBe('Not written: a __Host- cookie must be Secure, have no Domain and the path /.');
    expect(text).not.toContain('\n');
    expect((await jar()).some((c) => c.name === '__Host-pref')).toBe(false);

    // What the browser itself refuses (a value with a semicolon) is shown in its words, on one line.
    await form.getByLabel('Name').fill('pref');
    await form.getByLabel('Domain (optional)').fill('');
    await form.getByLabel('Value').fill('a;b');
    await form.getByRole('button', { name: 'Add cookie' }).click();
    await expect.poll(async () => (await error.textContent()) ?? '').toMatch(/^The browser refused the cookie: \S/);
    expect((await error.textContent()) ?? '').not.toContain('\n');
    expect((await jar()).some((c) => c.name === 'pref')).toBe(false);

    // Without the Domain the __Host- cookie is fine (host-only, Secure, path /).
    await form.getByLabel('Name').fill('__Host-pref');
    await form.getByLabel('Value').fill('1');
    await form.getByRole('button', { name: 'Add cookie' }).click();
    await expect.poll(async () => (await jar()).find((c) => c.name === '__Host-pref')?.domain, { timeout: 10_000 }).toBe('www.hubdemo.test');
    await popup.close();
    await page.close();
  });
});
