// Issue 6 end to end in Chromium: settings that survive. Stores in older or damaged shapes
// (the frozen fixtures in test/fixtures/storage/) are planted with storage.local from an
// extension page, as a browser profile would hold them; then the popup, the options page, the
// background's enforcement, a forced service-worker stop and a browser restart must keep every
// valid rule, show what was set aside, and never overwrite a store from a newer version.
import { describe, expect, test } from 'vitest';
import type { Cookie, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForTracker } from '../../harness/demo.ts';
import { extensionHost, openPopupFor, sendFromPage } from '../../harness/extension.ts';
import { REPO_ROOT } from '../../harness/paths.ts';
import { useChromium } from '../../harness/fixtures.ts';
import { ANALYTICS_COOKIES } from '../../src/core/hubspot-sets.ts';
import { STORAGE_KEY } from '../../src/storage/schema.ts';

// The extension APIs the test calls from an extension page (module-scoped; see chromium.ts).
declare const chrome: {
  readonly declarativeNetRequest: { getDynamicRules(): Promise<{ condition: { initiatorDomains?: string[] } }[]> };
  readonly storage: {
    readonly local: {
      get(keys: string | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      clear(): Promise<void>;
    };
  };
};

const fixture = (name: string): string => readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'storage', name), 'utf8');

const { browser, demo, visit } = useChromium({ closePagesAfterEach: true });


/** The stored root as the browser returns it, as JSON text (null when there is none). */
async function storedRoot(): Promise<string | null> {
  const host = await extensionHost(browser);
  try {
    return await host.evaluate(async (key) => {
      const items = await chrome.storage.local.get(key);
      return key in items ? JSON.stringify(items[key]) : null;
    }, STORAGE_KEY);
  } finally {
    await host.close();
  }
}

/**
 * Sites the background blocks tracking code on (its dynamic declarativeNetRequest rules), each
 * once: a site has a rule per group of hosts it blocks (docs/VENDORS.md).
 */
async function blockedSites(): Promise<string[]> {
  const host = await extensionHost(browser);
  try {
    return [...new Set(await host.evaluate(async () => (await chrome.declarativeNetRequest.getDynamicRules()).flatMap((rule) => rule.condition.initiatorDomains ?? [])))];
  } finally {
    await host.close();
  }
}

/**
 * Replaces everything in storage.local with `json` under Cookie Lens's key (or nothing), and
 * returns it as the browser then holds it (storage sorts an object's keys), read back at once.
 */
async function plantStore(json: string | null): Promise<string | null> {
  const host = await extensionHost(browser);
  // First a request the background answers: its worker has then started and issued its start-up
  // read of the store. A worker still starting could otherwise read the store planted here and
  // write it back migrated before it is read back below (seen right after the browser launched).
  await sendFromPage(host, { type: 'exportRules', payload: {} });
  await host.evaluate(async ([key, text]) => {
    await chrome.storage.local.clear();
    if (text !== null) await chrome.storage.local.set({ [key]: JSON.parse(text) });
  }, [STORAGE_KEY, json] as const);
  await host.close();
  return storedRoot();
}

/**
 * Plants `store` and waits until the background works from it: the background applies a storage
 * change asynchronously, so its worker is stopped and started again (it reads the store afresh)
 * and its blocking rules are awaited until they are `blocked` (the sites with a block rule).
 */
async function freshSite(store: string | null, blocked: readonly string[]): Promise<{ page: Page; planted: string | null }> {
  const planted = await plantStore(store);
  await browser.stopServiceWorker();
  await browser.serviceWorker();
  await expect.poll(blockedSites, { timeout: 10_000 }).toEqual(blocked);
  await browser.context.clearCookies();
  demo.clearBeacons();
  demo.clearRequests();
  return { page: await browser.context.newPage(), planted };
}

async function siteJar(): Promise<Cookie[]> {
  return (await browser.context.cookies()).filter((c) => c.domain.endsWith('hubdemo.test'));
}

const jarText = async (): Promise<string[]> => (await siteJar()).map((c) => `${c.name}=${c.value}|${c.domain}|${c.path}`).sort();

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

