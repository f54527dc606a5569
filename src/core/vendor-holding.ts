// "Holding" per vendor: which requests to watch for being stopped by a site's blocking rules, and
// whose they are. Pure; the background counts (src/background/vendor-holding.ts) and the evidence
// keeps the counts (src/core/verification.ts).
import { vendorBlocked, type SiteRule } from './rules.ts';
// Which requests can be stopped (BLOCKABLE_REQUEST_PATTERNS) and whose they are
// (vendorOfBlockableRequest) live with the vendors' hosts in vendors.ts, which every page has.
import { vendorOfBlockableRequest, type TrackerVendorId } from './vendors.ts';

/**
 * The vendor a stopped request went to, when the site's rule blocks that vendor; undefined for a
 * request of no vendor, or of one the rule lets through (stopped by something else, then).
 * `site` is the rule's registrable domain: requests to it may be a self-hosted tracker.
 */
export function blockedVendorOf(rule: SiteRule, url: string): TrackerVendorId | undefined {
  const vendor = vendorOfBlockableRequest(rule.site, url)?.vendor;
  return vendor !== undefined && vendorBlocked(rule, vendor) ? vendor : undefined;
}
