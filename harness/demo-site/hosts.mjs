// @ts-check
// Host names the demo site answers for. Shared by the server, the certificate and the browser
// launchers so that the resolver rules, the certificate and the routing can never disagree.

/** The demo site's registrable domain; its cookie domain is this with a leading dot. */
export const SITE_DOMAIN = 'hubdemo.test';

/** The configured HubSpot cookie domain of the demo site (hubspot-cookies.md section 3). */
export const SITE_COOKIE_DOMAIN = '.hubdemo.test';

export const SITE_HOSTS = /** @type {const} */ (['www.hubdemo.test', 'hubdemo.test', 'blog.hubdemo.test']);

/**
 * A second copy of the demo site under a public suffix of two labels (co.uk), so its registrable
 * domain has three labels: the popup's first read can only guess it (src/browser/site-read.ts).
 */
export const SUFFIX_SITE_DOMAIN = 'hubdemo.co.uk';
export const SUFFIX_SITE_HOSTS = /** @type {const} */ (['www.hubdemo.co.uk']);

/**
 * Another domain of the same made-up HubSpot portal (its `addCookieDomain` list names both), for
 * cross-domain identity: the tracker decorates links between the two and adopts identity from them.
 */
export const PARTNER_SITE_DOMAIN = 'hubdemo-partner.test';
export const PARTNER_COOKIE_DOMAIN = '.hubdemo-partner.test';
export const PARTNER_SITE_HOSTS = /** @type {const} */ (['www.hubdemo-partner.test']);

/** Every cookie domain the demo portal configures (`addCookieDomain`), in the tracker's order. */
export const PORTAL_COOKIE_DOMAINS = /** @type {const} */ (['.hubdemo.test', '.hubdemo-partner.test']);

/**
 * The portal's own tracking host for `?tracking=custom` (`setTrackingDomain`): beacons go there
 * instead of track.hubspot.com. Our made-up name, under the site's own domain.
 */
export const CUSTOM_TRACKING_HOST = 'track.hubdemo.test';

/**
 * A second shop without HubSpot: Google Analytics 4, Meta's pixel and a Matomo-style first-party
 * tracker only (our stand-ins, harness/demo-site/vendor-trackers.mjs), and a login cookie.
 */
export const OTHER_SITE_DOMAIN = 'gameta.test';
export const OTHER_SITE_HOSTS = /** @type {const} */ (['www.gameta.test']);

/** A third party the site embeds in a frame (think of a chat widget). */
export const EMBED_HOST = 'widget.embedco.test';

/** HubSpot's real host names, mapped to 127.0.0.1 by the browser so blocking rules can be tested for real. */
export const HUBSPOT_HOSTS = /** @type {const} */ ({
  loader: 'js.hs-scripts.com',
  tracker: 'js.hs-analytics.net',
  beacons: 'track.hubspot.com',
  banner: 'js.hs-banner.com',
});

/**
 * Google's and Meta's real script and collection hosts, mapped to 127.0.0.1 like HubSpot's, so
 * that blocking them per site is tested against the names the real trackers use.
 */
export const VENDOR_HOSTS = /** @type {const} */ ({
  gtag: 'www.googletagmanager.com',
  gaCollect: 'region1.google-analytics.com',
  metaScript: 'connect.facebook.net',
  metaCollect: 'www.facebook.com',
});

/** Every host name the server answers for, site first. */
export const ALL_HOSTS = [
  ...SITE_HOSTS, ...SUFFIX_SITE_HOSTS, ...PARTNER_SITE_HOSTS, ...OTHER_SITE_HOSTS, CUSTOM_TRACKING_HOST, EMBED_HOST,
  HUBSPOT_HOSTS.loader, HUBSPOT_HOSTS.tracker, HUBSPOT_HOSTS.beacons, HUBSPOT_HOSTS.banner, ...Object.values(VENDOR_HOSTS),
];

/** A made-up HubSpot portal (hub) id for the demo site. */
export const DEMO_PORTAL_ID = '4815162';

/**
 * Chromium's `--host-resolver-rules` value. No quotes: a launcher passes it as one argv entry.
 * @returns {string}
 */
export function chromiumHostResolverRules() {
  return `MAP *.test 127.0.0.1, ${[...SUFFIX_SITE_HOSTS, ...Object.values(HUBSPOT_HOSTS), ...Object.values(VENDOR_HOSTS)].map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`;
}

/**
 * Firefox's `network.dns.localDomains` value: exact names only, no wildcards.
 * @returns {string}
 */
export function firefoxLocalDomains() {
  return ALL_HOSTS.join(',');
}

/**
 * @param {string} host a host name without port
 * @returns {boolean}
 */
export function isSiteHost(host) {
  if (host === CUSTOM_TRACKING_HOST) return false;
  return [SITE_DOMAIN, SUFFIX_SITE_DOMAIN, PARTNER_SITE_DOMAIN].some((domain) => host === domain || host.endsWith(`.${domain}`))
    || isOtherSiteHost(host);
}

/**
 * @param {string} host a host name without port
 * @returns {boolean}
 */
export function isOtherSiteHost(host) {
  return host === OTHER_SITE_DOMAIN || host.endsWith(`.${OTHER_SITE_DOMAIN}`);
}
