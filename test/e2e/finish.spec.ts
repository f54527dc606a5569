// Issue 8, the finish, end to end in Chromium: the toolbar badge (tracking cookies counted, hidden
// at zero, ✓ while an opt-out holds and ! when it does not), the timeline picture, the JSON and
// CSV exports, copying one cookie's decoded fields, and the organisation's managed policy given
// to Chromium the way an administrator does (a policy file in /etc/chromium/policies/managed).
// Expected values come from the cookie jar (what the stand-in tracker wrote, read with HubSpot's
// documented __hstc / __hssc layout) and from the policy file this spec writes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accessSync, constants, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, unpackedExtensionId, type ChromiumHarness } from '../../harness/chromium.ts';
import { CHROME_BUILD, expandCookie, onlyCookie, openPopupFor, sendFromPage, siteCookies, splitHstc } from '../../harness/extension.ts';
import { freshTmpDir } from '../../harness/paths.ts';
import { runAxe } from '../../harness/axe.ts';
import { parseCsv } from '../../harness/csv.ts';
import { useChromium } from '../../harness/fixtures.ts';
import { ANALYTICS_COOKIES } from '../../src/core/hubspot-sets.ts';

// The extension APIs this spec calls inside the service worker.
declare const chrome: {
  readonly action: {
    getBadgeText(details: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(details: { tabId: number }): Promise<[number, number, number, number]>;
    getTitle(details: { tabId: number }): Promise<string>;
  };
  readonly storage: { readonly managed: { get(keys: null): Promise<Record<string, unknown>> } };
};


const { browser, demo, visit, freshSite } = useChromium();


interface Badge { readonly text: string; readonly colour: readonly number[]; readonly title: string }

async function badgeOf(harness: ChromiumHarness, tabId: number): Promise<Badge> {
  const worker = await harness.serviceWorker();
  return worker.evaluate(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    colour: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
    title: await chrome.action.getTitle({ tabId: id }),
  }), tabId);
}

async function announced(popup: Page): Promise<string> {
  return (await popup.locator('[data-announcer]').textContent())?.trim() ?? '';
}

describe('the toolbar badge', () => {
  test('counts the tracking cookies, hides at zero, shows ✓ while an opt-out holds and ! once the site sends a tracking request anyway', async () => {
    const page = await freshSite();
    await visit(page, '/');
    const tabId = await browser.tabIdOf(page);
    const tracking = (await browser.context.cookies()).filter((c) => ANALYTICS_COOKIES.has(c.name) && c.domain.endsWith('hubdemo.test'));
    expect(tracking.length).toBe(4);
    await expect.poll(async () => (await badgeOf(browser, tabId)).text, { timeout: 10_000 }).toBe(String(tracking.length));
    const counting = await badgeOf(browser, tabId);
    expect(counting.title).toBe(`${tracking.length} tracking cookies on hubdemo.test (Cookie Lens)`);

    // No cookies at all: no number on the button.
    await browser.context.clearCookies();
    await visit(page, '/pricing?tracker=0');
    await expect.poll(async () => (await badgeOf(browser, tabId)).text, { timeout: 10_000 }).toBe('');
    expect((await badgeOf(browser, tabId)).title).toBe('Cookie Lens');

    await visit(page, '/');
    await expect.poll(async () => (await badgeOf(browser, tabId)).text, { timeout: 10_000 }).toBe('4');
    const popup = await openPopupFor(browser, page);
    await popup.getByRole('switch', { name: 'Opt out' }).click();
    await popup.waitForSelector('[data-verification="holding"]');
    await expect.poll(async () => (await badgeOf(browser, tabId)).text, { timeout: 10_000 }).toBe('✓');
    const holding = await badgeOf(browser, tabId);
    expect(holding.colour).not.toEqual(counting.colour);
    expect(holding.title).toBe('Your opt-out is holding on hubdemo.test (Cookie Lens)');
    // The next page load keeps it: the tracker sends nothing, and the visitor id it writes again
    // on every page of a site without a consent policy is gone within a second (docs/CONTROLS.md).
    await visit(page, '/pricing');
    await expect.poll(async () => (await browser.context.cookies()).filter((c) => ANALYTICS_COOKIES.has(c.name)).map((c) => c.name), { timeout: 1_000, interval: 50 }).toEqual([]);
    await expect.poll(async () => (await badgeOf(browser, tabId)).text, { timeout: 2_000 }).toBe('✓');

    // A script of the site sends a page view to HubSpot itself: the choice no longer holds.
    const since = Date.now();
    await page.evaluate((url) => { new Image().src = url; }, demo.url('track.hubspot.com', `/__ptq.gif?a=4815162&k=1&cts=${since}`));
    await demo.waitForBeacons(1, { sentSince: since });
    await expect.poll(() => popup.locator('[data-verification]').getAttribute('data-verification'), { timeout: 10_000 }).toBe('leaking');
    await visit(page, '/?tracker=0');
    await expect.poll(async () => (await badgeOf(browser, tabId)).text, { timeout: 10_000 }).toBe('!');
    const leaking = await badgeOf(browser, tabId);
    expect(leaking.colour).not.toEqual(holding.colour);
    expect(leaking.title).toBe('Your opt-out is not holding on hubdemo.test: open Cookie Lens to see why');
    await popup.close();
    await page.close();
  });
});

