// Real Chromium for the end-to-end tests: Debian's chromium driven by playwright-core, headless,
// with unpacked extensions loaded, the demo hosts mapped to 127.0.0.1 and no outside network.
// Recipes and pitfalls: docs/testing/browser-testing.md (numbers below refer to its pitfalls).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { findChromium } from './find-browsers.mjs';
import { chromiumHostResolverRules } from './demo-site/hosts.mjs';
import { freshTmpDir, removeBrowserFolder } from './paths.ts';

// The few extension APIs the harness calls inside extension pages and the service worker.
// Module-scoped, so it neither needs @types/chrome nor leaks into other files.
declare const chrome: {
  readonly extension: { getViews(filter: { type: 'popup' | 'tab' }): Window[] };
  readonly runtime: { sendMessage(message: unknown): Promise<unknown> };
  readonly tabs: {
    query(filter: { active?: boolean; lastFocusedWindow?: boolean }): Promise<Array<{ id?: number; url?: string }>>;
  };
};

export interface LaunchChromiumOptions {
  /** Unpacked extension folders; the first one is "the" extension (its id is `extensionId`). */
  readonly extensionDirs: readonly string[];
  /** Reuse this profile (it is kept on close). Default: a fresh profile under tmp/, deleted on close. */
  readonly userDataDir?: string;
  /** Pin the first extension to the toolbar. An unpinned action adds about 265 ms to every popup. */
  readonly pinExtension?: boolean;
  /** Allow the extensions in incognito windows. */
  readonly incognitoAllowed?: boolean;
  /** More Chromium switches, appended last (the last copy of a switch wins). */
  readonly extraArgs?: readonly string[];
}

/** The real toolbar popup, reached through `chrome.extension.getViews({type: 'popup'})`. */
export interface PopupView {
  /** True when a popup view exists and its body has been parsed. */
  isOpen(): Promise<boolean>;
  /** Waits until the popup is open, its body exists and, if given, `selector` matches in it. */
  waitForOpen(options?: { readonly selector?: string; readonly timeoutMs?: number }): Promise<void>;
  /** Runs `fn` in an extension page with the popup's window; the result must be serialisable. */
  evaluate<R>(fn: (popup: Window) => R | Promise<R>): Promise<R>;
  /** A PNG of the popup at its natural size, through a CDP attach to its target. */
  screenshot(): Promise<Buffer>;
}

