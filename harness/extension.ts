// Helpers for specs that drive Cookie Lens itself: where the builds are, opening the popup for a
// tab, and reading what it shows. Values are read from the DOM as text and attributes.
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from '../src/protocol/messages.ts';
import { REPO_ROOT } from './paths.ts';
import type { ChromiumHarness } from './chromium.ts';

// The one extension API these helpers call inside an extension page (module-scoped).
declare const chrome: { readonly runtime: { sendMessage(message: unknown): Promise<unknown> } };

export const CHROME_BUILD = join(REPO_ROOT, 'dist', 'chrome');
export const FIREFOX_BUILD = join(REPO_ROOT, 'dist', 'firefox');

/** The Firefox build's add-on id (`browser_specific_settings.gecko.id` of its manifest). */
export function firefoxGeckoId(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8'));
  const id: unknown = ['browser_specific_settings', 'gecko', 'id'].reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined), manifest);
  if (typeof id !== 'string') throw new Error(`${FIREFOX_BUILD}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/** Opens the popup as a tab for `page`'s tab and waits for its first complete render. */
export async function openPopupFor(browser: ChromiumHarness, page: Page): Promise<Page> {
  const popup = await browser.openPopupPage(await browser.tabIdOf(page));
  await popup.waitForSelector('body[data-ready="1"]');
  return popup;
}

/** The `__hstc` fields as HubSpot documents them: hash.visitor.first.previous.current.session. */
export interface HstcParts {
  readonly hash: number;
  readonly visitorId: string;
  readonly first: number;
  readonly previous: number;
  readonly current: number;
  readonly session: number;
}

export function splitHstc(value: string): HstcParts {
  const parts = decodeURIComponent(value).split('.');
  if (parts.length !== 6) throw new Error(`__hstc does not have 6 parts: ${value}`);
  const [hash, visitorId, first, previous, current, session] = parts;
  return { hash: Number(hash), visitorId: visitorId ?? '', first: Number(first), previous: Number(previous), current: Number(current), session: Number(session) };
}

/** Cookies of the demo site the browser holds, by name (every variant). */
export async function siteCookies(context: BrowserContext, name: string) {
  return (await context.cookies()).filter((cookie) => cookie.name === name && cookie.domain.endsWith('hubdemo.test'));
}

export async function onlyCookie(context: BrowserContext, name: string) {
  const found = await siteCookies(context, name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}: ${JSON.stringify(found)}`);
  const [cookie] = found;
  if (cookie === undefined) throw new Error('unreachable');
  return cookie;
}

/** The epoch milliseconds shown for a summary row (its <time data-ms>). */
export async function summaryMs(popup: Page, field: string): Promise<number> {
  return Number(await popup.getAttribute(`[data-summary] [data-field="${field}"] time`, 'data-ms'));
}

export async function summaryValue(popup: Page, field: string): Promise<string> {
  return (await popup.locator(`[data-summary] [data-field="${field}"] [data-value]`).getAttribute('data-value')) ?? '';
}

export async function summaryText(popup: Page, field: string): Promise<string> {
  return (await popup.locator(`[data-summary] [data-field="${field}"] dd`).innerText()).trim();
}

/** Expands a cookie's row (the first with that name) and returns its details element. */
export async function expandCookie(popup: Page, name: string, nth = 0) {
  const row = popup.locator(`li.cookie[data-cookie="${name}"]`).nth(nth);
  const head = row.locator('button.cookie-head');
  if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
  return row.locator('.cookie-details');
}

/** A decoded field's text inside an expanded row. */
export async function fieldText(details: ReturnType<Page['locator']>, key: string): Promise<string> {
  return (await details.locator(`[data-field="${key}"] dd`).innerText()).trim();
}

/**
 * An extension page with no app code of its own (the manifest shown as text): a place to call
 * extension APIs (storage, cookie events, rules) from a test without starting the popup's app.
 */
export async function extensionHost(browser: ChromiumHarness): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  return page;
}

/**
 * Sends a request of the typed message map (src/protocol/messages.ts) to the background from an
 * extension page, as the pages do, and returns the reply as it came.
 */
export function sendFromPage(page: Page, request: Request): Promise<unknown> {
  return page.evaluate((message) => chrome.runtime.sendMessage(message), request);
}
