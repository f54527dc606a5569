// Helpers for the other trackers' hits (Google Analytics, Meta, Matomo) in the demo site's beacon
// log: which collection host a hit went to, and waiting for hits without fixed sleeps.
import { VENDOR_HOSTS } from './demo-site/hosts.mjs';
import type { BeaconRecord, DemoHandle } from './demo.ts';

/** The demo shop without HubSpot, where the three stand-ins run. */
export const SHOP_HOST = 'www.gameta.test';

/** Anything that can navigate: a Playwright or a puppeteer page. */
interface Navigable {
  goto(url: string): Promise<unknown>;
}

export type VendorName = 'ga' | 'meta' | 'matomo';

/** Which stand-in sent a logged hit, or null for HubSpot's beacons. */
export function vendorOf(hit: BeaconRecord): VendorName | null {
  if (hit.host === VENDOR_HOSTS.gaCollect && hit.path === '/g/collect') return 'ga';
  if (hit.host === VENDOR_HOSTS.metaCollect && hit.path.startsWith('/tr')) return 'meta';
  if (hit.path === '/matomo.php') return 'matomo';
  return null;
}

/** The vendor's hits the server logged at or after `sinceMs` (server clock). */
export function hitsOf(demo: DemoHandle, vendor: VendorName, sinceMs: number): BeaconRecord[] {
  return demo.beacons().filter((hit) => hit.time >= sinceMs && vendorOf(hit) === vendor);
}

/** Resolves with the vendor's hits once there are at least `count` since `sinceMs`. */
export async function waitForHits(demo: DemoHandle, vendor: VendorName, count: number, sinceMs: number, timeoutMs = 10_000): Promise<BeaconRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hits = hitsOf(demo, vendor, sinceMs);
    if (hits.length >= count) return hits;
    if (Date.now() > deadline) throw new Error(`expected ${count} ${vendor} hits within ${timeoutMs} ms, got ${hits.length}`);
    await new Promise((resolve) => { setTimeout(resolve, 25); });
  }
}

/** Runs `action` (a navigation, a reload) and waits until all three stand-ins have sent one more page view. */
export async function afterShopPageViews(demo: DemoHandle, action: () => Promise<unknown>): Promise<void> {
  const counts = { ga: hitsOf(demo, 'ga', 0).length, meta: hitsOf(demo, 'meta', 0).length, matomo: hitsOf(demo, 'matomo', 0).length };
  await action();
  await waitForHits(demo, 'ga', counts.ga + 1, 0);
  await waitForHits(demo, 'meta', counts.meta + 1, 0);
  await waitForHits(demo, 'matomo', counts.matomo + 1, 0);
}

/** Loads a page of the shop (or `host`) and waits until all three stand-ins have sent their page view. */
export async function visitShop(demo: DemoHandle, page: Navigable, path = '/', host = SHOP_HOST): Promise<void> {
  await afterShopPageViews(demo, () => page.goto(demo.url(host, path)));
}
