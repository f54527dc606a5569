// One fixture per browser for the end-to-end specs. A spec calls one of these once, at the top:
// it registers the start (the demo site, then the browser with Cookie Lens) in `beforeAll` and the
// shutdown in `afterAll`, and returns what the spec drives: the browser, the demo site and the
// steps every spec needs (visit a page, start from a clean site, open the popup).
//
//   const { browser, demo, visit, freshSite } = useChromium();
//
// The browser and the demo site exist only once `beforeAll` has run, but a spec names them at
// module level; so `browser`, `demo` (and Firefox's `popup`) are handles that pass every use on to
// the started object, and say so plainly when used before the start or after the shutdown.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { launchChromium, launchChromiumWithoutExtension } from './chromium.ts';
import type { ChromiumHarness, LaunchChromiumOptions, PlainChromium } from './chromium.ts';
import { parseTrackerSnapshot, startDemo, waitForTracker } from './demo.ts';
import type { DemoHandle, TrackerSnapshot } from './demo.ts';
import { CHROME_BUILD, FIREFOX_BUILD, extensionHost, firefoxGeckoId, openPopupFor } from './extension.ts';
import { launchFirefox, poll, pollInPage } from './firefox.ts';
import type { FirefoxHarness, LaunchFirefoxOptions } from './firefox.ts';

/**
 * An object that stands for whatever `resolve()` returns at the moment of each use: every property
 * read is answered by it, and its methods run with it as `this`.
 */
function forwardTo<T extends object>(resolve: () => T): T {
  // The target is never read: every trap answers from the resolved object.
  return new Proxy(Object.create(null) as T, {
    get(_target, key) {
      const target = resolve();
      const member: unknown = Reflect.get(target, key, target);
      return typeof member === 'function' ? (...args: unknown[]) => Reflect.apply(member, target, args) : member;
    },
    has: (_target, key) => Reflect.has(resolve(), key),
  });
}

interface Started<T extends object> {
  /** Stands for the started object (see the comment at the top). */
  readonly handle: T;
  /** The started object; throws before the start and after the shutdown. */
  get(): T;
  set(value: T | undefined): void;
  /** The started object, or undefined when there is none (for the shutdown). */
  current(): T | undefined;
}

/** A handle for an object that a `beforeAll` creates later. */
function startedLater<T extends object>(what: string): Started<T> {
  let value: T | undefined;
  const get = (): T => {
    if (value === undefined) throw new Error(`${what} is not running: use it inside a test or a hook, after the fixture's beforeAll`);
    return value;
  };
  return { handle: forwardTo(get), get, set: (next) => { value = next; }, current: () => value };
}

/** `where` is a path on `host` (default: the demo site's main host) or a whole address. */
function addressOf(demo: DemoHandle, where: string, host: string | undefined): string {
  return /^https?:\/\//.test(where) ? where : demo.url(host, where);
}

/** False for the demo pages that run without the stand-in tracker (`?tracker=0`). */
function runsTracker(address: string): boolean {
  return new URL(address).searchParams.get('tracker') !== '0';
}

/** Starts the demo site in `beforeAll` and stops it in `afterAll` (registered first, stopped last). */
function useDemoSite(): Started<DemoHandle> {
  const demo = startedLater<DemoHandle>('the demo site');
  beforeAll(async () => {
    demo.set(await startDemo());
  });
  afterAll(async () => {
    await demo.current()?.close();
    demo.set(undefined);
  });
  return demo;
}

// ---- Chromium with Cookie Lens ------------------------------------------------------------------

export interface ChromiumFixture {
  readonly browser: ChromiumHarness;
  readonly demo: DemoHandle;
  /** Loads a path on `host` (default the demo site) or a whole address, and waits for the stand-in tracker unless the page runs without it. */
  visit(page: Page, where: string, host?: string): Promise<void>;
  /** Removes every choice the visitor made (rules, link stripping, clean-up), on the options page; the organisation's stay. */
  removeAllChoices(): Promise<void>;
  /** No choices the visitor made, no cookies, no logged beacons or requests; returns a new tab. */
  freshSite(): Promise<Page>;
  /** Opens the popup as a tab for `page`'s tab and waits for its first complete render. */
  openPopup(page: Page): Promise<Page>;
  /** An extension page without app code of its own, to call extension APIs from (close it when done). */
  extensionHost(): Promise<Page>;
}

