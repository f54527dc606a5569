// The facts Cookie Lens needs about each analytics and advertising vendor it recognises, beyond
// decoding: which cookies carry the visitor's identity (a reset removes them, an opt-out keeps
// them away) and which hosts and paths its script and its hits use (blocked per site). Written
// from the vendors' public documentation; sources in docs/VENDORS.md. Vendor ids are the decoder
// families' own (`CookieFamily.vendor`), so display names and categories come from there;
// test/unit/core/vendors.test.ts holds every name here to the decoder of the same vendor.
//
// Lookups are Map probes, never a scan of the table: a cookie name by its exact name, then by the
// stems it can carry (`_ga_` of `_ga_QEHZPBE5HH`); a request host by its label suffixes.
import { BLOCKED_TRACKING_DOMAINS, TRACKING_BEACON_PATHS } from './hubspot-hosts.ts';
import { IDENTITY_COOKIES as HUBSPOT_IDENTITY_COOKIES, resetGroupOf } from './hubspot-sets.ts';
import type { ResetGroup } from './hubspot-sets.ts';

export type TrackerVendorId =
  | 'hubspot'
  | 'google-analytics'
  | 'google-ads'
  | 'meta'
  | 'matomo'
  | 'hotjar'
  | 'microsoft-clarity'
  | 'amplitude'
  | 'mixpanel'
  | 'segment'
  | 'intercom'
  | 'linkedin'
  | 'tiktok'
  | 'marketo'
  | 'pardot'
  | 'microsoft-advertising'
  | 'adobe'
  | 'drift';

/** A host (it and its subdomains), optionally narrowed to paths that start with `pathPrefix`. */
export interface VendorHost {
  readonly domain: string;
  readonly pathPrefix?: string;
}

/** A cookie name that carries an id after a fixed stem; `rest` checks what follows the stem. */
export interface IdentityStem {
  readonly stem: string;
  readonly rest: RegExp;
}

export interface TrackerVendorFacts {
  readonly id: TrackerVendorId;
  /** Exact names of the cookies that identify the visitor or carry their visits and sessions. */
  readonly identityNames: readonly string[];
  readonly identityStems: readonly IdentityStem[];
  /** Where the vendor's tracking script is loaded from. */
  readonly scriptHosts: readonly VendorHost[];
  /** Where its page views, events and beacons are sent. */
  readonly collectHosts: readonly VendorHost[];
  /** For self-hosted trackers: script and collection paths on the site's own hosts. */
  readonly firstPartyPaths: readonly string[];
  /**
   * Exact paths of the vendor's tracking requests on any host, for vendors whose customers pick
   * the collection host (HubSpot's `setTrackingDomain`: a regional host or the portal's own).
   */
  readonly anyHostPaths?: readonly string[];
}

const anyRest = /^.+$/;
const digits = /^\d+$/;