export interface ChromiumHarness {
  /** The current context; `restart()` replaces it. */
  readonly context: BrowserContext;
  readonly extensionId: string;
  /** Ids of all loaded extensions, in `extensionDirs` order. */
  readonly extensionIds: readonly string[];
  readonly userDataDir: string;
  /** The extension's service worker, woken first if `stopServiceWorker()` stopped it. */
  serviceWorker(): Promise<Worker>;
  /** The extension API's tab id of a page. */
  tabIdOf(page: Page): Promise<number>;
  /** Opens `chrome-extension://ID/<path>?tabId=N` in a new tab ("popup as a tab"). */
  openPopupPage(tabId: number, path?: string): Promise<Page>;
  /** Opens the real toolbar popup for the page's tab, as a click on the toolbar button would. */
  triggerToolbarPopup(page: Page): Promise<void>;
  popupView(): PopupView;
  /** Stops the extension's service worker (simulates MV3 idle termination) and waits until it is gone. */
  stopServiceWorker(): Promise<void>;
  /** Closes the browser and starts it again on the same profile. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Switches that keep Chromium off the network and quiet (browser-testing.md, "Launch options"). */
const QUIET_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

const WAKE_MESSAGE = { type: 'cookie-lens-harness-wake' };

/**
 * Chromium's id for an unpacked extension: SHA-256 of its absolute path, the first 32 hex digits
 * mapped 0-f to a-p. Checked against the running service worker's URL on every launch.
 */
export function unpackedExtensionId(extensionDir: string): string {
  const absolute = realpathSync(extensionDir).replace(/\/+$/, '');
  const hex = createHash('sha256').update(absolute).digest('hex').slice(0, 32);
  return Array.from(hex, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

type JsonObject = { [key: string]: unknown };

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `path` in a nested JSON object, creating objects on the way. */
function setIn(target: JsonObject, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = target[head];
  const next: JsonObject = isJsonObject(child) ? child : {};
  target[head] = next;
  setIn(next, rest, value);
}

/** Seeds Default/Preferences before a launch, keeping whatever a reused profile already has. */
function seedPreferences(userDataDir: string, extensionIds: readonly string[], options: LaunchChromiumOptions): void {
  const folder = join(userDataDir, 'Default');
  const file = join(folder, 'Preferences');
  mkdirSync(folder, { recursive: true });
  let preferences: JsonObject = {};
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isJsonObject(parsed)) preferences = parsed;
  }
  // Pitfall 7: third-party cookies are blocked by default; embedded frames need them.
  setIn(preferences, ['profile', 'cookie_controls_mode'], 0);
  const [mainId] = extensionIds;
  if (options.pinExtension === true && mainId !== undefined) setIn(preferences, ['extensions', 'pinned_extensions'], [mainId]);
  if (options.incognitoAllowed === true) {
    for (const id of extensionIds) setIn(preferences, ['extensions', 'settings', id, 'incognito'], true);
  }
  writeFileSync(file, JSON.stringify(preferences));
}

function isExtensionWorker(worker: Worker, extensionId: string): boolean {
  return worker.url().startsWith(`chrome-extension://${extensionId}/`);
}

async function waitForTruthy(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface LaunchedProfile {
  readonly context: BrowserContext;
  readonly tmpDir: string;
}

async function launchProfile(userDataDir: string, extensionDirs: readonly string[], extraArgs: readonly string[]): Promise<LaunchedProfile> {
  // Pitfall 13: Chromium's singleton socket folders go to TMPDIR; keep them under tmp/.
  const tmpDir = freshTmpDir('chromium-tmp-');
  const extensionArgs = extensionDirs.length === 0 ? [] : [
    // Pitfall 1: Playwright adds --disable-extensions; both switches are needed.
    `--disable-extensions-except=${extensionDirs.join(',')}`,
    `--load-extension=${extensionDirs.join(',')}`,
  ];
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: true,
      env: { ...process.env, TMPDIR: tmpDir },
      args: [
        ...extensionArgs,
        // Pitfall 2: no quotes around the rules.
        `--host-resolver-rules=${chromiumHostResolverRules()}`,
        '--ignore-certificate-errors',
        ...QUIET_ARGS,
        ...extraArgs,
      ],
    });
    return { context, tmpDir };
  } catch (error) {
    removeBrowserFolder(tmpDir);
    throw error;
  }
}

