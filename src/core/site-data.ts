// "Also clear this site's stored data" (the reset preview's optional tick): which of the site's
// origins and hosts the browser is asked to clear, and which kinds of stored data each browser lets
// an extension clear for a site. Pure; src/browser/site-data.ts makes the call.
//
// Chromium's browsingData.remove takes `origins` (scheme, host and port) for every kind of site
// storage: local storage, IndexedDB, cache storage and service workers. Firefox's takes
// `hostnames` (no scheme, subdomains not included; some kinds match the host with its port) for
// local storage, IndexedDB and service workers, and has no kind for cache storage at all: there it is left as it is.
import type { CookieRecord } from '../model/cookie.ts';
import type { SiteContext } from './site.ts';

export type StoredDataKind = 'localStorage' | 'indexedDB' | 'cacheStorage' | 'serviceWorkers';

/** Every kind the visitor is told about, in the order the preview names them. */
export const STORED_DATA_KINDS: readonly StoredDataKind[] = ['localStorage', 'indexedDB', 'cacheStorage', 'serviceWorkers'];

export type BrowserFamily = 'chromium' | 'firefox';

/** What each browser lets an extension clear for a given site. */
const CLEARABLE: Readonly<Record<BrowserFamily, readonly StoredDataKind[]>> = {
  chromium: STORED_DATA_KINDS,
  firefox: ['localStorage', 'indexedDB', 'serviceWorkers'],
};

export function clearableKinds(family: BrowserFamily): readonly StoredDataKind[] {
  return CLEARABLE[family];
}

/** The kinds this browser cannot clear for one site (the preview says so). */
export function unclearableKinds(family: BrowserFamily): StoredDataKind[] {
  const clearable = CLEARABLE[family];
  return STORED_DATA_KINDS.filter((kind) => !clearable.includes(kind));
}

export interface StoredDataPlan {
  /** For Chromium: every origin, `scheme://host[:port]`. */
  readonly origins: readonly string[];
  /** The site's hosts seen, without scheme or port (what the preview names). */
  readonly hosts: readonly string[];
  /**
   * For Firefox: every host, and each with the tab's port when it has one. Firefox's `hostnames`
   * are matched against a stored origin's host and port for some kinds (local storage among them),
   * and its schema takes `host:port`.
   */
  readonly hostnames: readonly string[];
  readonly kinds: readonly StoredDataKind[];
}

/**
 * The port of an absolute http(s) URL when it is not the scheme's default, else undefined
 * (no URL class in the pure core).
 */
export function explicitPort(url: string): string | undefined {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) return undefined;
  const rest = url.slice(schemeEnd + 3);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  // An IPv6 literal keeps its colons inside brackets: the port, if any, follows the `]`.
  const match = /:(\d+)$/.exec(hostPort.startsWith('[') ? hostPort.slice(hostPort.indexOf(']') + 1) : hostPort);
  if (match?.[1] === undefined) return undefined;
  const port = String(Number(match[1]));
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  if ((scheme === 'https' && port === '443') || (scheme === 'http' && port === '80')) return undefined;
  return port;
}

/**
 * The site's hosts seen (the tab's host, then every host its cookies live on, each once) and
 * their origins: http and https on the default ports, and on the tab's own port when it has one
 * (a site served on a port serves its other hosts there too).
 */
export function planStoredDataClear(site: SiteContext, cookies: readonly CookieRecord[], family: BrowserFamily): StoredDataPlan {
  const hosts: string[] = [site.host];
  for (const cookie of cookies) {
    const host = (cookie.domain.startsWith('.') ? cookie.domain.slice(1) : cookie.domain).toLowerCase();
    // Only hosts of the site: the popup's cookies are the site's, but a plan never reaches wider.
    const ofSite = host === site.registrableDomain || host.endsWith(`.${site.registrableDomain}`);
    if (host !== '' && ofSite && !hosts.includes(host)) hosts.push(host);
  }
  const port = explicitPort(site.url);
  const origins: string[] = [];
  const hostnames: string[] = [];
  for (const host of hosts) {
    for (const scheme of ['https', 'http']) origins.push(`${scheme}://${host}`);
    hostnames.push(host);
    if (port !== undefined) {
      origins.push(`${site.scheme}://${host}:${port}`);
      hostnames.push(`${host}:${port}`);
    }
  }
  return { origins, hosts, hostnames, kinds: clearableKinds(family) };
}