/** The table, HubSpot first (the order the popup shows vendors in). */
export const TRACKER_VENDORS: readonly TrackerVendorFacts[] = [
  {
    id: 'hubspot',
    identityNames: [...HUBSPOT_IDENTITY_COOKIES],
    identityStems: [],
    scriptHosts: [{ domain: 'hs-analytics.net' }],
    collectHosts: BLOCKED_TRACKING_DOMAINS.filter((domain) => domain !== 'hs-analytics.net').map((domain) => ({ domain })),
    firstPartyPaths: [],
    // Page views and events, wherever the portal sends them; not /__pto.gif error reports.
    anyHostPaths: TRACKING_BEACON_PATHS,
  },
  {
    id: 'google-analytics',
    identityNames: ['_ga', '_gid', '_gat', '__utma', '__utmb', '__utmc', '__utmz', '__utmv', '__utmt'],
    identityStems: [
      { stem: '_ga_', rest: /^[A-Z0-9]+$/ },
      { stem: '_gat_', rest: anyRest },
      // The GA + Ads link cookie: the decoders file it under Google Analytics.
      { stem: '_gac_', rest: anyRest },
      { stem: '_dc_gtm_', rest: anyRest },
    ],
    // gtag.js also carries Google Ads tags; blocking it stops both on that site.
    scriptHosts: [{ domain: 'www.googletagmanager.com', pathPrefix: '/gtag/js' }, { domain: 'www.google-analytics.com', pathPrefix: '/analytics.js' }],
    collectHosts: [{ domain: 'google-analytics.com' }, { domain: 'analytics.google.com' }],
    firstPartyPaths: [],
  },
  {
    id: 'google-ads',
    identityNames: ['_gcl_au', '_gcl_aw', '_gcl_dc', '_gcl_gs', '_gcl_gf'],
    identityStems: [],
    scriptHosts: [{ domain: 'googleadservices.com' }],
    collectHosts: [{ domain: 'googleads.g.doubleclick.net' }, { domain: 'googleadservices.com' }],
    firstPartyPaths: [],
  },
  {
    id: 'meta',
    identityNames: ['_fbp', '_fbc'],
    identityStems: [],
    scriptHosts: [{ domain: 'connect.facebook.net' }],
    // Only the pixel's endpoint: the rest of facebook.com (embeds, log-in buttons) keeps working.
    collectHosts: [{ domain: 'www.facebook.com', pathPrefix: '/tr' }],
    firstPartyPaths: [],
  },
  {
    id: 'matomo',
    identityNames: [],
    identityStems: [
      { stem: '_pk_id.', rest: anyRest },
      { stem: '_pk_ses.', rest: anyRest },
      { stem: '_pk_ref.', rest: anyRest },
    ],
    scriptHosts: [{ domain: 'cdn.matomo.cloud' }],
    collectHosts: [{ domain: 'matomo.cloud' }],
    firstPartyPaths: ['/matomo.js', '/matomo.php', '/piwik.js', '/piwik.php'],
  },
  {
    id: 'hotjar',
    identityNames: [],
    identityStems: [{ stem: '_hjSessionUser_', rest: digits }, { stem: '_hjSession_', rest: digits }],
    scriptHosts: [{ domain: 'static.hotjar.com' }, { domain: 'script.hotjar.com' }],
    collectHosts: [{ domain: 'hotjar.com' }, { domain: 'hotjar.io' }],
    firstPartyPaths: [],
  },
  {
    id: 'microsoft-clarity',
    identityNames: ['_clck', '_clsk'],
    identityStems: [],
    scriptHosts: [{ domain: 'www.clarity.ms', pathPrefix: '/tag/' }],
    collectHosts: [{ domain: 'clarity.ms' }],
    firstPartyPaths: [],
  },
  {
    id: 'amplitude',
    identityNames: [],
    identityStems: [{ stem: 'AMP_MKTG_', rest: /^[0-9A-Za-z]{10}$/ }, { stem: 'AMP_', rest: /^[0-9A-Za-z]{10}$/ }],
    scriptHosts: [{ domain: 'cdn.amplitude.com' }],
    collectHosts: [{ domain: 'api.amplitude.com' }, { domain: 'api2.amplitude.com' }, { domain: 'api.eu.amplitude.com' }],
    firstPartyPaths: [],
  },
  {
    id: 'mixpanel',
    identityNames: [],
    identityStems: [{ stem: 'mp_', rest: /^[0-9a-f]{32}_mixpanel$/ }],
    scriptHosts: [{ domain: 'cdn.mxpnl.com' }],
    collectHosts: [{ domain: 'api-js.mixpanel.com' }, { domain: 'api.mixpanel.com' }, { domain: 'api-eu.mixpanel.com' }],
    firstPartyPaths: [],
  },
  {
    id: 'segment',
    identityNames: ['ajs_anonymous_id', 'ajs_user_id', 'ajs_group_id'],
    identityStems: [{ stem: 'ajs_', rest: anyRest }],
    scriptHosts: [{ domain: 'cdn.segment.com' }],
    collectHosts: [{ domain: 'api.segment.io' }],
    firstPartyPaths: [],
  },
  {
    id: 'intercom',
    identityNames: [],
    identityStems: [
      { stem: 'intercom-id-', rest: anyRest },
      { stem: 'intercom-session-', rest: anyRest },
      { stem: 'intercom-device-id-', rest: anyRest },
    ],
    scriptHosts: [{ domain: 'widget.intercom.io' }, { domain: 'js.intercomcdn.com' }],
    collectHosts: [{ domain: 'intercom.io' }],
    firstPartyPaths: [],
  },
  {
    id: 'linkedin',
    identityNames: ['li_fat_id', 'li_sugr', 'bcookie', 'lidc'],
    identityStems: [],
    scriptHosts: [{ domain: 'snap.licdn.com' }],
    collectHosts: [{ domain: 'px.ads.linkedin.com' }, { domain: 'dc.ads.linkedin.com' }],
    firstPartyPaths: [],
  },
  {
    id: 'tiktok',
    identityNames: ['_ttp', '_tt_enable_cookie'],
    identityStems: [],
    scriptHosts: [{ domain: 'analytics.tiktok.com', pathPrefix: '/i18n/pixel/' }],
    collectHosts: [{ domain: 'analytics.tiktok.com', pathPrefix: '/api/' }],
    firstPartyPaths: [],
  },
  {
    id: 'marketo',
    identityNames: ['_mkto_trk'],
    identityStems: [],
    scriptHosts: [{ domain: 'munchkin.marketo.net' }],
    collectHosts: [{ domain: 'mktoresp.com' }],
    firstPartyPaths: [],
  },
  {
    id: 'pardot',
    identityNames: [],
    identityStems: [{ stem: 'visitor_id', rest: /^\d+(?:-hash)?$/ }],
    scriptHosts: [{ domain: 'pi.pardot.com' }, { domain: 'cdn.pardot.com' }],
    collectHosts: [{ domain: 'pi.pardot.com' }],
    firstPartyPaths: [],
  },
  {
    id: 'microsoft-advertising',
    identityNames: ['_uetsid', '_uetvid'],
    identityStems: [],
    scriptHosts: [{ domain: 'bat.bing.com', pathPrefix: '/bat.js' }],
    collectHosts: [{ domain: 'bat.bing.com', pathPrefix: '/action/' }],
    firstPartyPaths: [],
  },
  {
    id: 'adobe',
    identityNames: ['s_ecid'],
    identityStems: [{ stem: 'AMCV_', rest: /^.+(?:@|%40)AdobeOrg$/ }],
    scriptHosts: [],
    collectHosts: [{ domain: 'demdex.net' }, { domain: 'omtrdc.net' }, { domain: '2o7.net' }],
    firstPartyPaths: [],
  },
  {
    id: 'drift',
    identityNames: ['driftt_aid', 'drift_aid', 'drift_campaign_refresh'],
    identityStems: [],
    scriptHosts: [{ domain: 'js.driftt.com' }],
    collectHosts: [{ domain: 'event.api.drift.com' }],
    firstPartyPaths: [],
  },
];

