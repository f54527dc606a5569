// HubSpot's network hosts (docs/facts/hubspot-cookies.md section 6), for per-site blocking and
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

/** Where page views and events are sent: a request here is tracking that happened. */
export const BEACON_HOST_PATTERNS: readonly string[] = [
  '*://track.hubspot.com/*',
  '*://track-eu1.hubspot.com/*',
  '*://track-na1.hubspot.com/*',
];

const BEACON_HOSTS: ReadonlySet<string> = new Set(['track.hubspot.com', 'track-eu1.hubspot.com', 'track-na1.hubspot.com']);

export function isBeaconHost(host: string): boolean {
  return BEACON_HOSTS.has(host);
}
