// What a site's rule asks of every tracker vendor beyond HubSpot's own cookies: which identity
// cookies to keep away, which requests to block (declarativeNetRequest, scoped to the site as
// initiator) and whether to send Global Privacy Control. Pure; the background applies it.
import type { CookieRecord } from '../model/cookie.ts';
import { gpcOn } from './page-scripts.ts';
import { vendorBlocked, type SiteRule, type VendorChoice } from './rules.ts';
import { TRACKER_VENDORS, trackerVendor, vendorOfIdentityCookie, type TrackerVendorId } from './vendors.ts';

/** The vendors whose requests are blocked and cookies kept away on the rule's site. */
export function blockedVendors(rule: SiteRule): TrackerVendorId[] {
  return TRACKER_VENDORS.filter((vendor) => vendorBlocked(rule, vendor.id)).map((vendor) => vendor.id);
}

/**
 * Cookies of the site whose vendor is blocked there: enforcement removes them on sight. HubSpot's
 * are left to its own plans (plans.ts), which keep its chat id while opted out.
 */
export function vendorCookiesToRemove(rule: SiteRule, cookies: readonly CookieRecord[]): CookieRecord[] {
  const blocked = new Map<TrackerVendorId, boolean>();
  const remove: CookieRecord[] = [];
  for (const cookie of cookies) {
    const vendor = vendorOfIdentityCookie(cookie.name);
    if (vendor === undefined || vendor === 'hubspot') continue;
    let isBlocked = blocked.get(vendor);
    if (isBlocked === undefined) {
      isBlocked = vendorBlocked(rule, vendor);
      blocked.set(vendor, isBlocked);
    }
    if (isBlocked) remove.push(cookie);
  }
  return remove;
}

/**
 * The choices after the visitor flips one vendor's switch. Kept explicitly either way, so the
 * popup can show the vendor's switch after its cookies are gone; turning opt-out on or off
 * starts the choices afresh (site-actions.ts).
 */
export function nextVendorChoices(rule: SiteRule | undefined, vendor: TrackerVendorId, blocked: boolean): Record<string, VendorChoice> {
  return { ...rule?.vendors, [vendor]: blocked ? 'block' : 'allow' };
}

/** Opting out blocks every vendor; the ones seen on the site are named, so their switches stay in view. */
export function seenVendorChoices(cookies: readonly CookieRecord[]): Record<string, VendorChoice> {
  const choices: Record<string, VendorChoice> = {};
  for (const cookie of cookies) {
    const vendor = vendorOfIdentityCookie(cookie.name);
    if (vendor !== undefined && vendor !== 'hubspot') choices[vendor] = 'block';
  }
  return choices;
}

/** One network rule for a site: block requests its pages send to these hosts (and paths). */
export interface BlockSpec {
  readonly kind: 'block';
  readonly site: string;
  /**
   * Hosts; each also covers its subdomains, as declarativeNetRequest's requestDomains does.
   * Absent: any host (a rule narrowed to exact paths by `regexFilter`).
   */
  readonly requestDomains?: readonly string[];
  /** Narrows to paths, for vendors that share a host with things that must keep working. */
  readonly regexFilter?: string;
}

/** Global Privacy Control for a site: the Sec-GPC request header on its requests. */
export interface GpcSpec {
  readonly kind: 'gpc';
  readonly site: string;
}

/**
 * Links to a site arrive without HubSpot's identity parameters (src/core/url-identity.ts): a
 * redirect of navigations whose query matches `pattern`, removing `params`.
 */
export interface StripLinksSpec {
  readonly kind: 'strip-links';
  readonly site: string;
  readonly params: readonly string[];
  readonly pattern: string;
}

export type NetworkSpec = BlockSpec | GpcSpec | StripLinksSpec;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Any scheme and host (with a port), then the path prefix as a whole segment (`/tr` is not `/track`). */
function pathFilter(pathPrefix: string): string {
  const end = pathPrefix.endsWith('/') ? '' : '(?:[/?#]|$)';
  return `^[a-z]+://[^/]+${escapeRegex(pathPrefix)}${end}`;
}

/** Any scheme and host, then exactly one of the paths (a query or fragment may follow). */
function exactPathsFilter(paths: readonly string[]): string {
  return `^[a-z]+://[^/]+(?:${paths.map(escapeRegex).join('|')})(?:[?#]|$)`;
}

/**
 * Every network rule the rules ask for: per site, one rule for the whole-host entries of its
 * blocked vendors and one per path-narrowed entry (same host and path merged), and one GPC rule
 * where the site is sent Global Privacy Control (gpcOn: opted out, unless switched off).
 * Sorted, so the same rules always give the same list.
 */
export function networkSpecs(rules: Iterable<SiteRule>): NetworkSpec[] {
  const specs: NetworkSpec[] = [];
  for (const rule of rules) {
    const wholeHosts = new Set<string>();
    const byFilter = new Map<string, Set<string>>();
    const anyHost = new Set<string>();
    for (const vendorId of blockedVendors(rule)) {
      const vendor = trackerVendor(vendorId);
      if (vendor === undefined) continue;
      for (const path of vendor.anyHostPaths ?? []) anyHost.add(path);
      for (const host of [...vendor.scriptHosts, ...vendor.collectHosts]) {
        if (host.pathPrefix === undefined) {
          wholeHosts.add(host.domain);
          continue;
        }
        const filter = pathFilter(host.pathPrefix);
        const domains = byFilter.get(filter) ?? new Set<string>();
        domains.add(host.domain);
        byFilter.set(filter, domains);
      }
      for (const path of vendor.firstPartyPaths) {
        const filter = pathFilter(path);
        const domains = byFilter.get(filter) ?? new Set<string>();
        domains.add(rule.site);
        byFilter.set(filter, domains);
      }
    }
    if (wholeHosts.size > 0) specs.push({ kind: 'block', site: rule.site, requestDomains: [...wholeHosts].sort() });
    for (const [regexFilter, domains] of [...byFilter].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      specs.push({ kind: 'block', site: rule.site, requestDomains: [...domains].sort(), regexFilter });
    }
    // The portal's own tracking domain, whatever it is: the requests are told by their path.
    if (anyHost.size > 0) specs.push({ kind: 'block', site: rule.site, regexFilter: exactPathsFilter([...anyHost].sort()) });
    if (gpcOn(rule)) specs.push({ kind: 'gpc', site: rule.site });
  }
  return specs;
}