const vendorsById = new Map<TrackerVendorId, TrackerVendorFacts>(TRACKER_VENDORS.map((vendor) => [vendor.id, vendor]));
const exactNames = new Map<string, TrackerVendorId>();
const stems = new Map<string, { readonly vendor: TrackerVendorId; readonly rest: RegExp }>();
/** domain → the vendor's path prefixes there ('' = the whole host). */
const hosts = new Map<string, Array<{ readonly vendor: TrackerVendorId; readonly pathPrefix: string }>>();
const firstPartyPaths = new Map<string, TrackerVendorId>();

for (const vendor of TRACKER_VENDORS) {
  for (const name of vendor.identityNames) exactNames.set(name, vendor.id);
  for (const stem of vendor.identityStems) stems.set(stem.stem, { vendor: vendor.id, rest: stem.rest });
  for (const host of [...vendor.scriptHosts, ...vendor.collectHosts]) {
    const entries = hosts.get(host.domain) ?? [];
    entries.push({ vendor: vendor.id, pathPrefix: host.pathPrefix ?? '' });
    hosts.set(host.domain, entries);
  }
  for (const path of vendor.firstPartyPaths) firstPartyPaths.set(path, vendor.id);
}

export function trackerVendor(id: TrackerVendorId): TrackerVendorFacts | undefined {
  return vendorsById.get(id);
}

