// Issue 14 in real Firefox ESR: on a bulk demo site the search finds one cookie by part of its
// name and a vendor's cookies by the vendor, "Delete <name>" removes exactly that cookie, and Undo
// brings it back. Expected values come from the page's own document.cookie. Firefox extension
// pages are polled from Node (their CSP blocks puppeteer's waitForFunction).
import { describe, expect, test } from 'vitest';
import { cookieMap, pollInPage } from '../../harness/firefox.ts';
import { useFirefox } from '../../harness/fixtures.ts';

const { firefox, demo, popup } = useFirefox();

const shownRows = (): Promise<string[]> => popup.$$eval('section.cookies li.cookie', (items) => items.map((li) => li.getAttribute('data-cookie') ?? ''));

async function search(text: string): Promise<void> {
  await popup.evaluate((query) => {
    const field = document.querySelector<HTMLInputElement>('input[type="search"]');
    if (field === null) throw new Error('no search field');
    field.value = query;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

describe('the popup in Firefox on a bulk site', () => {
  test('search by name and by vendor, "Delete <name>" removes exactly that cookie, Undo brings it back', async () => {
    const site = await firefox.browser.newPage();
    await demo.setPreset(site, 'bulk', { n: 40 });
    await site.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const before = cookieMap(await site.evaluate(() => document.cookie));
    expect(before.size).toBe(40);
    const target = 'intercom-id-app0012';
    expect(before.has(target)).toBe(true);

    await firefox.openExtensionPage(popup, `popup.html?tabId=${await firefox.tabIdOf(site.url())}`);
    await popup.waitForSelector('body[data-ready="1"]');
    expect((await shownRows()).length).toBe(40);

    await search('app0012');
    await pollInPage(popup, () => document.querySelectorAll('section.cookies li.cookie').length === 1, undefined, { what: 'one row for app0012' });
    expect(await shownRows()).toEqual([target]);
    await search('Hotjar');
    const hotjar = [...before.keys()].filter((name) => name.startsWith('_hjSessionUser_')).sort();
    expect(hotjar.length).toBeGreaterThan(1);
    await pollInPage(popup, (count) => document.querySelectorAll('section.cookies li.cookie').length === count, hotjar.length, { what: 'the Hotjar rows' });
    expect((await shownRows()).sort()).toEqual(hotjar);
    await search('');

    const clicked = await popup.evaluate((label) => {
      const button = document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
      button?.click();
      return button !== null;
    }, `Delete ${target}`);
    expect(clicked).toBe(true);
    await pollInPage(site, (name) => !document.cookie.split('; ').some((pair) => pair.startsWith(`${name}=`)), target, { what: `${target} to be gone` });
    const after = cookieMap(await site.evaluate(() => document.cookie));
    expect([...after].sort()).toEqual([...before].filter(([name]) => name !== target).sort());

    await pollInPage(popup, () => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Undo'), undefined, { what: 'the Undo button' });
    await popup.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Undo')?.click());
    await pollInPage(site, (name) => document.cookie.split('; ').some((pair) => pair.startsWith(`${name}=`)), target, { what: `${target} to be back` });
    expect(cookieMap(await site.evaluate(() => document.cookie)).get(target)).toBe(before.get(target));
    await site.close();
  });
});