export interface UseChromiumOptions extends Omit<LaunchChromiumOptions, 'extensionDirs'> {
  /** Close every tab after each test, so a test that fails half-way leaves no page writing cookies. */
  readonly closePagesAfterEach?: boolean;
}

/** Chromium with the built extension (dist/chrome) and the demo site, for one spec file. */
export function useChromium(options: UseChromiumOptions = {}): ChromiumFixture {
  const { closePagesAfterEach = false, ...launchOptions } = options;
  const demo = useDemoSite();
  const browser = startedLater<ChromiumHarness>('Chromium');
  beforeAll(async () => {
    browser.set(await launchChromium({ ...launchOptions, extensionDirs: [CHROME_BUILD] }));
  });
  afterAll(async () => {
    await browser.current()?.close();
    browser.set(undefined);
  });
  if (closePagesAfterEach) {
    afterEach(async () => {
      for (const page of browser.get().context.pages()) await page.close();
    });
  }

  const visit = async (page: Page, where: string, host?: string): Promise<void> => {
    const address = addressOf(demo.get(), where, host);
    await page.goto(address);
    if (runsTracker(address)) await waitForTracker(page);
  };

  const removeAllChoices = async (): Promise<void> => {
    const options = await browser.get().openPopupPage(0, 'options.html');
    await options.waitForSelector('body[data-ready="1"]');
    // Each list's remove buttons, and the rows that go with them (the organisation's stay).
    const lists: readonly [RegExp, string][] = [
      [/^Remove the choice for/, '[data-rule]:not([data-managed])'],
      [/^Stop stripping links to/, '[data-strip-site]'],
      [/^Stop cleaning up/, '[data-cleanup-site]:not([data-managed])'],
    ];
    for (const [name, rows] of lists) {
      const removes = options.getByRole('button', { name });
      for (let left = await removes.count(); left > 0; left -= 1) {
        await removes.first().click();
        await options.waitForFunction(([selector, count]) => document.querySelectorAll(selector).length === count, [rows, left - 1] as const);
      }
    }
    await options.close();
  };

  return {
    browser: browser.handle,
    demo: demo.handle,
    visit,
    removeAllChoices,
    async freshSite() {
      await removeAllChoices();
      await browser.get().context.clearCookies();
      demo.get().clearBeacons();
      demo.get().clearRequests();
      return browser.get().context.newPage();
    },
    openPopup: (page) => openPopupFor(browser.get(), page),
    extensionHost: () => extensionHost(browser.get()),
  };
}

// ---- Chromium without an extension (the demo site's own specs) ----------------------------------

export interface PlainChromiumFixture {
  readonly browser: PlainChromium;
  /** The browser's current context (a restart replaces it). */
  readonly context: BrowserContext;
  readonly demo: DemoHandle;
  /** Closes every tab but one, shows about:blank in it, clears the cookies and the demo site's logs; returns the tab. */
  blankTab(): Promise<Page>;
}

/** Chromium with the demo hosts mapped and no extension, and the demo site, for one spec file. */
export function useChromiumWithoutExtension(): PlainChromiumFixture {
  const demo = useDemoSite();
  const browser = startedLater<PlainChromium>('Chromium');
  beforeAll(async () => {
    browser.set(await launchChromiumWithoutExtension());
  });
  afterAll(async () => {
    await browser.current()?.close();
    browser.set(undefined);
  });
  return {
    browser: browser.handle,
    // Always the current context, also after a restart.
    context: forwardTo(() => browser.get().context),
    demo: demo.handle,
    async blankTab() {
      const [first, ...others] = browser.get().context.pages();
      for (const extra of others) await extra.close();
      const page = first ?? await browser.get().context.newPage();
      await page.goto('about:blank');
      await browser.get().context.clearCookies();
      demo.get().clearBeacons();
      demo.get().clearRequests();
      return page;
    },
  };
}