export function isTrackerVendorId(id: string): id is TrackerVendorId {
  return vendorsById.has(id as TrackerVendorId);
}

/**
 * The places a stem can end in a cookie name: after `_`, `.` or `-`, and where a run of digits
 * starts (`visitor_id` of `visitor_id12345`). Longest first; the first 32 characters are enough.
 */
function stemCandidates(name: string): string[] {
  const candidates: string[] = [];
  const limit = Math.min(name.length - 1, 32);
  for (let end = limit; end >= 1; end -= 1) {
    const before = name.charCodeAt(end - 1);
    const at = name.charCodeAt(end);
    const afterSeparator = before === 0x5f || before === 0x2e || before === 0x2d;
    const digitStarts = at >= 0x30 && at <= 0x39 && !(before >= 0x30 && before <= 0x39);
    if (afterSeparator || digitStarts) candidates.push(name.slice(0, end));
  }
  return candidates;
}

/** The vendor whose identity cookie this is, or undefined (login, consent, unrecognised, ...). */
export function vendorOfIdentityCookie(name: string): TrackerVendorId | undefined {
  const exact = exactNames.get(name);
  if (exact !== undefined) return exact;
  for (const stem of stemCandidates(name)) {
    const entry = stems.get(stem);
    if (entry !== undefined && entry.rest.test(name.slice(stem.length))) return entry.vendor;
  }
  return undefined;
}

/**
 * The vendor a request goes to, by its host (walking the label suffixes) and path, or undefined.
 * `siteHost` true means the request goes to the page's own site, where self-hosted trackers live.
 */
export function vendorOfRequest(host: string, path: string, siteHost = false): TrackerVendorId | undefined {
  if (siteHost) {
    const firstParty = firstPartyPaths.get(path);
    if (firstParty !== undefined) return firstParty;
  }
  let domain = host.toLowerCase();
  for (;;) {
    const entries = hosts.get(domain);
    if (entries !== undefined) {
      for (const entry of entries) if (path.startsWith(entry.pathPrefix)) return entry.vendor;
    }
    const dot = domain.indexOf('.');
    if (dot === -1) return undefined;
    domain = domain.slice(dot + 1);
  }
}

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
 * The vendor a request from a page of `site` (a registrable domain) goes to, and its host, by the
 * vendor's script and collection hosts and, on the site itself, its self-hosted paths; undefined
 * for a request of no vendor.
 */
export function vendorOfBlockableRequest(site: string, url: string): { readonly vendor: TrackerVendorId; readonly host: string } | undefined {
  const parts = hostAndPath(url);
  if (parts === null) return undefined;
  const onSite = parts.host === site || parts.host.endsWith(`.${site}`);
  const vendor = vendorOfRequest(parts.host, parts.path, onSite);
  return vendor === undefined ? undefined : { vendor, host: parts.host };
}

/**
 * A reset's group for any cookie: every recognised vendor's identity cookies are `identity` (they
 * go by default); everything else keeps HubSpot's grouping (consent, login and necessary, ...).
 */
export function resetGroupOfAny(name: string): ResetGroup {
  return vendorOfIdentityCookie(name) !== undefined ? 'identity' : resetGroupOf(name);
}