/** WCAG contrast ratio of two `rgb(...)`/`rgba(...)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string): number => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((n) => {
      const c = Number(n) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe('the timeline', () => {
  test('draws the first visit, the previous and this session in order, labelled, described, and readable in both themes', async () => {
    const page = await freshSite();
    await visit(page, '/');
    // Two new sessions, as HubSpot starts them: the 30-minute __hssc is gone.
    await browser.context.clearCookies({ name: '__hssc' });
    await visit(page, '/');
    await browser.context.clearCookies({ name: '__hssc' });
    await visit(page, '/');
    await visit(page, '/pricing');
    const hstc = splitHstc((await onlyCookie(browser.context, '__hstc')).value);
    const pages = Number((await onlyCookie(browser.context, '__hssc')).value.split('.')[1]);
    expect(hstc.session).toBe(3);
    expect(pages).toBe(2);
    expect(hstc.first).toBeLessThan(hstc.previous);
    expect(hstc.previous).toBeLessThan(hstc.current);

    const popup = await openPopupFor(browser, page);
    const svg = popup.locator('[data-timeline] svg');
    expect(await svg.getAttribute('role')).toBe('img');
    const points = await popup.locator('[data-timeline] [data-point]').evaluateAll((groups) => groups.map((g) => ({
      key: g.getAttribute('data-point'),
      ms: Number(g.getAttribute('data-ms')),
      cx: Number(g.querySelector('circle')?.getAttribute('cx')),
      label: g.querySelector('text')?.textContent ?? '',
    })));
    expect(points.map((p) => [p.key, p.ms, p.label])).toEqual([
      ['first', hstc.first, 'first visit'],
      ['previous', hstc.previous, 'previous visit'],
      ['current', hstc.current, 'this session'],
    ]);
    expect(points[0]?.cx).toBeLessThan(points[1]?.cx ?? 0);
    expect(points[1]?.cx).toBeLessThan(points[2]?.cx ?? 0);
    // One mark per page view of this session.
    expect(await popup.locator('[data-timeline] svg rect').count()).toBe(pages);
    // The points of three sessions minutes apart sit together; their labels must not overlap.
    const boxes = await popup.locator('[data-timeline] text').evaluateAll((texts) => texts.map((t) => {
      const box = t.getBoundingClientRect();
      return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
    }));
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, JSON.stringify([a, b])).toBe(true);
    }
    const svgBox = await svg.boundingBox();
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(svgBox?.x ?? Infinity);
      expect(box.right).toBeLessThanOrEqual((svgBox?.x ?? 0) + (svgBox?.width ?? 0) + 0.5);
    }
    // Its accessible name lists the points; the caption sums the history up.
    const name = (await svg.getAttribute('aria-label')) ?? '';
    expect(name).toMatch(/^first visit: .+, previous visit: .+, this session: .+$/);
    expect(name).toContain(String(new Date(hstc.current).getFullYear()));
    expect(await popup.locator('[data-timeline] figcaption').innerText()).toMatch(/^First visit .+ · sessions in all: 3 · pages this session: 2$/);

    const colours: Record<string, { text: string; background: string }> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      colours[scheme] = await popup.evaluate(() => {
        const text = document.querySelector('[data-timeline] text');
        const card = document.querySelector('[data-summary]');
        return { text: text === null ? '' : getComputedStyle(text).fill, background: card === null ? '' : getComputedStyle(card).backgroundColor };
      });
      expect(contrast(colours[scheme]?.text ?? '', colours[scheme]?.background ?? ''), `${scheme}: ${JSON.stringify(colours[scheme])}`).toBeGreaterThanOrEqual(4.5);
    }
    // currentColor: the labels follow the theme.
    expect(colours['light']?.text).not.toBe(colours['dark']?.text);
    await popup.close();
    await page.close();
  });
});

async function download(popup: Page, button: string): Promise<string> {
  const pending = popup.waitForEvent('download');
  await popup.getByRole('button', { name: button, exact: true }).click();
  const file = join(freshTmpDir('export-'), 'export');
  const done = await pending;
  await done.saveAs(file);
  const text = readFileSync(file, 'utf8');
  expect(done.suggestedFilename()).toMatch(/^cookie-lens-hubdemo\.test-\d{4}-\d{2}-\d{2}\.(json|csv)$/);
  return text;
}

describe('export and copy', () => {
  test('the JSON and CSV exports hold what the tracker wrote, decoded', async () => {
    const page = await freshSite();
    await visit(page, '/');
    await browser.context.clearCookies({ name: '__hssc' });
    await visit(page, '/');
    await visit(page, '/blog/');
    // A value a spreadsheet would run as a formula: the CSV must defuse it.
    await browser.context.addCookies([{ name: 'sheet_trap', value: '=HYPERLINK("https://evil.test")', url: demo.url('www.hubdemo.test', '/') }]);
    const hstcCookie = await onlyCookie(browser.context, '__hstc');
    const hstc = splitHstc(hstcCookie.value);
    const hssc = (await onlyCookie(browser.context, '__hssc')).value.split('.');
    const utk = (await onlyCookie(browser.context, 'hubspotutk')).value;
    const popup = await openPopupFor(browser, page);

    const json: unknown = JSON.parse(await download(popup, 'Export JSON'));
    expect(json).toMatchObject({
      format: 'cookie-lens-site-report',
      version: 1,
      site: 'hubdemo.test',
      host: 'www.hubdemo.test',
      summary: {
        visitorId: utk,
        firstVisit: new Date(hstc.first).toISOString(),
        previousVisit: new Date(hstc.previous).toISOString(),
        currentVisit: new Date(hstc.current).toISOString(),
        sessionCount: hstc.session,
        pageViews: Number(hssc[1]),
        doNotTrack: 'off',
      },
    });
    const cookies: unknown = typeof json === 'object' && json !== null ? Reflect.get(json, 'cookies') : undefined;
    expect(Array.isArray(cookies)).toBe(true);
    const byName = new Map((Array.isArray(cookies) ? cookies : []).map((c: unknown) => [typeof c === 'object' && c !== null ? String(Reflect.get(c, 'name')) : '', c]));
    expect(byName.get('__hstc')).toMatchObject({
      vendor: 'hubspot',
      category: 'analytics',
      recognised: true,
      domain: hstcCookie.domain,
      path: '/',
      value: hstcCookie.value,
      problems: [],
      fields: {
        domainHash: String(hstc.hash),
        domainHashMatches: '.hubdemo.test',
        visitorId: hstc.visitorId,
        firstVisit: new Date(hstc.first).toISOString(),
        previousVisit: new Date(hstc.previous).toISOString(),
        currentVisit: new Date(hstc.current).toISOString(),
        sessionCount: hstc.session,
      },
    });
    expect(byName.get('__hssc')).toMatchObject({ fields: { domainHash: hssc[0], pageViews: Number(hssc[1]), sessionStart: new Date(Number(hssc[2])).toISOString() } });
    expect(byName.get('hubspotutk')).toMatchObject({ fields: { visitorId: utk } });

    const rows = parseCsv(await download(popup, 'Export CSV'));
    const header = rows[0] ?? [];
    const column = (name: string): number => header.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(['name', 'vendor', 'category', 'domain', 'path', 'expires', 'fields', 'value']));
    const hstcRow = rows.find((r) => r[column('name')] === '__hstc') ?? [];
    expect(hstcRow[column('value')]).toBe(hstcCookie.value);
    expect(hstcRow[column('vendor')]).toBe('hubspot');
    expect(hstcRow[column('domain')]).toBe(hstcCookie.domain);
    expect(hstcRow[column('expires')]).toBe(new Date(Math.round(hstcCookie.expires) * 1000).toISOString());
    const fields = (hstcRow[column('fields')] ?? '').split('; ');
    expect(fields).toEqual(expect.arrayContaining([
      `visitorId=${hstc.visitorId}`, `firstVisit=${new Date(hstc.first).toISOString()}`, `currentVisit=${new Date(hstc.current).toISOString()}`, `sessionCount=${hstc.session}`,
    ]));
    const trap = rows.find((r) => r[column('name')] === 'sheet_trap') ?? [];
    expect(trap[column('value')]).toBe('\'=HYPERLINK("https://evil.test")');
    // Every row of the site is there: the cookie jar's names, once per cookie.
    const jar = (await browser.context.cookies()).filter((c) => c.domain.endsWith('hubdemo.test'));
    expect(rows.slice(1).map((r) => r[column('name')]).sort()).toEqual(jar.map((c) => c.name).sort());
    await popup.close();
    await page.close();
  });

  test('"Copy decoded fields" puts the cookie\'s decoded fields on the clipboard as JSON and says so', async () => {
    const page = await freshSite();
    await visit(page, '/');
    await visit(page, '/pricing');
    const hstc = splitHstc((await onlyCookie(browser.context, '__hstc')).value);
    // Chromium treats chrome-extension:// origins as opaque for permission grants, so the grant
    // goes to every origin of this test profile; the popup reads the clipboard back itself.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const popup = await openPopupFor(browser, page);
    const details = await expandCookie(popup, '__hstc');
    await details.getByRole('button', { name: 'Copy decoded fields of __hstc', exact: true }).click();
    await expect.poll(() => announced(popup), { timeout: 5_000 }).toBe('Copied the decoded fields of __hstc.');
    expect(await details.locator('[data-copied]').getAttribute('data-copied')).toBe('done');
    const copied: unknown = JSON.parse(await popup.evaluate(() => navigator.clipboard.readText()));
    expect(copied).toEqual({
      name: '__hstc',
      vendor: 'hubspot',
      category: 'analytics',
      recognised: true,
      fields: {
        domainHash: String(hstc.hash),
        domainHashMatches: '.hubdemo.test',
        visitorId: hstc.visitorId,
        firstVisit: new Date(hstc.first).toISOString(),
        previousVisit: new Date(hstc.previous).toISOString(),
        currentVisit: new Date(hstc.current).toISOString(),
        sessionCount: hstc.session,
      },
      problems: [],
    });
    // Another row copies its own cookie.
    const hssc = (await onlyCookie(browser.context, '__hssc')).value.split('.');
    const sessionRow = await expandCookie(popup, '__hssc');
    await sessionRow.getByRole('button', { name: 'Copy decoded fields of __hssc', exact: true }).click();
    await expect.poll(() => announced(popup), { timeout: 5_000 }).toBe('Copied the decoded fields of __hssc.');
    const second: unknown = JSON.parse(await popup.evaluate(() => navigator.clipboard.readText()));
    expect(second).toMatchObject({ name: '__hssc', fields: { pageViews: Number(hssc[1]), sessionStart: new Date(Number(hssc[2])).toISOString() } });
    await popup.close();
    await page.close();
  });
});

// ---- the organisation's policy ---------------------------------------------------------------

const POLICY_ROOT = '/etc/chromium/policies';
const POLICY_DIR = join(POLICY_ROOT, 'managed');

/**
 * Why the policy file cannot be written here (Chromium reads policies only from this system
 * directory, which needs root), or null when it can: the nearest existing ancestor of the
 * directory must be writable.
 */