// ---- Firefox with Cookie Lens -------------------------------------------------------------------

export interface FirefoxFixture {
  readonly firefox: FirefoxHarness;
  readonly demo: DemoHandle;
  /** The extension page the popup is shown in, opened at the start (`withPopupPage: false`: none). */
  readonly popup: FirefoxPage;
  /** Loads a path on `host` (default the demo site) or a whole address and returns the stand-in tracker's state once it has handled the load. */
  visit(page: FirefoxPage, where: string, host?: string): Promise<TrackerSnapshot>;
  /** The stand-in tracker's state on `page`, once it has handled the page load. */
  trackerOf(page: FirefoxPage): Promise<TrackerSnapshot>;
  /** Shows the popup for a tab (a page, or a tab id) in `popup`, waits for its first complete render and brings it to the front. */
  showPopupFor(tab: FirefoxPage | number): Promise<void>;
  /** Clicks the popup's button whose text starts with `label` once it takes presses (not aria-disabled by a running action); fails after 10 s. */
  clickButton(label: string): Promise<void>;
}

export interface UseFirefoxOptions extends Omit<LaunchFirefoxOptions, 'extensionDir' | 'geckoId'> {
  /** Open the extension page `popup` at the start. Default true. */
  readonly withPopupPage?: boolean;
}

/** Firefox ESR with the built extension (dist/firefox) and the demo site, for one spec file. */
export function useFirefox(options: UseFirefoxOptions = {}): FirefoxFixture {
  const { withPopupPage = true, ...launchOptions } = options;
  const demo = useDemoSite();
  const firefox = startedLater<FirefoxHarness>('Firefox');
  const popup = startedLater<FirefoxPage>('the popup page');
  beforeAll(async () => {
    const started = await launchFirefox({ ...launchOptions, extensionDir: FIREFOX_BUILD, geckoId: firefoxGeckoId() });
    firefox.set(started);
    if (withPopupPage) popup.set(await started.extensionPage());
  });
  afterAll(async () => {
    popup.set(undefined);
    await firefox.current()?.close();
    firefox.set(undefined);
  });

  const trackerOf = async (page: FirefoxPage): Promise<TrackerSnapshot> => {
    await pollInPage(page, () => document.documentElement.dataset['demoTracker'] === 'ready', undefined, { timeoutMs: 15_000, what: 'the demo tracker' });
    return parseTrackerSnapshot(await page.evaluate(() => JSON.stringify(Reflect.get(window, '__demoTracker'))));
  };

  return {
    firefox: firefox.handle,
    demo: demo.handle,
    popup: popup.handle,
    async visit(page, where, host) {
      await page.goto(addressOf(demo.get(), where, host));
      return trackerOf(page);
    },
    trackerOf,
    async showPopupFor(tab) {
      const tabId = typeof tab === 'number' ? tab : await firefox.get().tabIdOf(tab.url());
      await firefox.get().openExtensionPage(popup.get(), `popup.html?tabId=${tabId}`);
      await pollInPage(popup.get(), () => document.body.dataset['ready'] === '1', undefined, { what: 'the popup to be ready' });
      await popup.get().bringToFront();
    },
    async clickButton(label) {
      // While an action runs the popup's controls are aria-disabled and ignore presses (by design:
      // a disabled button would drop the keyboard focus), so a press is made once the button takes
      // it: a press right after the last action's effect showed, but before its reply, was lost.
      const press = () => popup.get().evaluate((text) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(text));
        if (button === undefined) return 'missing';
        if (button.getAttribute('aria-disabled') === 'true') return 'busy';
        button.click();
        return 'clicked';
      }, label);
      try {
        await poll(press, (answer) => answer === 'clicked', 10_000);
      } catch (error) {
        // poll names the last answer: "missing" (no such button) or "busy" (never took a press).
        throw new Error(`could not press the popup's button starting with "${label}": ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
