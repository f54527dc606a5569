// Which site a tab is on, and which cookies belong to it. Pure: no browser API, no URL class
// (not in the pure lib), no clock.
//
// Registrable domains come from the Public Suffix List via tldts, private section included,
// because browsers use the private section to decide where Domain cookies may be set
// (foo.github.io is its own site, not a subdomain of github.io).
//
// Hosts without a registrable domain (decided here, tested in test/unit/core/site.test.ts):
// - IP addresses (127.0.0.1, [::1]): the site is the host itself; browsers keep cookies of an IP
//   host-only, so `domains` holds only the host.
// - Single-label hosts (localhost, intranet) and hosts that are themselves a public suffix
//   (github.io, co.uk): the site is the host itself, and only host-only cookies are possible.
// - Hosts under a name that is not on the list (.test, .localhost, .internal): the list's
//   default rule applies, so the registrable domain is the last two labels
//   (www.hubdemo.test -> hubdemo.test), which is also how Chromium scopes cookies there.
import { parse } from 'tldts';
import { cookieIdentity } from '../model/cookie.ts';
import type { CookieRecord } from '../model/cookie.ts';

export interface SiteContext {
  /** The page URL as given (a browser-normalised tab URL). */
  readonly url: string;
  readonly scheme: 'http' | 'https';
  /** Lower-case host without port; IPv6 addresses keep their brackets, as cookie domains do. */
  readonly host: string;
  readonly registrableDomain: string;
  /** Host first, then each parent up to and including registrableDomain. */
  readonly domains: readonly string[];
  /** Schemeful site, e.g. `https://example.com`: the partition key of a top-level page. */
  readonly topLevelSite: string;
  /** False for IP addresses and hosts without a registrable domain: only host-only cookies exist there. */
  readonly domainCookiesAllowed: boolean;
}

/**
 * Why a URL is not a site: not a URL, not http(s) (browser pages, file:, extension pages),
 * no host, or an add-on store page, where browsers do not let extensions act.
 */
export type SiteProblem = 'invalid-url' | 'unsupported-scheme' | 'no-host' | 'protected-page';

export type SiteResult = { ok: true; site: SiteContext } | { ok: false; problem: SiteProblem };

const SCHEME_PREFIX = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** Add-on store pages: browsers keep extensions away from them. */
const ADD_ON_STORES: readonly { readonly host: string; readonly pathPrefix: string }[] = [
  { host: 'chromewebstore.google.com', pathPrefix: '/' },
  { host: 'chrome.google.com', pathPrefix: '/webstore' },
  { host: 'microsoftedge.microsoft.com', pathPrefix: '/addons' },
  { host: 'addons.mozilla.org', pathPrefix: '/' },
];

export function siteFromUrl(url: string): SiteResult {
  const trimmed = url.trim();
  const schemeMatch = SCHEME_PREFIX.exec(trimmed);
  const rawScheme = schemeMatch?.[1];
  if (schemeMatch === null || rawScheme === undefined) return { ok: false, problem: 'invalid-url' };
  const scheme = rawScheme.toLowerCase();
  // Browser pages, file:, extension pages and the like are not sites.
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, problem: 'unsupported-scheme' };

  const afterScheme = trimmed.slice(schemeMatch[0].length);
  if (!afterScheme.startsWith('//')) return { ok: false, problem: 'invalid-url' };
  if (!hasHost(afterScheme.slice(2))) return { ok: false, problem: 'no-host' };

  const parsed = parse(trimmed, { allowPrivateDomains: true });
  const hostname = parsed.hostname;
  if (hostname === null || hostname === '' || hostname.startsWith('.')) return { ok: false, problem: 'invalid-url' };

  const path = pathOf(afterScheme.slice(2));
  if (ADD_ON_STORES.some((store) => store.host === hostname && path.startsWith(store.pathPrefix))) {
    return { ok: false, problem: 'protected-page' };
  }

  const isIp = parsed.isIp === true;
  const host = isIp && hostname.includes(':') ? `[${hostname}]` : hostname;
  const registrable = isIp ? null : parsed.domain;
  const registrableDomain = registrable ?? host;
  return {
    ok: true,
    site: {
      url: trimmed,
      scheme,
      host,
      registrableDomain,
      domains: registrable === null ? [host] : parentDomains(host, registrable),
      topLevelSite: `${scheme}://${registrableDomain}`,
      domainCookiesAllowed: registrable !== null,
    },
  };
}