function policyDirProblem(): string | null {
  let dir = POLICY_DIR;
  while (!existsSync(dir)) dir = dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
    return null;
  } catch (error) {
    const user = typeof process.getuid === 'function' ? `user id ${process.getuid()}` : 'this user';
    return `${dir} is not writable for ${user} (${error instanceof Error ? error.message : String(error)}); run the end-to-end tests as root to include it`;
  }
}
const POLICY_PROBLEM = policyDirProblem();
if (POLICY_PROBLEM !== null) console.log(`[skipped] managed policy end to end: ${POLICY_PROBLEM}`);

describe.skipIf(POLICY_PROBLEM !== null)('managed policy (Chromium reads /etc/chromium/policies/managed)', () => {
  let managedBrowser: ChromiumHarness | undefined;
  let extensionCopy = '';
  let policyFile = '';
  const created: string[] = [];
  /** Set when the policy could not be written after all (a read-only file system, say). */
  let writeProblem: string | null = null;

  /** Never leaves the policy behind: it would manage this copy's id for every later launch. Idempotent. */
  function removePolicy(): void {
    if (policyFile !== '') rmSync(policyFile, { force: true });
    for (const dir of created) if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
    created.length = 0;
  }
  // Also when the run is cut short between writing and afterAll (an interrupted run still exits).
  const removeOnExit = (): void => removePolicy();

  beforeAll(async () => {
    process.once('exit', removeOnExit);
    // A copy of the build, so the policy names an extension id no other test in this checkout
    // uses: other specs running at the same time stay unmanaged.
    extensionCopy = join(freshTmpDir('managed-ext-'), 'chrome');
    cpSync(CHROME_BUILD, extensionCopy, { recursive: true });
    const id = unpackedExtensionId(extensionCopy);
    try {
      for (const dir of [POLICY_ROOT, POLICY_DIR]) {
        if (!existsSync(dir)) {
          mkdirSync(dir);
          created.unshift(dir);
        }
      }
      policyFile = join(POLICY_DIR, `cookie-lens-e2e-${id}.json`);
      writeFileSync(policyFile, JSON.stringify({
        '3rdparty': { extensions: { [id]: { optOutSites: ['hubdemo.test'], defaultOptOutLevel: 'cookies', lockResetScope: true, cleanUpSites: ['hubdemo.test'] } } },
      }));
    } catch (error) {
      removePolicy();
      writeProblem = `the policy file could not be written under ${POLICY_DIR}: ${error instanceof Error ? error.message : String(error)}`;
      console.log(`[skipped] managed policy end to end: ${writeProblem}`);
      return;
    }
    try {
      managedBrowser = await launchChromium({ extensionDirs: [extensionCopy] });
    } catch (error) {
      removePolicy();
      throw error;
    }
  });

  afterAll(async () => {
    try {
      await managedBrowser?.close();
    } finally {
      removePolicy();
      process.off('exit', removeOnExit);
      if (extensionCopy !== '') rmSync(join(extensionCopy, '..'), { recursive: true, force: true });
    }
  });

  test('the managed site is enforced, shown as set by the organisation, cannot be removed, and the reset keeps to the visitor identity', async (context) => {
    if (writeProblem !== null) context.skip(writeProblem);
    if (managedBrowser === undefined) throw new Error('the managed browser did not start');
    const harness = managedBrowser;
    const worker = await harness.serviceWorker();
    await expect.poll(() => worker.evaluate(() => chrome.storage.managed.get(null)), { timeout: 10_000 })
      .toEqual({ optOutSites: ['hubdemo.test'], defaultOptOutLevel: 'cookies', lockResetScope: true, cleanUpSites: ['hubdemo.test'] });

    // Enforced on the first visit, without the popup: no analytics cookies, every category
    // declined, do-not-track set, and the tracker sends nothing.
    demo.clearBeacons();
    const page = await harness.context.newPage();
    await demo.setPreset(page, 'login');
    await visit(page, '/');
    await visit(page, '/pricing');
    await expect.poll(async () => (await siteCookies(harness.context, '__hs_do_not_track')).map((c) => c.value), { timeout: 10_000 }).toEqual(['yes']);
    expect((await onlyCookie(harness.context, '__hs_cookie_cat_pref')).value).toBe('1:false,2:false,3:false');
    expect((await harness.context.cookies()).filter((c) => ANALYTICS_COOKIES.has(c.name))).toEqual([]);
    expect(demo.beacons().filter((b) => b.query['k'] === '1')).toEqual([]);
    await expect.poll(async () => (await badgeOf(harness, await harness.tabIdOf(page))).text, { timeout: 10_000 }).toBe('✓');

    // The popup: the organisation's rule, not changeable, and a reset limited to the identity.
    const popup = await openPopupFor(harness, page);
    expect(await popup.locator('.managed-note').innerText()).toBe('Your organisation has set the choices for this site; they cannot be changed here.');
    const optOut = popup.getByRole('switch', { name: 'Opt out', exact: true });
    expect(await optOut.getAttribute('aria-checked')).toBe('true');
    expect(await optOut.isDisabled()).toBe(true);
    expect(await popup.getByRole('switch', { name: 'Do not track', exact: true }).isDisabled()).toBe(true);
    // Consent and login cookies are there, so without the lock the panel would offer them.
    expect((await harness.context.cookies()).map((c) => c.name)).toEqual(expect.arrayContaining(['__hs_cookie_cat_pref', '__hsmem', 'cart_id']));
    await popup.getByRole('button', { name: /Reset to a new visitor/ }).click();
    const panel = popup.locator('#reset-panel');
    await panel.waitFor();
    expect(await panel.innerText()).toContain('Your organisation limits a reset to the visitor-identity cookies.');
    expect(await panel.getByRole('checkbox').count()).toBe(0);
    expect(await panel.locator('details').count()).toBe(0);
    // Clean-up on close, preset by the organisation: on, and not changeable here.
    const cleanUp = popup.getByRole('checkbox', { name: 'Clean up when I close its last tab' });
    await cleanUp.waitFor();
    expect(await cleanUp.isChecked()).toBe(true);
    expect(await cleanUp.isDisabled()).toBe(true);
    expect(await popup.locator('#cleanup-help').innerText()).toContain('Your organisation has set this site to be cleaned up');
    await popup.close();

    // The options page: marked as the organisation's, no Remove button, its controls locked.
    const options = await harness.openPopupPage(0, 'options.html');
    await options.waitForSelector('[data-rule="hubdemo.test"][data-managed]');
    const row = options.locator('[data-rule="hubdemo.test"]');
    expect(await row.innerText()).toContain('(set by your organisation)');
    expect(await options.getByRole('button', { name: 'Remove the choice for hubdemo.test' }).count()).toBe(0);
    expect(await options.getByRole('checkbox', { name: 'Do not track on hubdemo.test' }).isDisabled()).toBe(true);
    expect(await options.getByRole('combobox', { name: 'Opt-out level on hubdemo.test' }).isDisabled()).toBe(true);
    // Asked directly, the background refuses to change it, and the rule stays.
    const refused = await sendFromPage(options, { type: 'updateRule', payload: { site: 'hubdemo.test', doNotTrack: false, optOut: 'off' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'managed-rule' } });
    await sendFromPage(options, { type: 'removeRule', payload: { site: 'hubdemo.test' } });
    expect(await sendFromPage(options, { type: 'removeCleanUp', payload: { site: 'hubdemo.test' } }))
      .toMatchObject({ ok: false, error: { code: 'managed-rule' } });
    await options.reload();
    await options.waitForSelector('[data-rule="hubdemo.test"][data-managed]');
    await options.waitForSelector('[data-cleanup-site="hubdemo.test"][data-managed]');
    expect(await options.getByRole('button', { name: 'Stop cleaning up hubdemo.test' }).count()).toBe(0);
    expect(await options.locator('[data-rule="hubdemo.test"] select').inputValue()).toBe('cookies');
    // The managed row passes axe too.
    expect((await runAxe(options)).violations.map((v) => v.id)).toEqual([]);
    await options.close();
    await page.close();
  });
});
