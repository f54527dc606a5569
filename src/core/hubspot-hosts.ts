// HubSpot's network hosts (docs/facts/hubspot-cookies.md section 6) and beacon paths
// (docs/facts/hubspot-real-tracker.md section f), for per-site blocking and
// for checking that tracking really stopped.

/**
 * Blocked at the "block" opt-out level, for pages of the chosen site only. The analytics code and
 * its beacon hosts: blocking these stops tracking while HubSpot forms and chat keep working
 * (blocking the js.hs-scripts.com loader would break those too). declarativeNetRequest's
 * requestDomains also matches subdomains, so `hs-analytics.net` covers js-eu1.hs-analytics.net.
 */
export const BLOCKED_TRACKING_DOMAINS: readonly string[] = [
  'hs-analytics.net',
  'track.hubspot.com',
  'track-eu1.hubspot.com',
  'track-na1.hubspot.com',
];

/**
 * The paths of HubSpot's tracking requests: page views and events (`/__ptq.gif`), custom
 * behavioural events (`/__ptbe.gif`) and, in newer builds, `/__ptc.gif`. They are told by what
 * they are, on any host: the portal picks the host (`setTrackingDomain`: track.hubspot.com,
 * track-eu1.hubspot.com, or a domain of its own). `/__pto.gif` is not one: it carries the
 * tracker's error reports, which HubSpot sends even under do-not-track.
 */
export const TRACKING_BEACON_PATHS: readonly string[] = ['/__ptq.gif', '/__ptbe.gif', '/__ptc.gif'];

/**
 * The webRequest filter: the browser matches it before waking the extension, so other requests
 * cost Cookie Lens nothing. The trailing `*` takes the query; the exact path is checked after.
 */
export const TRACKING_BEACON_PATTERNS: readonly string[] = TRACKING_BEACON_PATHS.map((path) => `*://*${path}*`);

const BEACON_PATHS: ReadonlySet<string> = new Set(TRACKING_BEACON_PATHS);

/** The path of an absolute URL (no URL class in the pure core); undefined when there is none. */
function pathOf(url: string): string | undefined {
  const scheme = url.indexOf('://');
  if (scheme < 0) return undefined;
  const authorityEnd = url.slice(scheme + 3).search(/[/?#]/);
  if (authorityEnd < 0 || url[scheme + 3 + authorityEnd] !== '/') return '/';
  const start = scheme + 3 + authorityEnd;
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}

/** Whether a request URL is one of HubSpot's tracking requests (a Set lookup on its path). */
export function isTrackingBeacon(url: string): boolean {
  const path = pathOf(url);
  return path !== undefined && BEACON_PATHS.has(path);
}