describe('a partly damaged store', () => {
  test('keeps every valid rule working, lists everything it set aside on the options page, and loses nothing across a worker stop and a restart', async () => {
    const fresh = await freshSite(fixture('v1-partly-corrupt.json'), ['hubdemo.test']);
    const page = fresh.page;
    // The fixture as the browser held it when planted: the set-aside list shows these texts.
    const planted: unknown = JSON.parse(fresh.planted ?? 'null');
    const rules = field(planted, 'rules');
    // By the version 1 format (src/storage/schema.ts): a rule is an object with a lower-case host
    // name as "site", stored under that site, "doNotTrack" true or false, "optOut" off, cookies or
    // block and "since" in milliseconds. Valid: example.com, and hubdemo.test without its extra
    // "note" field. Not valid: an unknown level, a rule under another site's key, upper case, a
    // number, the reserved key __proto__; the snapshot whose cookie has no name; the entry of the
    // old set-aside list that is not an entry; the unknown top-level field "theme".
    const invalid = [
      JSON.stringify(field(rules, 'maybe.example')),
      JSON.stringify(field(rules, 'wrong-key.example')),
      JSON.stringify(field(rules, 'Upper.Example')),
      JSON.stringify(field(rules, 'number.example')),
      JSON.stringify(field(rules, 'hubdemo.test')),
      JSON.stringify(field(field(planted, 'undo'), '0/example.com')),
      JSON.stringify('not an entry'),
      JSON.stringify('dark'),
      // Set aside by an earlier version, kept as it was.
      '7',
    ];
    expect(invalid.every((text) => text !== undefined && text.length > 0)).toBe(true);

    // The valid opt-out (with blocking) for hubdemo.test is enforced (freshSite saw its blocking
    // rule in place): the tracker is never fetched, do-not-track and the declined consent are
    // written, no analytics cookie, no beacon.
    await page.goto(demo.url('www.hubdemo.test', '/'));
    await page.waitForLoadState('load');
    await expect.poll(async () => (await siteJar()).filter((c) => c.name === '__hs_do_not_track').map((c) => c.value), { timeout: 10_000 }).toEqual(['yes']);
    expect((await siteJar()).filter((c) => c.name === '__hs_cookie_cat_pref').map((c) => c.value)).toEqual(['1:false,2:false,3:false']);
    expect((await siteJar()).filter((c) => ANALYTICS_COOKIES.has(c.name))).toEqual([]);
    expect(demo.requests().filter((r) => r.host === 'js.hs-analytics.net' || r.host === 'track.hubspot.com')).toEqual([]);
    expect(demo.beacons()).toEqual([]);

    const popup = await openPopupFor(browser, page);
    expect(await popup.locator('[data-state="settings"]').count()).toBe(0);
    expect(await popup.getByRole('switch', { name: 'Opt out' }).getAttribute('aria-checked')).toBe('true');
    expect(await popup.getByRole('checkbox', { name: /block HubSpot's tracking code/ }).isChecked()).toBe(true);
    await popup.close();

    const options = await browser.openPopupPage(0, 'options.html');
    await options.waitForSelector('[data-set-aside] li');
    expect(await options.locator('[data-rule]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-rule')))).toEqual(['example.com', 'hubdemo.test']);
    const listed = await options.locator('[data-set-aside] li').allInnerTexts();
    for (const raw of invalid) expect(listed.some((text) => text.includes(raw)), raw).toBe(true);
    await options.close();

    // Nothing lost, and never wiped: after the worker started on it (and moved the pieces aside
    // in storage), after another forced stop and after a browser restart, the store holds both
    // valid rules as they were and every invalid piece as text.
    const keepsEverything = async (when: string): Promise<void> => {
      const stored: unknown = JSON.parse((await storedRoot()) ?? 'null');
      // Migrated to version 3 (src/storage/migrate.ts); enforcement may since have kept the
      // site's earlier choice cookies with a rule (`earlier`), which is not compared here.
      expect(field(stored, 'version'), when).toBe(3);
      const storedRules = field(stored, 'rules');
      const withoutEarlier = typeof storedRules === 'object' && storedRules !== null
        ? Object.fromEntries(Object.entries(storedRules).map(([site, rule]: [string, unknown]) => [site, typeof rule === 'object' && rule !== null ? Object.fromEntries(Object.entries(rule).filter(([key]) => key !== 'earlier')) : rule]))
        : storedRules;
      expect(withoutEarlier, when).toEqual({
        'example.com': field(rules, 'example.com'),
        'hubdemo.test': { site: 'hubdemo.test', doNotTrack: false, optOut: 'block', since: 1735693200000 },
      });
      const aside = field(stored, 'setAside');
      const rawTexts = Array.isArray(aside) ? aside.map((entry: unknown) => field(entry, 'raw')) : [];
      for (const raw of invalid) expect(rawTexts, `${when}: ${raw}`).toContain(raw);
    };
    // The worker that started on the store writes it back with the invalid pieces moved aside.
    await expect.poll(async () => field(JSON.parse((await storedRoot()) ?? 'null'), 'theme'), { timeout: 5_000 }).toBeUndefined();
    await keepsEverything('after the worker started on it');
    await browser.stopServiceWorker();
    await browser.serviceWorker();
    await keepsEverything('after another forced stop');
    await browser.restart();
    await keepsEverything('after a browser restart');
    // And the rule still holds after the restart.
    await browser.context.clearCookies();
    const again = await browser.context.newPage();
    await again.goto(demo.url('www.hubdemo.test', '/pricing'));
    await expect.poll(async () => (await siteJar()).filter((c) => c.name === '__hs_do_not_track').map((c) => c.value), { timeout: 10_000 }).toEqual(['yes']);
    expect(demo.requests().filter((r) => r.host === 'js.hs-analytics.net' || r.host === 'track.hubspot.com')).toEqual([]);
    await again.close();
  });
});

describe('a store written by a newer version', () => {
  test('is shown as such, refuses every action with the newer-version message, and stays byte for byte as it was', async () => {
    const { page, planted } = await freshSite(fixture('v3-newer-version.json'), []);
    expect(planted).not.toBeNull();
    // The worker that started on it wrote nothing.
    expect(await storedRoot()).toBe(planted);
    expect(JSON.parse(planted ?? 'null')).toEqual(JSON.parse(fixture('v3-newer-version.json')));
    await visit(page, '/');
    const jarBefore = await jarText();
    expect(jarBefore.length).toBe(4);

    const popup = await openPopupFor(browser, page);
    const state = popup.locator('[data-state="settings"]');
    expect(await state.innerText()).toContain('Your settings could not be read');
    expect(await state.innerText()).toContain('newer-version');
    const newer = 'Your settings were written by a newer version of Cookie Lens; nothing was changed. Update Cookie Lens.';
    const error = popup.locator('.controls .error');
    const attempts: readonly { what: string; act: () => Promise<void> }[] = [
      { what: 'do not track', act: () => popup.getByRole('switch', { name: 'Do not track' }).click() },
      { what: 'opt out', act: () => popup.getByRole('switch', { name: 'Opt out' }).click() },
      {
        what: 'reset',
        act: async () => {
          await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
          await popup.getByRole('button', { name: 'Remove and reload' }).click();
        },
      },
    ];
    for (const { what, act } of attempts) {
      // Each attempt in a freshly loaded popup, so the message seen is this attempt's.
      await act();
      await expect.poll(() => error.count(), { timeout: 5_000 }).toBe(1);
      expect(await error.innerText(), what).toContain(newer);
      expect(await jarText(), what).toEqual(jarBefore);
      expect(await storedRoot(), what).toBe(planted);
      await popup.reload();
      await popup.waitForSelector('body[data-ready="1"]');
    }
    await popup.close();

    const options = await browser.openPopupPage(0, 'options.html');
    await options.waitForSelector('body[data-ready="1"]');
    expect(await options.getByRole('alert').first().innerText()).toContain('newer-version');
    await options.close();

    await browser.stopServiceWorker();
    await browser.serviceWorker();
    expect(await storedRoot()).toBe(planted);
    await browser.restart();
    expect(await storedRoot()).toBe(planted);
  });
});

describe('restarts', () => {
  test('a rule and a pending undo survive a forced service-worker stop and a browser restart; Undo works after each', async () => {
    const { page } = await freshSite(null, []);
    await visit(page, '/');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Do not track' }).click();
    await expect.poll(() => popup.getByRole('switch', { name: 'Do not track' }).getAttribute('aria-checked'), { timeout: 5_000 }).toBe('true');
    await popup.close();

    async function resetNow(on: Page): Promise<string[]> {
      const identity = (await siteJar()).filter((c) => ANALYTICS_COOKIES.has(c.name)).map((c) => `${c.name}=${c.value}`).sort();
      expect(identity.length).toBe(4);
      const resetPopup = await openPopupFor(browser, on);
      await resetPopup.getByRole('button', { name: /Reset to a new visitor/ }).click();
      const reloaded = on.waitForEvent('load');
      await resetPopup.getByRole('button', { name: 'Remove and reload' }).click();
      await reloaded;
      await waitForTracker(on);
      await resetPopup.close();
      return identity;
    }
    /** The site drops the do-not-track cookie; the background alone must put it back. */
    async function ruleHolds(on: Page): Promise<void> {
      await on.evaluate(() => {
        for (const scope of ['; domain=.hubdemo.test', '']) document.cookie = `__hs_do_not_track=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT${scope}`;
      });
      await expect.poll(async () => (await siteJar()).filter((c) => c.name === '__hs_do_not_track').map((c) => c.value), { timeout: 10_000 }).toEqual(['yes']);
    }
    async function undoRestores(on: Page, identity: readonly string[]): Promise<void> {
      const undoPopup = await openPopupFor(browser, on);
      expect(await undoPopup.locator('.controls').innerText()).toContain('Undo brings back the 4 cookies');
      await undoPopup.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(() => undoPopup.locator('[data-last-action]').innerText(), { timeout: 5_000 }).toBe('Undo done: 4 cookies restored.');
      expect((await siteJar()).filter((c) => ANALYTICS_COOKIES.has(c.name)).map((c) => `${c.name}=${c.value}`).sort()).toEqual(identity);
      await undoPopup.close();
    }

    const first = await resetNow(page);
    await browser.stopServiceWorker();
    // Woken by the cookie change alone: nothing of the extension is open.
    await ruleHolds(page);
    await undoRestores(page, first);

    const second = await resetNow(page);
    await browser.restart();
    const next = await browser.context.newPage();
    await next.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    await ruleHolds(next);
    await undoRestores(next, second);
    await next.close();
  });
});

describe('links stripped of HubSpot\'s identity', () => {
  test('the options page lists each site with the choice, notes an opted-out one, and removing the choice stops the stripping', async () => {
    const since = Date.UTC(2026, 0, 15);
    // A version 2 store (src/storage/schema.ts) with the choice on two sites; example.com is opted out as well.
    const store = {
      version: 2,
      rules: { 'example.com': { site: 'example.com', doNotTrack: false, optOut: 'cookies', since } },
      undo: {},
      stripLinks: { 'hubdemo.test': { site: 'hubdemo.test', since }, 'example.com': { site: 'example.com', since } },
      setAside: [],
    };
    // example.com's opt-out has network rules scoped to requests from it; the redirects are not.
    const { page } = await freshSite(JSON.stringify(store), ['example.com']);
    const linked = '/?_hsenc=p2ANqtz-demo&_hsmi=42&keep=me';
    const paramsAfterVisit = async (): Promise<string[]> => {
      await visit(page, linked);
      return [...new URL(page.url()).searchParams.keys()];
    };
    // The background's redirect follows the planted choice.
    await expect.poll(paramsAfterVisit, { timeout: 10_000 }).toEqual(['keep']);

    const options = await browser.openPopupPage(0, 'options.html');
    await options.waitForSelector('body[data-ready="1"]');
    const rows = options.locator('[data-strip-site]');
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-strip-site')))).toEqual(['example.com', 'hubdemo.test']);
    expect(await options.locator('[data-strip-site="example.com"]').innerText()).toContain('Opted out too');
    expect(await options.locator('[data-strip-site="hubdemo.test"]').innerText()).not.toContain('Opted out too');

    await options.getByRole('button', { name: 'Stop stripping links to hubdemo.test' }).click();
    await options.waitForFunction(() => document.querySelectorAll('[data-strip-site="hubdemo.test"]').length === 0);
    expect(await options.locator('[data-message="ok"]').innerText()).toContain('Links to hubdemo.test are no longer changed');
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-strip-site')))).toEqual(['example.com']);
    await options.close();

    // Stored without the choice, and links to the site arrive as they were sent.
    expect(field(field(JSON.parse((await storedRoot()) ?? 'null'), 'stripLinks'), 'hubdemo.test')).toBeUndefined();
    await expect.poll(paramsAfterVisit, { timeout: 10_000 }).toEqual(['_hsenc', '_hsmi', 'keep']);
  });
});
