// Issue 6 end to end in Chromium: hostile cookie values stay inert text everywhere (popup,
// options, exports), the extension sends no request of its own, a tracker rewriting its cookies
// every 100 ms cannot beat reset, opt-out or undo, and failures the visitor can meet are named.
// Expected values come from the browser's cookie jar and from what the demo tracker did, never
// from Cookie Lens's own code.
import { describe, expect, test } from 'vitest';
import type { Cookie, Page, Request } from 'playwright-core';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, unpackedExtensionId } from '../../harness/chromium.ts';
import { trackerSnapshot, waitForTracker } from '../../harness/demo.ts';
import { CHROME_BUILD, expandCookie, openPopupFor, extensionHost } from '../../harness/extension.ts';
import { freshTmpDir } from '../../harness/paths.ts';
import { parseCsv } from '../../harness/csv.ts';
import { useChromium } from '../../harness/fixtures.ts';
import { ANALYTICS_COOKIES } from '../../src/core/hubspot-sets.ts';
import type { Request as BackgroundRequest } from '../../src/protocol/messages.ts';
import { STORAGE_KEY } from '../../src/storage/schema.ts';

// The extension APIs the test calls from an extension page of Cookie Lens (module-scoped, so it
// needs no @types/chrome). Called only inside page.evaluate.
interface ChromeCookie {
  name: string; value: string; domain: string; path: string; partitionKey?: unknown;
}
declare const chrome: {
  readonly storage: {
    readonly local: {
      readonly QUOTA_BYTES: number;
      get(keys: string | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
      clear(): Promise<void>;
      getBytesInUse(keys: string | null): Promise<number>;
    };
  };
  readonly cookies: {
    readonly onChanged: { addListener(listener: (info: { removed: boolean; cause: string; cookie: ChromeCookie }) => void): void };
    set(details: { url: string; name: string; value: string }): Promise<unknown>;
  };
  readonly runtime: { sendMessage(message: unknown): Promise<unknown> };
  readonly permissions: { getAll(): Promise<{ origins?: string[] }> };
  readonly declarativeNetRequest: { getDynamicRules(): Promise<{ condition: { initiatorDomains?: string[] } }[]> };
};

/** HubSpot's analytics cookies, in the order the product lists them. */
const ANALYTICS: readonly string[] = [...ANALYTICS_COOKIES];

const { browser, demo, visit } = useChromium({ closePagesAfterEach: true });


// ---- helpers --------------------------------------------------------------------------------

async function storedRoot(host: Page): Promise<string | null> {
  return host.evaluate(async (key) => {
    const items = await chrome.storage.local.get(key);
    return key in items ? JSON.stringify(items[key]) : null;
  }, STORAGE_KEY);
}

async function plantStore(host: Page, json: string): Promise<void> {
  await host.evaluate(async ([key, text]) => chrome.storage.local.set({ [key]: JSON.parse(text) }), [STORAGE_KEY, json] as const);
}

/**
 * No cookies, no stored settings, no blocking rules, no beacons. The background applies a storage
 * change asynchronously, so a rule of the previous test could still act for a moment: the worker
 * is stopped and started again (it reads the cleared store afresh) and its blocking rules are
 * awaited until none is left.
 */
async function freshSite(): Promise<Page> {
  const host = await extensionHost(browser);
  await host.evaluate(() => chrome.storage.local.clear());
  await browser.stopServiceWorker();
  await browser.serviceWorker();
  await expect.poll(() => host.evaluate(async () => (await chrome.declarativeNetRequest.getDynamicRules()).length), { timeout: 10_000 }).toBe(0);
  await host.close();
  await browser.context.clearCookies();
  demo.clearBeacons();
  demo.clearRequests();
  return browser.context.newPage();
}

async function siteJar(): Promise<Cookie[]> {
  return (await browser.context.cookies()).filter((c) => c.domain.endsWith('hubdemo.test'));
}

interface WatchedPage {
  readonly page: Page;
  /** Dialogs, page errors, console errors and warnings, content security policy violations. */
  readonly incidents: string[];
}

/**
 * Opens an extension page as a tab with everything that could show a script running recorded:
 * dialogs (the hostile payloads call alert), uncaught errors, console errors and warnings, and
 * the page's own securitypolicyviolation events (an injected handler the CSP blocked).
 */
async function openWatched(path: string, tabId: number): Promise<WatchedPage> {
  const page = await browser.context.newPage();
  const incidents: string[] = [];
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') incidents.push(`console ${message.type()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen: unknown = Reflect.get(window, '__violations');
      const list = Array.isArray(seen) ? seen : [];
      list.push(`${event.violatedDirective} ${event.blockedURI}`);
      Reflect.set(window, '__violations', list);
    });
  });
  await page.goto(`chrome-extension://${browser.extensionId}/${path}?tabId=${tabId}`);
  await page.waitForSelector('body[data-ready="1"]');
  return { page, incidents };
}

