// The toolbar popup, click to rendered, in headless Chromium: Cookie Lens beside the floor
// extension (bench/floor-extension), both pinned, in the same browser, alternating. Also the
// service worker's cold start. Method: docs/BENCHMARKS.md.
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cookie, Page } from 'playwright-core';
import { launchChromium, unpackedExtensionId, type ChromiumHarness } from '../harness/chromium.ts';
import { startDemo, type DemoHandle } from '../harness/demo.ts';
import { freshTmpDir } from '../harness/paths.ts';
import { SITE_DOMAIN } from '../harness/demo-site/hosts.mjs';

// The extension APIs the benchmark calls inside extension pages. Module-scoped, like the harness.
declare const chrome: {
  readonly extension: { getViews(filter: { type: 'popup' | 'tab' }): Window[] };
};

/** One opening of a popup. All times in milliseconds. */
export interface PopupSample {
  /** From the simulated toolbar click to "rendered" (see `PopupBench.open`). */
  readonly clickToRendered: number;
  /** From the click to the start of the popup document's navigation (browser-side work). */
  readonly clickToNavigation: number;
  /** Rows in the popup at the rendered moment. */
  readonly rows: number;
  /**
   * `performance.mark`s the popup made before it was rendered, ms from its navigation start, and
   * `rendered` itself: empty in release builds; an instrumented build shows its phases here.
   */
  readonly marks: Readonly<Record<string, number>>;
  /**
   * True when the popup was already rendered when the observer found its document, so the time
   * is that of finding it (a few ms late at most). Counted in the results; normally never.
   */
  readonly late: boolean;
}

/**
 * Which cookie rows Cookie Lens must show, worked out from what the browser holds and how cookies
 * are scoped: host-only cookies of the tab's host, Domain cookies of the host or a parent down to
 * the registrable domain, cookies partitioned under the site, and (as "set by embedded sites")
 * unpartitioned cookies of other sites, which in the benchmark's fresh cookie jar come only from
 * the embedded frame.
 */
export function expectedRows(cookies: readonly Cookie[], host: string, registrableDomain: string): { site: number; embedded: number } {
  const topLevelSite = `https://${registrableDomain}`;
  // The tab's host and each parent down to the registrable domain: Domain cookies on any of them reach the page.
  const labels = host.split('.');
  const domains = new Set<string>();
  for (let start = 0; start < labels.length; start += 1) {
    const domain = labels.slice(start).join('.');
    domains.add(`.${domain}`);
    if (domain === registrableDomain) break;
  }
  let site = 0;
  let embedded = 0;
  for (const cookie of cookies) {
    if (cookie.partitionKey !== undefined) {
      if (cookie.partitionKey === topLevelSite) site += 1;
    } else if (cookie.domain === host || domains.has(cookie.domain)) {
      site += 1;
    } else if (!cookie.domain.endsWith(registrableDomain)) {
      embedded += 1;
    }
  }
  return { site, embedded };
}

interface Measured {
  /** When the popup became rendered, epoch ms (the extension page's clock). */
  readonly readyAt: number;
  /** The popup document's `performance.timeOrigin`, epoch ms. */
  readonly navigationStart: number;
  readonly rows: number;
  readonly marks: Record<string, number>;
  readonly late: boolean;
}

interface ExtensionUnderTest {
  readonly id: string;
  /** An extension page of the same extension (its manifest shown as text): the popup's observer. */
  readonly host: Page;
  /** CSS selector of one row; Cookie Lens `li.cookie`, the floor `li`. */
  readonly rowSelector: string;
  /**
   * Cookie Lens is rendered when its decoded summary (`[data-summary]`) and a row per cookie are
   * in the DOM; the floor when it marks itself ready, right after appending its names.
   */
  readonly needsSummary: boolean;
}

