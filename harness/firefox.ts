// Real Firefox ESR for the end-to-end tests: puppeteer-core over WebDriver BiDi, headless, with
// the extension installed as a temporary add-on through raw `webExtension.install`.
// Recipe and pitfalls: docs/testing/firefox-testing.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, EvaluateFunc, Page } from 'puppeteer-core';
import { findFirefox } from './find-browsers.mjs';
import { firefoxLocalDomains } from './demo-site/hosts.mjs';
import { freshTmpDir, removeBrowserFolder } from './paths.ts';

// The few WebExtension APIs the harness calls inside extension pages. Module-scoped on purpose.
declare const browser: {
  readonly contextualIdentities: {
    create(details: { name: string; color: string; icon: string }): Promise<{ cookieStoreId: string }>;
  };
  readonly tabs: {
    create(details: { url: string; cookieStoreId?: string }): Promise<{ id?: number }>;
    query(filter: Record<string, never>): Promise<Array<{ id?: number; url?: string }>>;
  };
  readonly windows: {
    create(details: { url: string; incognito: boolean }): Promise<{ id?: number; tabs?: Array<{ id?: number }> }>;
  };
};

export interface LaunchFirefoxOptions {
  /** Unpacked extension folder (with `browser_specific_settings.gecko.id` = `geckoId`). */
  readonly extensionDir: string;
  readonly geckoId: string;
  /** Seeds the private-browsing permission in the profile (no add-on reload, keeps `onInstalled` = install). */
  readonly allowPrivateBrowsing?: boolean;
  /** The fixed moz-extension host; any UUID. */
  readonly extensionUuid?: string;
  /** An extension page the helpers run extension API calls from. Default `popup.html`. */
  readonly hostPath?: string;
  /** More preferences for the profile (e.g. `privacy.firstparty.isolate`). */
  readonly prefs?: Readonly<Record<string, string | number | boolean>>;
}

export interface FirefoxHarness {
  readonly browser: Browser;
  readonly extensionUuid: string;
  /** `moz-extension://<uuid>/` */
  readonly extensionOrigin: string;
  /** Sends a raw WebDriver BiDi command on puppeteer's session and returns its `result`. */
  bidi(method: string, params: Record<string, unknown>): Promise<unknown>;
  /** The BiDi browsing-context id of a page puppeteer knows. */
  contextIdOf(page: Page): string;
  /** Navigates a page to `moz-extension://<uuid>/<relativePath>`; `page.goto` cannot do this. */
  openExtensionPage(page: Page, relativePath: string): Promise<void>;
  /** A page showing the host extension page, opened once and reused. */
  extensionPage(): Promise<Page>;
  /** The WebExtension tab id of the tab showing `url` (match patterns with ports match nothing, so all tabs are listed). */
  tabIdOf(url: string): Promise<number>;
  /** Opens `url` in a new container (made by the extension) and waits until it has loaded. */
  openContainerTab(url: string, name?: string): Promise<{ contextId: string; cookieStoreId: string; tabId: number }>;
  /** Opens `url` in a new private window (needs `allowPrivateBrowsing`) and waits until it has loaded. */
  openPrivateWindow(url: string): Promise<{ contextId: string; tabId: number }>;
  /** Runs `fn` in any browsing context, including ones puppeteer does not track; returns its JSON result. */
  evaluateInContext(contextId: string, fn: () => unknown): Promise<unknown>;
  close(): Promise<void>;
}

const DEFAULT_UUID = '5c0c1e7a-4b1f-4d6e-9a3c-2f8b6d0e1a47';

type JsonObject = { [key: string]: unknown };

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * puppeteer has no public call for raw BiDi commands, and Firefox allows one BiDi session, so we
 * use the session puppeteer already holds (`BidiBrowser.connection`, internal in 24.43.1).
 */