/** What a successful injection would leave behind in an extension page. */
async function injectionTraces(page: Page) {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll('*')];
    return {
      // The payloads set window.__pwned when they run.
      pwned: Reflect.get(window, '__pwned') ?? null,
      violations: Reflect.get(window, '__violations') ?? [],
      // Inline event handlers (onerror, onload, ...) on any element.
      handlers: elements.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `<${el.localName} ${a.name}>`)),
      // javascript: or data: URLs in any URL-bearing attribute.
      scriptUrls: elements.flatMap((el) => ['href', 'src', 'action', 'formaction', 'xlink:href', 'data']
        .map((name) => el.getAttribute(name))
        .filter((value): value is string => value !== null && /^\s*(javascript|data|vbscript):/i.test(value))),
      // Elements Cookie Lens never renders: any of them is markup from a cookie. Its own forms
      // (editing a cookie, adding one) are the only forms it renders.
      foreign: [...document.querySelectorAll('img, iframe, frame, object, embed, a, b, form:not(.cookie-edit):not([data-add]), base, video, audio, source, math, template, meta[http-equiv], style, link:not([rel="stylesheet"]):not([rel="modulepreload"])')]
        .map((el) => el.outerHTML.slice(0, 120)),
      // Anything the page links to or loads lies inside the extension.
      offsite: elements.flatMap((el) => ['href', 'src'].map((name) => el.getAttribute(name)))
        .filter((value): value is string => value !== null && new URL(value, location.href).origin !== location.origin),
      // The page's own module script is the only <script>; the timeline is the only <svg>.
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      strayedSvg: [...document.querySelectorAll('svg')].filter((svg) => svg.closest('figure.timeline') === null).length,
    };
  });
}

/**
 * UI text an unterminated right-to-left override in a cookie would reorder. Two checks on what is
 * on screen, for every visible text of the page:
 * - Latin letters before any bidi control in a text read left to right (neighbouring letters on
 *   one line have growing x);
 * - the text after one holding a bidi control, when on the same line, starts to the right of it.
 * Returns the texts that fail.
 */
async function reorderedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = /[\u202A-\u202E\u2066-\u2069]/;
    const range = document.createRange();
    const rects = (node: Text, start: number, end: number): DOMRect[] => {
      range.setStart(node, start);
      range.setEnd(node, end);
      return [...range.getClientRects()].filter((rect) => rect.width > 0);
    };
    const texts: Text[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node instanceof Text && (node.textContent ?? '').trim() !== '' && rects(node, 0, node.length).length > 0) texts.push(node);
    }
    const found: string[] = [];
    texts.forEach((node, index) => {
      const text = node.textContent ?? '';
      const at = text.search(controls);
      let previous: DOMRect | null = null;
      for (let i = 0; i < (at === -1 ? text.length : at); i += 1) {
        const rect = /[A-Za-z]/.test(text.charAt(i)) ? rects(node, i, i + 1)[0] : undefined;
        if (rect === undefined) {
          previous = null;
          continue;
        }
        if (previous !== null && Math.abs(previous.top - rect.top) < 1 && rect.left < previous.left - 0.5) {
          found.push(text);
          return;
        }
        previous = rect;
      }
      const next = texts[index + 1];
      if (at === -1 || next === undefined) return;
      const mine = rects(node, 0, node.length);
      const lastTop = Math.max(...mine.map((rect) => rect.top));
      const right = Math.max(...mine.filter((rect) => Math.abs(rect.top - lastTop) < 1).map((rect) => rect.right));
      const after = rects(next, 0, next.length)[0];
      if (after !== undefined && Math.abs(after.top - lastTop) < 1 && after.left < right - 1) found.push(`${text} | ${next.textContent ?? ''}`);
    });
    return found;
  });
}

/** Every cookie change the browser reports, timed in an extension page. */
interface CookieEvent {
  readonly at: number;
  readonly removed: boolean;
  readonly cause: string;
  readonly name: string;
  readonly value: string;
  readonly key: string;
}

async function startCookieLog(host: Page): Promise<void> {
  await host.evaluate(() => {
    const log: unknown[] = [];
    Reflect.set(window, '__cookieLog', log);
    chrome.cookies.onChanged.addListener((info) => {
      const c = info.cookie;
      log.push({ at: Date.now(), removed: info.removed, cause: info.cause, name: c.name, value: c.value, key: `${c.name}|${c.domain}|${c.path}|${c.partitionKey === undefined ? '' : 'partitioned'}` });
    });
  });
}

async function cookieLog(host: Page): Promise<CookieEvent[]> {
  const json = await host.evaluate(() => JSON.stringify(Reflect.get(window, '__cookieLog') ?? []));
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('no cookie log');
  return parsed.map((entry: unknown): CookieEvent => {
    if (typeof entry !== 'object' || entry === null) throw new Error('bad cookie log entry');
    const at = Reflect.get(entry, 'at');
    const removed = Reflect.get(entry, 'removed');
    const cause = Reflect.get(entry, 'cause');
    const name = Reflect.get(entry, 'name');
    const value = Reflect.get(entry, 'value');
    const key = Reflect.get(entry, 'key');
    if (typeof at !== 'number' || typeof removed !== 'boolean' || typeof cause !== 'string' || typeof name !== 'string' || typeof value !== 'string' || typeof key !== 'string') {
      throw new Error(`bad cookie log entry ${JSON.stringify(entry)}`);
    }
    return { at, removed, cause, name, value, key };
  });
}

interface Presence {
  readonly key: string;
  readonly from: number;
  /** Null while still present at the end of the log. */
  readonly until: number | null;
}

/**
 * Stretches of time a cookie existed without a break, from the log. A write over an existing
 * cookie is reported as a removal with cause "overwrite" and an addition: the cookie never left,
 * so the stretch goes on. Any other removal ends it.
 */