/** Epoch milliseconds with sub-millisecond resolution, comparable to a page's `timeOrigin + now()`. */
function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export class PopupBench {
  private constructor(
    readonly browser: ChromiumHarness,
    readonly demo: DemoHandle,
    readonly cookieLens: ExtensionUnderTest,
    /** The floor extension; or, for an A/B comparison (`startPair`), a second build of Cookie Lens. */
    readonly floor: ExtensionUnderTest,
    private readonly profile: string,
    /** Browser clock minus Node clock, measured at start. */
    readonly clockOffset: number,
  ) {}

  /** Cookie Lens (`cookieLensDir`) beside the floor extension. */
  static start(cookieLensDir: string, floorDir: string): Promise<PopupBench> {
    return PopupBench.startPair(cookieLensDir, floorDir, false);
  }

  /** Two extensions in one browser; with `bothCookieLens`, two builds of Cookie Lens compared directly. */
  static async startPair(cookieLensDir: string, secondDir: string, bothCookieLens: boolean): Promise<PopupBench> {
    const dirs = [realpathSync(cookieLensDir), realpathSync(secondDir)];
    const ids = dirs.map(unpackedExtensionId);
    const [cookieLensId, floorId] = ids;
    if (cookieLensId === undefined || floorId === undefined) throw new Error('no extension ids');
    // Both icons pinned: an unpinned action adds a fixed toolbar animation (~265 ms) to each popup.
    const profile = freshTmpDir('bench-profile-');
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ extensions: { pinned_extensions: ids } }));
    const demo = await startDemo();
    let browser: ChromiumHarness;
    try {
      browser = await launchChromium({ extensionDirs: dirs, userDataDir: profile });
    } catch (error) {
      await demo.close();
      rmSync(profile, { recursive: true, force: true });
      throw error;
    }
    const hostPage = async (id: string): Promise<Page> => {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${id}/manifest.json`);
      return page;
    };
    const cookieLens = { id: cookieLensId, host: await hostPage(cookieLensId), rowSelector: 'li.cookie', needsSummary: true };
    const floor = bothCookieLens
      ? { id: floorId, host: await hostPage(floorId), rowSelector: 'li.cookie', needsSummary: true }
      : { id: floorId, host: await hostPage(floorId), rowSelector: 'li', needsSummary: false };
    const clockOffset = await measureClockOffset(cookieLens.host);
    return new PopupBench(browser, demo, cookieLens, floor, profile, clockOffset);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.demo.close();
    rmSync(this.profile, { recursive: true, force: true });
  }

  private async tabTarget(page: Page): Promise<string> {
    const session = await this.cdp();
    const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const matching = targetInfos.filter((target) => target.url === page.url());
    const [only] = matching;
    if (matching.length !== 1 || only === undefined) throw new Error(`expected one tab showing ${page.url()}, found ${matching.length}`);
    return only.targetId;
  }

  private session: Awaited<ReturnType<NonNullable<ReturnType<ChromiumHarness['context']['browser']>>['newBrowserCDPSession']>> | null = null;

  private async cdp() {
    if (this.session === null) {
      const browser = this.browser.context.browser();
      if (browser === null) throw new Error('the persistent context has no browser object');
      this.session = await browser.newBrowserCDPSession();
    }
    return this.session;
  }

  /**
   * Opens `extension`'s real toolbar popup on `site` and times it. The popup's extension page
   * (`extension.host`, same process and thread as the popup) watches for the popup's document
   * and, from the moment it exists, observes it, so the rendered moment is taken in the same
   * microtask checkpoint as the DOM change that completes it.
   */
  async open(extension: ExtensionUnderTest, site: Page, expectedRows: number): Promise<PopupSample> {
    const targetId = await this.tabTarget(site);
    await site.bringToFront();
    await extension.host.evaluate(({ rowSelector, needsSummary, expected }) => {
      const done = new Promise((resolve) => {
        setTimeout(() => resolve({ timedOut: true }), 15_000);
        const finish = (doc: Document, view: Window, late: boolean): void => {
          resolve({
            late,
            readyAt: performance.timeOrigin + performance.now(),
            navigationStart: view.performance.timeOrigin,
            rows: doc.querySelectorAll(rowSelector).length,
            marks: Object.fromEntries([...view.performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime]), ['rendered', view.performance.now()]]),
          });
        };
        const rendered = (doc: Document): boolean => {
          if (doc.body === null) return false;
          if (needsSummary) return doc.querySelector('[data-summary]') !== null && doc.querySelectorAll(rowSelector).length >= expected;
          return doc.body.dataset['ready'] === '1';
        };
        const watch = (): void => {
          const view = chrome.extension.getViews({ type: 'popup' })[0];
          if (view === undefined || view.document.documentElement === null || !view.location.pathname.endsWith('/popup.html')) {
            setTimeout(watch, 1);
            return;
          }
          const doc = view.document;
          if (rendered(doc)) {
            finish(doc, view, true);
            return;
          }
          const observer = new MutationObserver(() => {
            if (!rendered(doc)) return;
            observer.disconnect();
            finish(doc, view, false);
          });
          observer.observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ready'] });
        };
        watch();
      });
      Reflect.set(window, '__benchPopup', done);
    }, { rowSelector: extension.rowSelector, needsSummary: extension.needsSummary, expected: expectedRows });
    const session = await this.cdp();
    const clickedAt = epochNow() + this.clockOffset;
    await session.send('Extensions.triggerAction', { id: extension.id, targetId });
    const measured = await extension.host.evaluate(() => {
      const pending: unknown = Reflect.get(window, '__benchPopup');
      return pending;
    });
    if (!isMeasured(measured)) throw new Error(`the popup was not rendered within 15 s (the watcher returned ${JSON.stringify(measured)})`);
    await this.closePopup(extension);
    return {
      clickToRendered: measured.readyAt - clickedAt,
      clickToNavigation: measured.navigationStart - clickedAt,
      rows: measured.rows,
      marks: measured.marks,
      late: measured.late,
    };
  }

  private async closePopup(extension: ExtensionUnderTest): Promise<void> {
    await extension.host.evaluate(() => {
      for (const view of chrome.extension.getViews({ type: 'popup' })) view.close();
    });
    await extension.host.waitForFunction(() => chrome.extension.getViews({ type: 'popup' }).length === 0, undefined, { timeout: 10_000, polling: 10 });
  }

  /** What Cookie Lens must list on the site `page` shows, from the browser's own cookie jar. */
  async expectedRows(page: Page): Promise<{ site: number; embedded: number }> {
    const host = new URL(page.url()).hostname;
    return expectedRows(await this.browser.context.cookies(), host, SITE_DOMAIN);
  }
}

function isMeasured(value: unknown): value is Measured {
  if (typeof value !== 'object' || value === null) return false;
  return typeof Reflect.get(value, 'readyAt') === 'number' && typeof Reflect.get(value, 'navigationStart') === 'number'
    && typeof Reflect.get(value, 'rows') === 'number' && typeof Reflect.get(value, 'marks') === 'object' && typeof Reflect.get(value, 'late') === 'boolean';
}

/**
 * Browser clock minus Node clock (both epoch based, sub-millisecond): the round trip with the
 * smallest delay of 15 is the best estimate. Usually well under a millisecond.
 */
async function measureClockOffset(page: Page): Promise<number> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 15; i += 1) {
    const before = epochNow();
    const browserNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    if (after - before < best.rtt) best = { rtt: after - before, offset: browserNow - (before + after) / 2 };
  }
  return best.offset;
}