function bidiSender(target: Browser): (method: string, params: Record<string, unknown>) => Promise<unknown> {
  const changed = new Error('puppeteer-core changed: Browser.connection.send is gone; update harness/firefox.ts');
  const connection: unknown = Reflect.get(target, 'connection');
  if (typeof connection !== 'object' || connection === null) throw changed;
  const send: unknown = Reflect.get(connection, 'send');
  if (typeof send !== 'function') throw changed;
  return async (method, params) => {
    const reply: unknown = await Reflect.apply(send, connection, [method, params]);
    return isJsonObject(reply) ? reply['result'] : undefined;
  };
}

interface ContextInfo {
  readonly context: string;
  readonly url: string;
  readonly userContext: string;
}

/** Flattens a `browsingContext.getTree` result. */
function contextsOf(tree: unknown): ContextInfo[] {
  const found: ContextInfo[] = [];
  const visit = (node: unknown): void => {
    if (!isJsonObject(node)) return;
    const { context, url, userContext, children } = node;
    if (typeof context === 'string' && typeof url === 'string') {
      found.push({ context, url, userContext: typeof userContext === 'string' ? userContext : 'default' });
    }
    if (Array.isArray(children)) children.forEach(visit);
  };
  if (isJsonObject(tree) && Array.isArray(tree['contexts'])) tree['contexts'].forEach(visit);
  return found;
}

/**
 * Waits until `predicate` returns true in `page`, asking from Node every 50 ms. Puppeteer's
 * `waitForFunction` builds its predicate with `Function()` inside the page, which the extension
 * pages' CSP forbids on some Firefox versions (ESR 140: "call to Function() blocked by CSP");
 * `evaluate` sends a function declaration instead and works on every version.
 */
