// The side panel's activity log while a page writes 5,000 cookies: the page's time with the panel
// open (showing that site and logging every write) against the same browser with the panel
// closed. The panel page is opened as a tab, as the end-to-end tests do (automation cannot open
// the browser's side panel, which needs a click); it runs its scripts as in the side panel, but
// it is a background tab, so it is not painted. Method: docs/BENCHMARKS.md.
import type { Page } from 'playwright-core';
import type { PopupBench } from './popup.ts';
import { pageWrites, type RunOptions } from './worker.ts';
import { pairedRatios, spread, type Spread } from './stats.ts';

export interface PanelWritesResult {
  readonly writes: number;
  /** Page time for the writes (and one read that waits for them), ms. */
  readonly panelOpen: Spread;
  readonly panelClosed: Spread;
  /** open / closed, pair by pair. */
  readonly ratio: Spread;
  /** Rows the panel's log showed after each open run (it draws the newest 200): proof that it was logging. */
  readonly rowsShown: number;
}

const SITE_HOST = 'www.hubdemo.test';

async function openPanel(bench: PopupBench, site: Page): Promise<Page> {
  const panel = await bench.browser.context.newPage();
  await panel.goto(`chrome-extension://${bench.cookieLens.id}/sidepanel.html`);
  await panel.waitForSelector('body[data-ready="1"]');
  // The panel follows the active tab of its window: the site's.
  await site.bringToFront();
  await panel.waitForFunction((host) => document.querySelector('h1.site-name')?.textContent === host.replace(/^www\./, ''), SITE_HOST, { timeout: 10_000 });
  await panel.waitForSelector('section.activity');
  return panel;
}

export async function benchPanelWrites(bench: PopupBench, writes: number, options: RunOptions): Promise<PanelWritesResult> {
  await bench.browser.context.clearCookies();
  const site = await bench.browser.context.newPage();
  try {
    await site.goto(bench.demo.url(SITE_HOST, '/?tracker=0'));
    const open: number[] = [];
    const closed: number[] = [];
    let rowsShown = Number.POSITIVE_INFINITY;
    for (let i = 0; i < options.warmup + options.runs; i += 1) {
      // Alternate which goes first, so a drift in the machine's load hits both alike.
      const order = i % 2 === 0 ? (['closed', 'open'] as const) : (['open', 'closed'] as const);
      let openMs = -1;
      let closedMs = -1;
      for (const state of order) {
        if (state === 'closed') {
          closedMs = await pageWrites(site, writes);
          continue;
        }
        const panel = await openPanel(bench, site);
        openMs = await pageWrites(site, writes);
        // A marker written after the timed writes: once the panel lists it, it has handled them all.
        const marker = `bench_marker_${i}`;
        await site.evaluate((name) => { document.cookie = `${name}=1; path=/; max-age=60`; }, marker);
        await panel.locator('ol[data-activity-log] li').filter({ hasText: marker }).first().waitFor({ timeout: 60_000 });
        rowsShown = Math.min(rowsShown, await panel.locator('ol[data-activity-log] li').count());
        await panel.close();
        await site.evaluate((name) => { document.cookie = `${name}=; path=/; max-age=0`; }, marker);
      }
      if (openMs < 0 || closedMs < 0) throw new Error('the page could not read its cookies back');
      if (i < options.warmup) continue;
      open.push(openMs);
      closed.push(closedMs);
    }
    return { writes, panelOpen: spread(open), panelClosed: spread(closed), ratio: spread(pairedRatios(open, closed)), rowsShown };
  } finally {
    await site.close();
  }
}
