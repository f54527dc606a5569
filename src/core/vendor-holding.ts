// "Holding" per vendor: which requests to watch for being stopped by a site's blocking rules, and
// whose they are. Pure; the background counts (src/background/vendor-holding.ts) and the evidence
// keeps the counts (src/core/verification.ts).
import { vendorBlocked, type SiteRule } from './rules.ts';
import { TRACKER_VENDORS, vendorOfRequest, type TrackerVendorId } from './vendors.ts';

/**
 * webRequest URL patterns for every host and self-hosted path a vendor block can stop
 * (src/core/vendor-rules.ts networkSpecs blocks exactly these): the browser matches them before
 * waking the extension, so other requests cost nothing.
 */
export const BLOCKABLE_REQUEST_PATTERNS: readonly string[] = [...new Set(TRACKER_VENDORS.flatMap((vendor) => [
  ...[...vendor.scriptHosts, ...vendor.collectHosts].flatMap(({ domain }) => [`*://${domain}/*`, `*://*.${domain}/*`]),
  ...vendor.firstPartyPaths.map((path) => `*://*/*${path.slice(1)}*`),
]))];

/** Host and path of an absolute http(s) URL (no URL class in the pure core); null when it is none. */
function hostAndPath(url: string): { readonly host: string; readonly path: string } | null {
  const match = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)(?::\d+)?([^?#]*)/i.exec(url);
  if (match === null) return null;
  return { host: (match[1] ?? '').toLowerCase(), path: match[2] === undefined || match[2] === '' ? '/' : match[2] };
}

/**
 * The vendor a stopped request went to, when the site's rule blocks that vendor; undefined for a
 * request of no vendor, or of one the rule lets through (stopped by something else, then).
 * `site` is the rule's registrable domain: requests to it may be a self-hosted tracker.
 */
export function blockedVendorOf(rule: SiteRule, url: string): TrackerVendorId | undefined {
  const parts = hostAndPath(url);
  if (parts === null) return undefined;
  const onSite = parts.host === rule.site || parts.host.endsWith(`.${rule.site}`);
  const vendor = vendorOfRequest(parts.host, parts.path, onSite);
  return vendor !== undefined && vendorBlocked(rule, vendor) ? vendor : undefined;
}