export async function pollInPage<A>(page: Page, predicate: EvaluateFunc<[A]>, arg: A, options: { timeoutMs?: number; what?: string } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // While the page navigates there is briefly no document to ask (waitForFunction waits through
  // that too): such an answer counts as "not yet", and the last one is named if time runs out.
  let lastError = '';
  const what = options.what ?? 'a condition in the page';
  await waitFor(async () => {
    try {
      return (await page.evaluate(predicate, arg)) ? true : undefined;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  }, timeoutMs, what).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}${lastError === '' ? '' : ` (last error in the page: ${lastError})`}`);
  });
}

/**
 * Reads from Node until `done` says yes (every 50 ms), and returns that value. For pages whose
 * reads can fail while they navigate, give a `read` that catches and answers "not yet".
 */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms (last value: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `document.cookie` as a name to value map (what the page sees). */
export function cookieMap(header: string): Map<string, string> {
  return new Map(header.split('; ').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function launchFirefox(options: LaunchFirefoxOptions): Promise<FirefoxHarness> {
  const extensionUuid = options.extensionUuid ?? DEFAULT_UUID;
  const extensionOrigin = `moz-extension://${extensionUuid}/`;
  const profile = freshTmpDir('firefox-profile-');
  const tmpDir = freshTmpDir('firefox-tmp-');
  if (options.allowPrivateBrowsing === true) {
    writeFileSync(join(profile, 'extension-preferences.json'), JSON.stringify({
      [options.geckoId]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] },
    }));
  }
  mkdirSync(profile, { recursive: true });
  let launched: Browser;
  try {
    launched = await puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
      userDataDir: profile,
      acceptInsecureCerts: true,
      // Needed to navigate to moz-extension:// and to evaluate in chrome scope.
      args: ['--remote-allow-system-access'],
      env: { ...process.env, TMPDIR: tmpDir },
      extraPrefsFirefox: {
        'network.dns.localDomains': firefoxLocalDomains(),
        'extensions.webextensions.uuids': JSON.stringify({ [options.geckoId]: extensionUuid }),
        'privacy.userContext.enabled': true,
        ...options.prefs,
      },
    });
  } catch (error) {
    removeBrowserFolder(profile);
    removeBrowserFolder(tmpDir);
    throw error;
  }
  const firefox = launched;
  const bidi = bidiSender(firefox);
  let hostPage: Page | null = null;

  const close = async (): Promise<void> => {
    await firefox.close();
    removeBrowserFolder(profile);
    removeBrowserFolder(tmpDir);
  };

  try {
    // puppeteer's own installExtension() cannot pass options and its enableExtensions launch
    // option does not await the install (24.43.1), so send the command ourselves.
    await bidi('webExtension.install', { extensionData: { type: 'path', path: options.extensionDir } });
  } catch (error) {
    await close();
    throw error;
  }

  const contextIdOf = (page: Page): string => {
    const id: unknown = Reflect.get(page.mainFrame(), '_id');
    if (typeof id !== 'string') throw new Error('puppeteer-core changed: Frame._id is gone; update harness/firefox.ts');
    return id;
  };

  const openExtensionPage = async (page: Page, relativePath: string): Promise<void> => {
    await bidi('browsingContext.navigate', { context: contextIdOf(page), url: `${extensionOrigin}${relativePath}`, wait: 'complete' });
  };

  const extensionPage = async (): Promise<Page> => {
    if (hostPage === null || hostPage.isClosed()) {
      const page = await firefox.newPage();
      await openExtensionPage(page, options.hostPath ?? 'popup.html');
      hostPage = page;
    }
    // Clicks and timers are slow in a background tab.
    await hostPage.bringToFront();
    return hostPage;
  };

  const evaluateInContext = async (contextId: string, fn: () => unknown): Promise<unknown> => {
    const reply = await bidi('script.evaluate', {
      target: { context: contextId },
      expression: `(async () => JSON.stringify(await (${fn.toString()})()))()`,
      awaitPromise: true,
    });
    const result = isJsonObject(reply) ? reply['result'] : undefined;
    const value = isJsonObject(result) ? result['value'] : undefined;
    if (typeof value !== 'string') return undefined;
    const parsed: unknown = JSON.parse(value);
    return parsed;
  };

  /** Waits for a context showing `url` that was not there before, and for its load to finish. */
  const waitForNewContext = async (url: string, before: ReadonlySet<string>): Promise<string> => {
    const contextId = await waitFor(async () => {
      const contexts = contextsOf(await bidi('browsingContext.getTree', {}));
      return contexts.find((info) => info.url === url && !before.has(info.context))?.context;
    }, 10_000, `a new tab showing ${url}`);
    await waitFor(async () => {
      const state = await evaluateInContext(contextId, () => document.readyState);
      return state === 'complete' ? true : undefined;
    }, 10_000, `${url} to finish loading`);
    return contextId;
  };

  const knownContexts = async (): Promise<Set<string>> => new Set(contextsOf(await bidi('browsingContext.getTree', {})).map((info) => info.context));

  return {
    browser: firefox,
    extensionUuid,
    extensionOrigin,
    bidi,
    contextIdOf,
    openExtensionPage,
    extensionPage,
    async tabIdOf(url) {
      const page = await extensionPage();
      const tabId = await page.evaluate(async (wanted) => (await browser.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? null, url);
      if (tabId === null) throw new Error(`no tab shows ${url}`);
      return tabId;
    },
    async openContainerTab(url, name = 'Cookie Lens test') {
      const page = await extensionPage();
      const before = await knownContexts();
      const opened = await page.evaluate(async (targetUrl, containerName) => {
        const identity = await browser.contextualIdentities.create({ name: containerName, color: 'blue', icon: 'circle' });
        const tab = await browser.tabs.create({ url: targetUrl, cookieStoreId: identity.cookieStoreId });
        return { cookieStoreId: identity.cookieStoreId, tabId: tab.id ?? -1 };
      }, url, name);
      // The tab lives in a user context puppeteer did not create, so it is not in browser.pages().
      const contextId = await waitForNewContext(url, before);
      return { contextId, ...opened };
    },
    async openPrivateWindow(url) {
      const page = await extensionPage();
      const before = await knownContexts();
      const tabId = await page.evaluate(async (targetUrl) => {
        const created = await browser.windows.create({ url: targetUrl, incognito: true });
        return created.tabs?.[0]?.id ?? -1;
      }, url);
      const contextId = await waitForNewContext(url, before);
      return { contextId, tabId };
    },
    evaluateInContext,
    close,
  };
}