export interface PlainChromium {
  readonly context: BrowserContext;
  readonly userDataDir: string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Chromium with the demo hosts mapped and no extension, for tests of the demo site itself. */
export async function launchChromiumWithoutExtension(options: { readonly userDataDir?: string } = {}): Promise<PlainChromium> {
  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? freshTmpDir('chromium-profile-');
  seedPreferences(userDataDir, [], { extensionDirs: [] });
  let launched: LaunchedProfile;
  try {
    launched = await launchProfile(userDataDir, [], []);
  } catch (error) {
    if (ownsProfile) removeBrowserFolder(userDataDir);
    throw error;
  }
  return {
    get context() { return launched.context; },
    userDataDir,
    async restart() {
      await launched.context.close();
      removeBrowserFolder(launched.tmpDir);
      launched = await launchProfile(userDataDir, [], []);
    },
    async close() {
      // Pitfall 6: delete after close() returns, not in a close handler.
      await launched.context.close();
      removeBrowserFolder(launched.tmpDir);
      if (ownsProfile) removeBrowserFolder(userDataDir);
    },
  };
}

export async function launchChromium(options: LaunchChromiumOptions): Promise<ChromiumHarness> {
  if (options.extensionDirs.length === 0) throw new Error('launchChromium needs at least one extension folder');
  const extensionDirs = options.extensionDirs.map((dir) => realpathSync(dir));
  const extensionIds = extensionDirs.map(unpackedExtensionId);
  const firstId = extensionIds[0];
  if (firstId === undefined) throw new Error('no extension id');
  const extensionId: string = firstId;
  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? freshTmpDir('chromium-profile-');
  seedPreferences(userDataDir, extensionIds, options);

  let launched: LaunchedProfile;
  let worker: Worker;
  let workerStopped = false;
  let hostPage: Page | null = null;
  let browserSession: CDPSession | null = null;

  async function start(): Promise<void> {
    launched = await launchProfile(userDataDir, extensionDirs, options.extraArgs ?? []);
    hostPage = null;
    browserSession = null;
    workerStopped = false;
    const context = launched.context;
    const running = context.serviceWorkers().find((candidate) => isExtensionWorker(candidate, extensionId));
    try {
      worker = running ?? await context.waitForEvent('serviceworker', {
        predicate: (candidate) => isExtensionWorker(candidate, extensionId),
        timeout: 10_000,
      });
    } catch (error) {
      const seen = context.serviceWorkers().map((candidate) => candidate.url()).join(', ') || 'none';
      await context.close();
      removeBrowserFolder(launched.tmpDir);
      throw new Error(`no service worker for the computed extension id ${extensionId} (service workers seen: ${seen}). `
        + 'Either the extension has no background service worker or the id rule no longer holds.', { cause: error });
    }
  }

  try {
    await start();
  } catch (error) {
    if (ownsProfile) removeBrowserFolder(userDataDir);
    throw error;
  }

  /** An extension page with no app code of its own: the manifest, rendered as text. */
  async function host(): Promise<Page> {
    if (hostPage === null || hostPage.isClosed()) {
      hostPage = await launched.context.newPage();
      await hostPage.goto(`chrome-extension://${extensionId}/manifest.json`);
    }
    return hostPage;
  }

  async function browserCdp(): Promise<CDPSession> {
    if (browserSession === null) {
      const browser = launched.context.browser();
      if (browser === null) throw new Error('the persistent context has no browser object');
      browserSession = await browser.newBrowserCDPSession();
    }
    return browserSession;
  }

  async function extensionWorkerRunning(): Promise<boolean> {
    const { targetInfos } = await (await browserCdp()).send('Target.getTargets');
    return targetInfos.some((target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`));
  }

  async function tabTargetOf(page: Page): Promise<string> {
    const session = await browserCdp();
    const tabsWithUrl = async (): Promise<string[]> => {
      const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      return targetInfos.filter((target) => target.url === page.url()).map((target) => target.targetId);
    };
    const byUrl = await tabsWithUrl();
    if (byUrl.length === 1 && byUrl[0] !== undefined) return byUrl[0];
    // Several tabs show this URL: tag the page's title for a moment to tell them apart.
    const marker = `cookie-lens-harness-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const originalTitle = await page.evaluate((title) => {
      const before = document.title;
      document.title = title;
      return before;
    }, marker);
    try {
      let found: string | undefined;
      await waitForTruthy(async () => {
        const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
        found = targetInfos.find((target) => target.title === marker)?.targetId;
        return found !== undefined;
      }, 5_000, 'the tab target of the page');
      if (found === undefined) throw new Error('no tab target for the page');
      return found;
    } finally {
      await page.evaluate((title) => { document.title = title; }, originalTitle);
    }
  }

  async function popupHandle(page: Page) {
    const handle = await page.evaluateHandle(() => {
      const view = chrome.extension.getViews({ type: 'popup' })[0];
      if (view === undefined) throw new Error('the toolbar popup is not open');
      return view;
    });
    return handle;
  }

  const popup: PopupView = {
    async isOpen() {
      const page = await host();
      return page.evaluate(() => {
        const view = chrome.extension.getViews({ type: 'popup' })[0];
        return view !== undefined && view.document.body !== null;
      });
    },
    async waitForOpen(waitOptions = {}) {
      const page = await host();
      await page.waitForFunction((selector) => {
        const view = chrome.extension.getViews({ type: 'popup' })[0];
        // Pitfall 5: the body is null while the popup's HTML is still being parsed.
        if (view === undefined || view.document.body === null) return false;
        return selector === null || view.document.querySelector(selector) !== null;
      }, waitOptions.selector ?? null, { timeout: waitOptions.timeoutMs ?? 10_000, polling: 20 });
    },
    async evaluate<R>(fn: (popupWindow: Window) => R | Promise<R>): Promise<R> {
      const handle = await popupHandle(await host());
      try {
        return await handle.evaluate(fn);
      } finally {
        await handle.dispose();
      }
    },
    async screenshot() {
      const session = await browserCdp();
      const { targetInfos } = await session.send('Target.getTargets');
      const popupTarget = targetInfos.find((target) => target.type === 'page'
        && target.url.startsWith(`chrome-extension://${extensionId}/`)
        && !launched.context.pages().some((page) => page.url() === target.url));
      if (popupTarget === undefined) throw new Error('no popup target to screenshot');
      const { sessionId } = await session.send('Target.attachToTarget', { targetId: popupTarget.targetId, flatten: false });
      try {
        const reply = new Promise<string>((resolve, reject) => {
          const onMessage = (event: { sessionId: string; message: string }) => {
            if (event.sessionId !== sessionId) return;
            const parsed: unknown = JSON.parse(event.message);
            if (!isJsonObject(parsed) || parsed['id'] !== 1) return;
            session.off('Target.receivedMessageFromTarget', onMessage);
            const result = parsed['result'];
            const data = isJsonObject(result) ? result['data'] : undefined;
            if (typeof data === 'string') resolve(data);
            else reject(new Error(`Page.captureScreenshot failed: ${event.message}`));
          };
          session.on('Target.receivedMessageFromTarget', onMessage);
        });
        await session.send('Target.sendMessageToTarget', {
          sessionId, message: JSON.stringify({ id: 1, method: 'Page.captureScreenshot', params: { format: 'png' } }),
        });
        return Buffer.from(await reply, 'base64');
      } finally {
        await session.send('Target.detachFromTarget', { sessionId });
      }
    },
  };

  return {
    get context() { return launched.context; },
    extensionId,
    extensionIds,
    userDataDir,
    async serviceWorker() {
      if (workerStopped) {
        // Pitfall 11: a stopped worker's handle hangs until something wakes the worker; any
        // runtime message does (an extension without a listener rejects it, which is fine).
        const page = await host();
        await page.evaluate((message) => chrome.runtime.sendMessage(message).then(() => true, () => false), WAKE_MESSAGE);
        await waitForTruthy(extensionWorkerRunning, 10_000, 'the service worker to start again');
        workerStopped = false;
      }
      return worker;
    },
    async tabIdOf(page) {
      const extensionPage = await host();
      const url = page.url();
      const byUrl = await extensionPage.evaluate(async (wanted) => {
        const tabs = await chrome.tabs.query({});
        const ids = tabs.filter((tab) => tab.url === wanted).map((tab) => tab.id);
        return ids.length === 1 ? ids[0] ?? null : null;
      }, url);
      if (byUrl !== null) return byUrl;
      // No unique URL match (no `tabs` permission, or the URL is open twice): use the active tab.
      await page.bringToFront();
      const active = await extensionPage.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null);
      if (active === null) throw new Error(`no tab id found for ${url}`);
      return active;
    },
    async openPopupPage(tabId, path = 'popup.html') {
      const page = await launched.context.newPage();
      const separator = path.includes('?') ? '&' : '?';
      await page.goto(`chrome-extension://${extensionId}/${path}${separator}tabId=${tabId}`);
      return page;
    },
    async triggerToolbarPopup(page) {
      // The page that watches the popup is opened first: a tab opened after the popup takes the
      // focus and closes it (this used to pass only when an earlier test had opened it).
      await host();
      await page.bringToFront();
      const session = await browserCdp();
      // Pitfall 4: triggerAction needs the *tab* target, not the page target.
      const targetId = await tabTargetOf(page);
      await session.send('Extensions.triggerAction', { id: extensionId, targetId });
    },
    popupView: () => popup,
    async stopServiceWorker() {
      const page = await host();
      const session = await launched.context.newCDPSession(page);
      try {
        await session.send('ServiceWorker.enable');
        await session.send('ServiceWorker.stopAllWorkers');
      } finally {
        await session.detach();
      }
      await waitForTruthy(async () => !(await extensionWorkerRunning()), 10_000, 'the service worker to stop');
      workerStopped = true;
    },
    async restart() {
      await launched.context.close();
      removeBrowserFolder(launched.tmpDir);
      await start();
    },
    async close() {
      // Pitfall 6: delete after close() returns, not in a close handler.
      await launched.context.close();
      removeBrowserFolder(launched.tmpDir);
      if (ownsProfile) removeBrowserFolder(userDataDir);
    },
  };
}