function presences(log: readonly CookieEvent[], names: readonly string[]): Presence[] {
  const open = new Map<string, number>();
  const done: Presence[] = [];
  for (const event of log) {
    if (!names.includes(event.name)) continue;
    if (!event.removed) {
      if (!open.has(event.key)) open.set(event.key, event.at);
    } else if (event.cause !== 'overwrite') {
      const from = open.get(event.key);
      if (from !== undefined) done.push({ key: event.key, from, until: event.at });
      open.delete(event.key);
    }
  }
  for (const [key, from] of open) done.push({ key, from, until: null });
  return done;
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<string> {
  const download = page.waitForEvent('download');
  await click();
  const folder = freshTmpDir('export-');
  try {
    const file = join(folder, 'export');
    await (await download).saveAs(file);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// ---- hostile values -------------------------------------------------------------------------

/** Ours, beside the demo's `hostile` preset: payloads that would flag themselves, and formulas. */
const PLANTED = [
  { name: 'pwned_img', value: '<img src=x onerror="window.__pwned=1">' },
  { name: 'pwned_svg', value: '"><svg onload="window.__pwned=2">' },
  { name: '<script>Reflect.set(window,"__pwned",3)</script>', value: 'markup-in-name' },
  { name: 'pwned_iframe', value: '<iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>' },
  { name: 'pwned_link', value: '<a href="javascript:window.__pwned=5">click</a>' },
  { name: 'formula_equals', value: '=HYPERLINK("https://example.invalid/","open")' },
  { name: 'formula_plus', value: '+1+cmd|/C calc!A0' },
  { name: 'formula_minus', value: '-2+3' },
  { name: 'formula_at', value: '@SUM(1+1)' },
  { name: '+formula_name', value: 'formula-in-name' },
] as const;

/** A cell as OWASP's CSV-injection advice asks (and csvCell documents): a leading = + - @ tab or CR is prefixed with '. */
function expectedCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

describe('hostile cookie names and values', () => {
  /** The demo's hostile preset and ours in the jar; the tab id of the site's page. */
  async function hostileSite(): Promise<{ tabId: number; planted: Cookie[] }> {
    const site = await freshSite();
    await demo.setPreset(site, 'hostile');
    await site.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    // Written the way a hostile site would: by its own script.
    await site.evaluate((cookies) => {
      for (const { name, value } of cookies) document.cookie = `${name}=${value}; path=/; SameSite=Lax`;
    }, PLANTED);
    return { tabId: await browser.tabIdOf(site), planted: await siteJar() };
  }

  test('the popup shows them as text, runs nothing, injects nothing, and keeps overrides from reordering its text', async () => {
    const { tabId, planted } = await hostileSite();
    // Every cookie of the preset and ours reached the jar (the browser kept them as written).
    expect(planted.map((c) => c.name)).toEqual(expect.arrayContaining([...PLANTED.map((c) => c.name), '"><svg onload', '<b>bold</b>', 'rlo\u202Eeman', 'hostile_img']));
    expect(planted.find((c) => c.name === 'hostile_rlo')?.value).toBe('invoice\u202Egpj.exe');

    const { page: popup, incidents } = await openWatched('popup.html', tabId);
    const closed = popup.locator('button.cookie-head[aria-expanded="false"]');
    while ((await closed.count()) > 0) await closed.first().click();
    await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
    await popup.waitForSelector('#reset-panel');
    expect(await popup.locator('button.cookie-head[aria-expanded="false"]').count()).toBe(0);

    // Shown literally: each jar cookie has a row whose name and raw value are its exact text.
    const rows = await popup.evaluate(() => [...document.querySelectorAll('li.cookie')].map((li) => ({
      name: li.querySelector('.cookie-name')?.textContent ?? null,
      value: li.querySelector('.raw-value')?.textContent ?? null,
    })));
    for (const cookie of planted) expect(rows, cookie.name).toContainEqual({ name: cookie.name, value: cookie.value });

    expect(await injectionTraces(popup)).toEqual({ pwned: null, violations: [], handlers: [], scriptUrls: [], foreign: [], offsite: [], scripts: ['boot.js', 'popup.js'], strayedSvg: 0 });
    expect(incidents).toEqual([]);

    // Names and raw values are isolated from the text around them, and no UI text reads backwards.
    const isolation = await popup.evaluate(() => [...document.querySelectorAll('.cookie-name, .raw-value')]
      .map((el) => `${el.getAttribute('dir') ?? 'none'} ${getComputedStyle(el).unicodeBidi}`));
    expect(new Set(isolation)).toEqual(new Set(['auto isolate']));
    expect(await reorderedTexts(popup)).toEqual([]);

    // The page's content security policy is in force: markup that got in could not run a script.
    await popup.evaluate(() => {
      const probe = document.createElement('script');
      probe.textContent = 'window.__pwned = "inline script ran"';
      document.body.append(probe);
    });
    await expect.poll(() => popup.evaluate(() => String(Reflect.get(window, '__violations'))), { timeout: 5_000 }).toContain('script-src');
    expect(await popup.evaluate(() => Reflect.get(window, '__pwned') ?? null)).toBeNull();
    await popup.close();
  });

  test('the JSON and CSV exports carry them as data, and no CSV cell can start a formula', async () => {
    const { tabId, planted } = await hostileSite();
    const { page: popup, incidents } = await openWatched('popup.html', tabId);
    const json: unknown = JSON.parse(await downloadText(popup, () => popup.getByRole('button', { name: 'Export JSON' }).click()));
    const exported = typeof json === 'object' && json !== null ? Reflect.get(json, 'cookies') : undefined;
    if (!Array.isArray(exported)) throw new Error('the JSON export has no cookie list');
    const pairs = exported.map((c: unknown) => (typeof c === 'object' && c !== null ? { name: Reflect.get(c, 'name'), value: Reflect.get(c, 'value') } : null));
    for (const cookie of planted) expect(pairs, cookie.name).toContainEqual({ name: cookie.name, value: cookie.value });

    const csv = parseCsv(await downloadText(popup, () => popup.getByRole('button', { name: 'Export CSV' }).click()));
    const [header, ...body] = csv;
    const nameAt = header?.indexOf('name') ?? -1;
    const valueAt = header?.indexOf('value') ?? -1;
    expect(nameAt).toBeGreaterThanOrEqual(0);
    expect(valueAt).toBeGreaterThanOrEqual(0);
    const cells = body.map((row) => ({ name: row[nameAt], value: row[valueAt] }));
    for (const cookie of planted) {
      expect(cells, cookie.name).toContainEqual({ name: expectedCsvText(cookie.name), value: expectedCsvText(cookie.value) });
    }
    // No cell of any column starts a formula.
    expect(body.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(await injectionTraces(popup)).toMatchObject({ pwned: null, violations: [], handlers: [], foreign: [], offsite: [] });
    expect(incidents).toEqual([]);
    await popup.close();
  });

  test('stored entries with markup are set aside and listed on the options page as text', async () => {
    const { tabId } = await hostileSite();
    const host = await extensionHost(browser);
    const hostileKey = '<img src=x onerror="window.__pwned=6">';
    const rloKey = 'rlo\u202Eeman.example';
    const stored = {
      version: 1,
      rules: {
        [hostileKey]: '"><svg onload="window.__pwned=7">',
        [rloKey]: { site: 'x\u202Ey', doNotTrack: true, optOut: 'off', since: 1735689600000 },
      },
      undo: {},
      setAside: [{ raw: '<script>window.__pwned=8</script>', from: '<b>from</b>', reason: 'invalid-rule', detail: '<i>detail</i>' }],
    };
    await plantStore(host, JSON.stringify(stored));
    // As the browser keeps it (storage sorts an object's keys): the text the set-aside list holds.
    const kept: unknown = JSON.parse((await storedRoot(host)) ?? 'null');
    const keptRules = typeof kept === 'object' && kept !== null ? Reflect.get(kept, 'rules') : undefined;
    if (typeof keptRules !== 'object' || keptRules === null) throw new Error('the planted store did not arrive');
    const { page: options, incidents } = await openWatched('options.html', tabId);
    await options.waitForSelector('[data-set-aside] li');
    const listed = await options.locator('[data-set-aside] li').allInnerTexts();
    // Each stored piece as JSON text, and the entry that was already set aside as it was written.
    for (const raw of [JSON.stringify(Reflect.get(keptRules, hostileKey)), JSON.stringify(Reflect.get(keptRules, rloKey)), '<script>window.__pwned=8</script>']) {
      expect(listed.some((text) => text.includes(raw)), raw).toBe(true);
    }
    expect(listed.some((text) => text.includes('<b>from</b>') && text.includes('<i>detail</i>'))).toBe(true);
    expect(await injectionTraces(options)).toEqual({ pwned: null, violations: [], handlers: [], scriptUrls: [], foreign: [], offsite: [], scripts: ['options.js'], strayedSvg: 0 });
    expect(incidents).toEqual([]);
    expect(await reorderedTexts(options)).toEqual([]);
    await options.close();
    await host.evaluate(() => chrome.storage.local.clear());
    await host.close();
  });
});

// ---- no requests of its own -----------------------------------------------------------------

describe('no network of its own', () => {
  test('opening the popup and options, every action and both exports send no request anywhere', async () => {
    const origin = `chrome-extension://${browser.extensionId}/`;
    const fromExtension: { from: string; url: string }[] = [];
    const record = (request: Request): void => {
      const worker = request.serviceWorker();
      const from = worker !== null ? worker.url() : request.frame().url();
      if (from.startsWith(origin)) fromExtension.push({ from, url: request.url() });
    };
    browser.context.on('request', record);
    try {
      // The recorder sees the extension's service worker and pages: a fetch of its own file shows.
      const worker = await browser.serviceWorker();
      expect(await worker.evaluate(async () => (await fetch('/manifest.json')).status)).toBe(200);
      await expect.poll(() => fromExtension.some((r) => r.from.endsWith('/background.js') && r.url === `${origin}manifest.json`), { timeout: 5_000 }).toBe(true);

      const page = await freshSite();
      await visit(page, '/?embed=1');
      const popup = await openPopupFor(browser, page);
      expect(fromExtension.some((r) => r.url.startsWith(`${origin}popup.js`))).toBe(true);
      await expandCookie(popup, '__hstc');
      const dnt = popup.getByRole('switch', { name: 'Do not track' });
      await dnt.click();
      await expect.poll(() => dnt.getAttribute('aria-checked'), { timeout: 5_000 }).toBe('true');
      const optOut = popup.getByRole('switch', { name: 'Opt out' });
      await optOut.click();
      await popup.waitForSelector('[data-verification="holding"]');
      await popup.getByRole('checkbox', { name: /block HubSpot's tracking code/ }).click();
      await expect.poll(() => popup.getByRole('checkbox', { name: /block HubSpot's tracking code/ }).isChecked(), { timeout: 5_000 }).toBe(true);
      await optOut.click();
      await expect.poll(() => optOut.getAttribute('aria-checked'), { timeout: 5_000 }).toBe('false');
      await downloadText(popup, () => popup.getByRole('button', { name: 'Export JSON' }).click());
      await downloadText(popup, () => popup.getByRole('button', { name: 'Export CSV' }).click());
      await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
      const reloaded = page.waitForEvent('load');
      await popup.getByRole('button', { name: 'Remove and reload' }).click();
      await reloaded;
      await waitForTracker(page);
      await popup.getByRole('button', { name: 'Undo', exact: true }).click();
      await popup.waitForSelector('[data-last-action]');
      // "All sites and settings" opens the options page in a tab of its own.
      const optionsOpened = browser.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(`${origin}options.html`) });
      await popup.getByRole('button', { name: 'All sites and settings' }).click();
      const options = await optionsOpened;
      await options.waitForSelector('[data-rule="hubdemo.test"]');
      await downloadText(options, () => options.getByRole('button', { name: 'Export rules' }).click());
      await options.getByRole('button', { name: 'Remove the choice for hubdemo.test' }).click();
      await options.waitForFunction(() => document.querySelectorAll('[data-rule]').length === 0);
      // The worker stopped and woken again loads nothing from outside either.
      await browser.stopServiceWorker();
      await browser.serviceWorker();

      expect(fromExtension.length).toBeGreaterThan(3);
      expect(fromExtension.filter((r) => !r.url.startsWith(origin))).toEqual([]);
      await options.close();
      await popup.close();
      await page.close();
    } finally {
      browser.context.off('request', record);
    }
  });
});

// ---- races with a tracker that rewrites every 100 ms ------------------------------------------

describe('a tracker rewriting its cookies every 100 ms', () => {
  test('reset still ends, after the reload, with none of the old identity and a fresh visitor (three resets in a row)', async () => {
    const page = await freshSite();
    await visit(page, '/?rewrite=100');
    const host = await extensionHost(browser);
    await startCookieLog(host);
    const oldIdWrites: number[] = [];
    for (let round = 1; round <= 3; round += 1) {
      const before = await trackerSnapshot(page);
      expect(before.rewriteIntervalMs).toBe(100);
      expect((await siteJar()).find((c) => c.name === 'hubspotutk')?.value).toBe(before.visitorId);
      const popup = await openPopupFor(browser, page);
      await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
      const reloaded = page.waitForEvent('load');
      const resetAt = Date.now();
      await popup.getByRole('button', { name: 'Remove and reload' }).click();
      await reloaded;
      const after = await trackerSnapshot(page);
      // The new page started a new visitor: it found no old identity in the jar when it loaded.
      expect(after.visitorId, `round ${round}`).not.toBe(before.visitorId);
      expect(after.sessionNumber).toBe(1);
      expect(after.isNewSession).toBe(true);
      expect(after.rewriteIntervalMs).toBe(100);
      // Ten more rewrites later the jar holds the new identity only.
      await page.waitForFunction((count) => Number(Reflect.get(Reflect.get(window, '__demoTracker') ?? {}, 'rewrites')) >= count, after.rewrites + 10, { timeout: 10_000 });
      const jar = await siteJar();
      expect(jar.filter((c) => c.value.includes(before.visitorId)), `round ${round}`).toEqual([]);
      expect(jar.find((c) => c.name === 'hubspotutk')?.value).toBe(after.visitorId);
      expect(jar.filter((c) => c.name === '__hstc').map((c) => c.value.split('.')[1])).toEqual([after.visitorId]);
      // How often the old page wrote the old identity back before it went, and how long each stayed.
      const log = await cookieLog(host);
      for (const p of presences(log.filter((e) => e.at >= resetAt && e.value.includes(before.visitorId)), ANALYTICS)) {
        oldIdWrites.push(p.until === null ? Number.POSITIVE_INFINITY : p.until - p.from);
      }
      await popup.close();
    }
    console.log(`reset under rewrites: the old page wrote the old identity back ${oldIdWrites.length} times; longest stay ${Math.max(0, ...oldIdWrites)} ms`);
    expect(oldIdWrites.every((ms) => Number.isFinite(ms))).toBe(true);
    await host.close();
    await page.close();
  });

  test('opt-out keeps the analytics cookies away through 30 s of rewrites, page views, dropped consent and a tracker that ignores consent', async () => {
    const page = await freshSite();
    await visit(page, '/?rewrite=100');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    await popup.close();

    // The demo tracker runs in the default mode (no consent policy, as most sites): its banner
    // reports consent whatever the consent cookies say, so it writes its cookies at each 100 ms
    // tick. Beside it the page runs a script that writes the four analytics cookies every 100 ms,
    // each value carrying its write time; every 500 ms it counts a page view; every 3 s it drops
    // the consent cookie.
    await page.addInitScript(() => {
      if (!location.hostname.endsWith('hubdemo.test')) return;
      let writes = 0;
      setInterval(() => {
        writes += 1;
        const stamp = String(Date.now());
        const scope = writes % 2 === 0 ? '; domain=.hubdemo.test' : '';
        for (const [name, value] of [['__hstc', `200321585.ignorer${stamp}.${stamp}.${stamp}.${stamp}.1`], ['hubspotutk', `ignorer${stamp}`], ['__hssc', `200321585.1.${stamp}`], ['__hssrc', `1.${stamp}`]]) {
          document.cookie = `${name}=${value}; path=/; SameSite=Lax; max-age=86400${scope}`;
        }
      }, 100);
      setInterval(() => {
        const queue: unknown = Reflect.get(window, '_hsq');
        if (typeof queue === 'object' && queue !== null && 'push' in queue && typeof queue.push === 'function') queue.push(['trackPageView']);
      }, 500);
      setInterval(() => {
        for (const scope of ['; domain=.hubdemo.test', '']) document.cookie = `__hs_cookie_cat_pref=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT${scope}`;
      }, 3_000);
    });
    const host = await extensionHost(browser);
    await startCookieLog(host);
    demo.clearBeacons();

    // The jar as the browser holds it, every 200 ms, independently of the extension.
    const samples: { at: number; analytics: { name: string; value: string }[] }[] = [];
    let sampling: Promise<void> = Promise.resolve();
    const sampler = setInterval(() => {
      // One sample at a time; a tick that finds the previous one still reading is skipped.
      sampling = sampling.then(async () => {
        const at = Date.now();
        const jar = await siteJar();
        samples.push({ at, analytics: jar.filter((c) => ANALYTICS.includes(c.name)).map((c) => ({ name: c.name, value: c.value })) });
      });
    }, 200);
    const started = Date.now();
    // Three page loads of about ten seconds each: 100 rewrite ticks per page. The tracker ran on
    // each and tried to send: what it held back, and why, is counted before the page is left.
    const suppressedByPage: Record<string, readonly string[]> = {};
    for (const path of ['/?rewrite=100', '/pricing?rewrite=100', '/blog/?rewrite=100']) {
      await visit(page, path);
      await page.waitForFunction(() => Number(Reflect.get(Reflect.get(window, '__demoTracker') ?? {}, 'rewrites')) >= 100, undefined, { timeout: 20_000, polling: 250 });
      suppressedByPage[path] = (await trackerSnapshot(page)).suppressedReasons;
    }
    const activeMs = Date.now() - started;
    await page.goto('about:blank');
    clearInterval(sampler);
    await sampling;
    await expect.poll(async () => (await siteJar()).filter((c) => ANALYTICS.includes(c.name)), { timeout: 5_000 }).toEqual([]);
    const log = await cookieLog(host);

    // The strongest property a jar that is written every 100 ms allows: a write cannot be stopped,
    // only undone, so each analytics cookie exists for the moment between its write and the
    // background's removal. Measured from the browser's own change events, every such stretch
    // (overwrites in between count as one) ends within MAX_STAY_MS, a few enforcement rounds
    // on a loaded 2-core machine, and none is left at the end.
    const MAX_STAY_MS = 1_000;
    const stays = presences(log, ANALYTICS);
    const lengths = stays.map((p) => (p.until === null ? Number.POSITIVE_INFINITY : p.until - p.from)).sort((a, b) => a - b);
    // The jar samples agree: no sample saw an ignorer's cookie older than MAX_STAY_MS.
    const ages = samples.flatMap((sample) => sample.analytics.flatMap((c) => {
      // Only the ignorer's own stamps: the stand-in tracker's __hssc has the same shape, but its
      // last field is the session's start, not the write time.
      const stamp = /ignorer(\d+)|^1\.(\d+)$/.exec(c.value);
      const written = Number(stamp?.[1] ?? stamp?.[2] ?? Number.NaN);
      return Number.isNaN(written) ? [] : [sample.at - written];
    }));
    // Each time the page dropped the consent cookie, how long until the background wrote it back.
    const consentGaps: number[] = [];
    let droppedAt: number | null = null;
    for (const event of log.filter((e) => e.name === '__hs_cookie_cat_pref')) {
      if (event.removed && event.cause !== 'overwrite') droppedAt = event.at;
      else if (!event.removed && droppedAt !== null) {
        consentGaps.push(event.at - droppedAt);
        droppedAt = null;
      }
    }
    console.log(`opt-out race over ${activeMs} ms: ${log.filter((e) => !e.removed && ANALYTICS.includes(e.name)).length} analytics writes, `
      + `${stays.length} stays, median ${lengths[Math.floor(lengths.length / 2)] ?? 0} ms, p95 ${lengths[Math.floor(lengths.length * 0.95)] ?? 0} ms, longest ${lengths.at(-1) ?? 0} ms; `
      + `${samples.length} jar samples, ${samples.filter((s) => s.analytics.length > 0).length} saw one, oldest seen ${Math.max(0, ...ages)} ms; `
      + `consent dropped ${consentGaps.length} times, back after at most ${Math.max(0, ...consentGaps)} ms`);
    expect(activeMs).toBeGreaterThanOrEqual(30_000);
    expect(stays.length).toBeGreaterThan(300);
    expect(stays.filter((p) => p.until === null)).toEqual([]);
    expect(lengths.filter((ms) => ms > MAX_STAY_MS)).toEqual([]);
    expect(ages.filter((ms) => ms > MAX_STAY_MS)).toEqual([]);
    expect(consentGaps.length).toBeGreaterThanOrEqual(9);
    expect(droppedAt).toBeNull();
    expect(consentGaps.filter((ms) => ms > MAX_STAY_MS)).toEqual([]);
    // Do-not-track and the declined consent held: the tracker tried on every page (its page view,
    // and the page views the ignoring script pushed) and was held back by do-not-track, and the
    // site sent HubSpot nothing at all.
    for (const [path, reasons] of Object.entries(suppressedByPage)) {
      expect(reasons.filter((reason) => reason === 'do-not-track').length, path).toBeGreaterThanOrEqual(2);
    }
    expect(demo.beacons()).toEqual([]);
    expect((await siteJar()).filter((c) => c.name === '__hs_cookie_cat_pref').map((c) => c.value)).toEqual(['1:false,2:false,3:false']);
    await host.close();
    await page.close();
  });

  test('undo clicked twice restores once, and two undo requests at the same moment restore once', async () => {
    const page = await freshSite();
    await visit(page, '/?rewrite=100');
    const host = await extensionHost(browser);

    async function resetNow(): Promise<Cookie[]> {
      const identity = (await siteJar()).filter((c) => ANALYTICS.includes(c.name));
      expect(identity.length).toBe(4);
      const popup = await openPopupFor(browser, page);
      await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
      const reloaded = page.waitForEvent('load');
      await popup.getByRole('button', { name: 'Remove and reload' }).click();
      await reloaded;
      await waitForTracker(page);
      await popup.close();
      return identity;
    }
    /**
     * How many times each removed cookie carrying the old visitor was written back with its old
     * value. (__hssrc is "1" for every visitor, and the page writes that too: it cannot tell.)
     */
    function restoredCount(log: readonly CookieEvent[], identity: readonly Cookie[]): Record<string, number> {
      return Object.fromEntries(identity.filter((c) => c.name !== '__hssrc')
        .map((c) => [c.name, log.filter((e) => !e.removed && e.name === c.name && e.value === c.value).length]));
    }
    const once = { __hstc: 1, hubspotutk: 1, __hssc: 1 };
    /**
     * The browser delivers cookie events to the log page a little after the background's reply,
     * later still on a busy machine: wait until every old value has been written, then until a
     * marker cookie written after that has reached the log (the browser reports cookie changes in
     * order, so a second write of an old value would be in the log by then) before counting.
     */
    async function expectRestoredOnce(identity: readonly Cookie[], lastAction: () => Promise<string>): Promise<void> {
      // Polled as text, so a failure names the cookie whose old value never came back; what the
      // popup said and what the jar holds then come with it (an undo that skipped a cookie it
      // found already back, or one that failed, looks the same in the log).
      try {
        await expect.poll(async () => {
          const counts = restoredCount(await cookieLog(host), identity);
          return Object.values(counts).every((n) => n >= 1) ? 'every old value written' : JSON.stringify(counts);
        }, { timeout: 10_000 }).toBe('every old value written');
      } catch (error) {
        const values = (cookies: readonly { name: string; value: string }[]) => cookies.filter((c) => ANALYTICS.includes(c.name)).map((c) => `${c.name}=${c.value}`).join(' ');
        throw new Error(`${String(error)}\nthe popup said: ${await lastAction()}\nremoved: ${values(identity)}\nthe jar now: ${values(await siteJar())}`);
      }
      const marker = `m${Date.now()}`;
      await host.evaluate(async ([url, value]) => { await chrome.cookies.set({ url, name: 'cookie_lens_log_marker', value }); }, [demo.url('www.hubdemo.test', '/'), marker] as const);
      await expect.poll(async () => (await cookieLog(host)).some((e) => e.name === 'cookie_lens_log_marker' && e.value === marker), { timeout: 10_000 }).toBe(true);
      expect(restoredCount(await cookieLog(host), identity)).toEqual(once);
    }

    // The visitor double-clicks Undo. The page holds the new identity and writes it every 100 ms;
    // the old values can only come from the undo.
    const first = await resetNow();
    await startCookieLog(host);
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('button', { name: 'Undo', exact: true }).dblclick();
    await popup.waitForSelector('[data-last-action]');
    await expect.poll(() => popup.getByRole('button', { name: 'Undo', exact: true }).count(), { timeout: 5_000 }).toBe(0);
    await expectRestoredOnce(first, async () => (await popup.locator('[data-last-action]').textContent()) ?? '');
    expect(await storedRoot(host)).not.toContain('"0/hubdemo.test"');
    await popup.close();

    // Two requests in flight together reach the background at the same moment.
    const second = await resetNow();
    const root: unknown = JSON.parse((await storedRoot(host)) ?? 'null');
    const snapshotId = String(Reflect.get(Reflect.get(Reflect.get(root ?? {}, 'undo') ?? {}, '0/hubdemo.test') ?? {}, 'id'));
    const tabId = await browser.tabIdOf(page);
    await startCookieLog(host);
    const undo: BackgroundRequest = { type: 'undo', payload: { tabId, snapshotId } };
    const replies = await host.evaluate((message) => Promise.all([chrome.runtime.sendMessage(message), chrome.runtime.sendMessage(message)]), undo);
    expect(replies).toEqual(expect.arrayContaining([
      { ok: true, value: { restored: 4, failed: [], expired: 0, result: 'restored' } },
      { ok: true, value: { restored: 0, failed: [], expired: 0, result: 'already-restored' } },
    ]));
    await expectRestoredOnce(second, async () => JSON.stringify(replies));
    await host.close();
    await page.close();
  });
});

// ---- failures the visitor can meet ----------------------------------------------------------

describe('failures are named, and nothing is lost', () => {
  test('site access withheld by the visitor: the popup says access is missing and how to give it, not that the page cannot be read', async () => {
    // What "Site access: On click" in chrome://extensions stores for an extension. Required host
    // permissions cannot be given up through permissions.remove in Chromium ("You cannot remove
    // required permissions"), so the browser's own setting is the real way to lose them.
    const profile = freshTmpDir('withheld-');
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ extensions: { settings: { [unpackedExtensionId(CHROME_BUILD)]: { withholding_permissions: true } } } }));
    const withheld = await launchChromium({ extensionDirs: [CHROME_BUILD], userDataDir: profile });
    try {
      const page = await withheld.context.newPage();
      await page.goto(demo.url('www.hubdemo.test', '/'));
      await waitForTracker(page);
      // The browser confirms the grant is gone.
      const host = await withheld.context.newPage();
      await host.goto(`chrome-extension://${withheld.extensionId}/manifest.json`);
      expect(await host.evaluate(async () => (await chrome.permissions.getAll()).origins ?? [])).toEqual([]);
      await host.close();

      const popup = await openPopupFor(withheld, page);
      const state = popup.locator('[data-state="no-permission"]');
      expect(await state.count()).toBe(1);
      expect(await state.innerText()).toContain('Cookie Lens has no access to this site');
      expect(await state.innerText()).toContain('Allow it below or in your browser\'s extension settings.');
      expect(await popup.getByRole('button', { name: 'Allow access to all sites' }).count()).toBe(1);
      await popup.close();
      await page.close();
    } finally {
      await withheld.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('a cookie the browser refuses to restore is listed with its reason, and its snapshot is kept for another try', async () => {
    const page = await freshSite();
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const host = await extensionHost(browser);
    const expires = Math.round(Date.now() / 1000) + 86_400;
    const base = { domain: '.hubdemo.test', hostOnly: false, path: '/', secure: false, httpOnly: false, expirationDate: expires, storeId: '0' };
    const restorable = { ...base, name: '__hstc', value: '200321585.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1735689600000.1735689600000.1735689600000.1', sameSite: 'lax' };
    // Browsers refuse SameSite=None without Secure (Chromium since version 80). No snapshot the
    // browser produced holds such a cookie; a damaged or hand-edited store can.
    const refused = { ...base, name: 'hubspotutk', value: '0a1b2c3d4e5f40718293a4b5c6d7e8f9', sameSite: 'no_restriction' };
    const snapshot = { site: 'hubdemo.test', storeId: '0', takenAt: Date.now(), cookies: [restorable, refused], id: 'planted-snapshot' };
    await plantStore(host, JSON.stringify({ version: 1, rules: {}, undo: { '0/hubdemo.test': snapshot }, setAside: [] }));

    const popup = await openPopupFor(browser, page);
    expect(await popup.locator('.controls').innerText()).toContain('Undo brings back the 2 cookies');
    for (const attempt of [1, 2]) {
      await popup.getByRole('button', { name: 'Undo', exact: true }).click();
      const done = attempt === 1 ? 'Undo done: 1 cookie restored.' : 'Undo done: 0 cookies restored.';
      await expect.poll(() => popup.locator('[data-last-action]').innerText(), { timeout: 5_000 }).toBe(done);
      const failed = await popup.locator('.failed').innerText();
      expect(failed).toContain('1 cookie could not be changed');
      expect(failed).toContain('hubspotutk hubdemo.test/');
      expect(failed).toContain('Failed to parse or set cookie named "hubspotutk".');
      // The refused cookie stays in the snapshot, under the same id; Undo is still offered for it.
      expect(JSON.parse((await storedRoot(host)) ?? 'null')).toMatchObject({ undo: { '0/hubdemo.test': { ...snapshot, cookies: [refused] } } });
      await expect.poll(() => popup.locator('.controls').innerText(), { timeout: 5_000 }).toContain('Undo brings back the 1 cookie removed last');
    }
    expect((await siteJar()).map((c) => [c.name, c.value])).toEqual([[restorable.name, restorable.value]]);
    await popup.close();
    await host.evaluate(() => chrome.storage.local.clear());
    await host.close();
    await page.close();
  });

  test('storage full: the popup says what happened and what to do, changes nothing, and a reset removes nothing', async () => {
    const page = await freshSite();
    await visit(page, '/');
    const before = (await siteJar()).map((c) => `${c.name}=${c.value}`).sort();
    expect(before.length).toBe(4);
    const host = await extensionHost(browser);
    const worker = await browser.serviceWorker();
    const logged: string[] = [];
    const onConsole = (message: { text(): string }): void => {
      logged.push(message.text());
    };
    worker.on('console', onConsole);
    try {
      // Fill storage.local (10 MB without unlimitedStorage) to within a few bytes of its quota.
      const left = await host.evaluate(async () => {
        const quota = chrome.storage.local.QUOTA_BYTES;
        const used = await chrome.storage.local.getBytesInUse(null);
        // A key counts with its name and its value as JSON (the quotes included).
        await chrome.storage.local.set({ filler: 'x'.repeat(quota - used - 'filler'.length - 2 - 16) });
        return quota - (await chrome.storage.local.getBytesInUse(null));
      });
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left).toBeLessThan(64);

      const popup = await openPopupFor(browser, page);
      const full = 'The browser\'s storage for Cookie Lens is full; nothing was changed. Remove some site rules and try again.';
      await popup.getByRole('switch', { name: 'Do not track' }).click();
      await expect.poll(() => popup.locator('.controls .error').innerText(), { timeout: 5_000 }).toContain(full);
      expect(await popup.getByRole('switch', { name: 'Do not track' }).getAttribute('aria-checked')).toBe('false');
      expect((await siteJar()).map((c) => `${c.name}=${c.value}`).sort()).toEqual(before);

      // A reset that could not keep its undo snapshot must not remove anything.
      await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
      const url = page.url();
      await popup.getByRole('button', { name: 'Remove and reload' }).click();
      await expect.poll(() => popup.locator('.controls .error').count(), { timeout: 5_000 }).toBe(1);
      expect(await popup.locator('.controls .error').innerText()).toContain(full);
      expect((await siteJar()).map((c) => `${c.name}=${c.value}`).sort()).toEqual(before);
      expect(page.url()).toBe(url);
      expect(await storedRoot(host)).toBeNull();
      // The background logged each failure with what it was doing.
      expect(logged.filter((line) => line.includes('Cookie Lens: error while handling "setDoNotTrack"'))).toHaveLength(1);
      expect(logged.filter((line) => line.includes('Cookie Lens: error while handling "reset"'))).toHaveLength(1);

      // With room again, the same reset goes through and can be undone.
      await host.evaluate(() => chrome.storage.local.remove('filler'));
      const reloaded = page.waitForEvent('load');
      await popup.getByRole('button', { name: 'Remove and reload' }).click();
      await reloaded;
      await popup.getByRole('button', { name: 'Undo', exact: true }).waitFor();
      await popup.close();
    } finally {
      worker.off('console', onConsole);
      await host.evaluate(() => chrome.storage.local.clear());
      await host.close();
      await page.close();
    }
  });
});