/** Whether `user@host:port/path...` names a host at all (`https:///x` and `https://:80/` do not). */
function hasHost(rest: string): boolean {
  const end = rest.search(/[/?#\\]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostAndPort.startsWith('[')) return hostAndPort.length > 2;
  const colon = hostAndPort.indexOf(':');
  return (colon === -1 ? hostAndPort : hostAndPort.slice(0, colon)) !== '';
}

/** The path of `authority/path?query#fragment`, `/` when there is none. */
function pathOf(rest: string): string {
  const start = rest.search(/[/?#]/);
  if (start === -1 || rest.charAt(start) !== '/') return '/';
  const path = rest.slice(start);
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

function parentDomains(host: string, registrableDomain: string): string[] {
  const domains = [host];
  let current = host;
  while (current !== registrableDomain && current.length > registrableDomain.length) {
    const dot = current.indexOf('.');
    if (dot === -1) break;
    current = current.slice(dot + 1);
    domains.push(current);
  }
  return domains;
}

export type CookieScope = 'host-only' | 'domain' | 'partitioned';

/**
 * How a cookie belongs to the site, or null when it does not: host-only cookies of the exact
 * host, Domain cookies of the host or any parent up to the registrable domain (every path), and
 * partitioned cookies whose top-level site is this site, whatever their own domain (an embedded
 * HubSpot frame writes those). The store is not checked here: see siteCookies.
 *
 * A partition key with an empty top-level site is treated as no partition. With Firefox
 * first-party isolation, only cookies isolated to this site (or not isolated) belong to it.
 */
export function scopeOf(cookie: CookieRecord, site: SiteContext): CookieScope | null {
  const firstParty = cookie.firstPartyDomain;
  if (firstParty !== undefined && firstParty !== '' && firstParty !== site.registrableDomain) return null;

  const topLevel = cookie.partitionKey?.topLevelSite;
  if (topLevel !== undefined && topLevel !== '') {
    return withoutTrailingSlash(topLevel) === site.topLevelSite ? 'partitioned' : null;
  }

  if (cookie.hostOnly) return cookie.domain === site.host ? 'host-only' : null;
  const domain = cookie.domain.startsWith('.') ? cookie.domain.slice(1) : cookie.domain;
  return site.domains.includes(domain) ? 'domain' : null;
}

function withoutTrailingSlash(value: string): string {
  return value.endsWith('/') ? value.slice(0, -1) : value;
}

/** One of the site's cookies, with how it belongs to the site (scopeOf), found once when it is read. */
export interface SiteCookie extends CookieRecord {
  readonly scope: CookieScope;
}

/** The site's cookies in one cookie store, each stored cookie once, as `keep` makes them from the cookie and its scope. */
function eachSiteCookie<T>(all: readonly CookieRecord[], site: SiteContext, storeId: string, keep: (cookie: CookieRecord, scope: CookieScope) => T): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const cookie of all) {
    if (cookie.storeId !== storeId) continue;
    const scope = scopeOf(cookie, site);
    if (scope === null) continue;
    const identity = cookieIdentity(cookie);
    if (seen.has(identity)) continue;
    seen.add(identity);
    result.push(keep(cookie, scope));
  }
  return result;
}

/** The site's cookies in one cookie store, each stored cookie once, each with its scope. */
export function scopedSiteCookies(all: readonly CookieRecord[], site: SiteContext, storeId: string): SiteCookie[] {
  return eachSiteCookie(all, site, storeId, (cookie, scope) => ({ ...cookie, scope }));
}

/** The site's cookies in one cookie store, each stored cookie once, as the browser keeps them (no scope). */
export function siteCookies(all: readonly CookieRecord[], site: SiteContext, storeId: string): CookieRecord[] {
  return eachSiteCookie(all, site, storeId, (cookie) => cookie);
}

/**
 * The Domain attribute (with a leading dot) HubSpot's script uses on this site, which is where
 * consent and do-not-track cookies must go for the script to read them on every page:
 * 1. the domain whose hash matched `__hstc`, when one did and it is one of the site's domains;
 * 2. otherwise HubSpot's own rule (drop the first label when the host has more than two), when
 *    that still lies at or below the registrable domain;
 * 3. otherwise the registrable domain (the naive rule would give `.co.uk` for example.co.uk).
 * On sites where domainCookiesAllowed is false the browser keeps such a cookie host-only anyway;
 * the plans write host-only cookies there.
 */
export function hubspotCookieDomain(site: SiteContext, hstcDomainHashMatch: string | null): string {
  if (hstcDomainHashMatch !== null) {
    const matched = stripLeadingDot(hstcDomainHashMatch.toLowerCase());
    if (site.domains.includes(matched)) return `.${matched}`;
  }
  const labels = site.host.split('.');
  const naive = labels.length > 2 ? labels.slice(1).join('.') : site.host;
  if (site.domains.includes(naive)) return `.${naive}`;
  return `.${site.registrableDomain}`;
}

export function stripLeadingDot(domain: string): string {
  return domain.startsWith('.') ? domain.slice(1) : domain;
}
