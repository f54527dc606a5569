// The other domains of the site's HubSpot portal, as the page shows them: HubSpot's tracker keeps
// the identity of one visitor across every domain of a portal (docs/hubspot-tracker-facts.md,
// "Cross-domain identity"), so a reset on this site cannot unlink the others. Pure: the background
// gathers the raw strings from the page (src/browser/page-scripts.ts), this names the domains.

/** What a script in the page's own world found, as plain strings (hostile input: anything the page holds). */
export interface PortalDomainsSeen {
  /** The domain argument of every `['addCookieDomain', domain]` still in the page's `_hsq` queue. */
  readonly queued: readonly string[];
  /** Addresses of the page's links whose query carries HubSpot's linked identity (`__hstc`, `__hsfp`). */
  readonly decoratedLinks: readonly string[];
}

export interface PortalDomains {
  /** Domains the page told HubSpot's tracker about (addCookieDomain), without the leading dot. */
  readonly toldTracker: readonly string[];
  /** Hosts the page's links carry the visitor's HubSpot identity to, not already named above. */
  readonly linkedWithIdentity: readonly string[];
}

export const NO_PORTAL_DOMAINS: PortalDomains = { toldTracker: [], linkedWithIdentity: [] };

/** At most this many of each are named: a page cannot make the popup list thousands. */
const MAX_NAMED = 10;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** `host` is `domain` or under it. */
function within(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A cookie domain as the tracker is given it (`.example.com`), as a host name, or null when it is none. */
function domainName(raw: string): string | null {
  const name = raw.trim().toLowerCase().replace(/^\./, '');
  return HOST_NAME.test(name) ? name : null;
}

/** The host of an absolute http(s) address, or null. */
function linkHost(address: string): string | null {
  const match = /^https?:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(address.trim());
  return match?.[1] === undefined ? null : domainName(match[1]);
}

/**
 * The portal's domains other than the site the visitor is on (`site`, its registrable domain):
 * each named once, in the order the page gave them, the ones the page told the tracker first.
 */
export function portalDomainsOf(seen: PortalDomainsSeen, site: string): PortalDomains {
  const own = site.toLowerCase();
  const toldTracker: string[] = [];
  for (const raw of seen.queued) {
    const name = domainName(raw);
    if (name === null || within(name, own) || within(own, name) || toldTracker.includes(name)) continue;
    toldTracker.push(name);
  }
  const linkedWithIdentity: string[] = [];
  for (const address of seen.decoratedLinks) {
    const host = linkHost(address);
    if (host === null || within(host, own) || toldTracker.some((domain) => within(host, domain)) || linkedWithIdentity.includes(host)) continue;
    linkedWithIdentity.push(host);
  }
  return { toldTracker: toldTracker.slice(0, MAX_NAMED), linkedWithIdentity: linkedWithIdentity.slice(0, MAX_NAMED) };
}
