// "Is my choice holding?" — what the background has seen since the visitor made a choice on a site.
//
// Kept in storage.local (src/storage/evidence.ts), so a browser restart loses nothing. The
// background counts every tracking request from a ruled site from the moment it started counting
// (`countingSince`); a figure is only ever given for time it watched: from the later of the choice
// and that moment, and not at all ("not watched yet") when it never started.

/** The count for one site in one cookie store, for the current choice. */
export interface Verification {
  /** When this count began: the choice, or when Cookie Lens began counting if that was later. */
  readonly since: number;
  /** HubSpot tracking requests the site's pages sent since then. */
  readonly trackingRequests: number;
  readonly firstRequestAt?: number;
  readonly lastRequestAt?: number;
  readonly lastRequestHost?: string;
  /** When the tracker last wrote `__hstc` / `__hssc` on the site since then. */
  readonly hstcRefreshedAt?: number;
  readonly hsscRefreshedAt?: number;
  /**
   * Requests the site's pages sent to a blocked vendor's hosts that the blocking stopped, by
   * vendor id (src/core/vendors.ts), counted from the later of `since` and
   * `Evidence.blockedCountingSince`. Absent: none seen.
   */
  readonly blocked?: Readonly<Record<string, number>>;
}

/** Everything the background has counted. */
export interface Evidence {
  /** When the background began counting durably; null when it never has (nothing was watched). */
  readonly countingSince: number | null;
  /** Keyed by verificationKey(site, storeId). */
  readonly sites: Readonly<Record<string, Verification>>;
  /**
   * When the background began counting blocked requests per vendor. Absent where it never has:
   * in a browser that does not say which requests a blocking rule stopped (Firefox), and before
   * the version of Cookie Lens that counts them.
   */
  readonly blockedCountingSince?: number;
}

/** At most this many site counts are kept; the longest quiet ones go first. */
export const MAX_COUNTED_SITES = 500;

export const NO_EVIDENCE: Evidence = { countingSince: null, sites: {} };

export function verificationKey(site: string, storeId: string): string {
  return `${storeId}|${site}`;
}

export function freshVerification(now: number): Verification {
  return { since: now, trackingRequests: 0 };
}

/** The background starts counting (once; a later start keeps the first time). */
export function startCounting(evidence: Evidence, now: number): Evidence {
  return evidence.countingSince !== null ? evidence : { ...evidence, countingSince: now };
}

/** The background starts counting blocked requests per vendor (once; a later start keeps the first time). */
export function startBlockedCounting(evidence: Evidence, now: number): Evidence {
  const started = startCounting(evidence, now);
  return started.blockedCountingSince !== undefined ? started : { ...started, blockedCountingSince: now };
}

/** A new choice starts a new count. */
export function withChoiceMade(evidence: Evidence, key: string, now: number): Evidence {
  const started = startCounting(evidence, now);
  return bounded({ ...started, sites: { ...started.sites, [key]: freshVerification(now) } });
}

/** The count for the current choice: a count from an earlier choice (older than the rule) is dropped. */
function currentCount(evidence: Evidence, key: string, ruleSince: number): Verification {
  const existing = Object.hasOwn(evidence.sites, key) ? evidence.sites[key] : undefined;
  if (existing !== undefined && existing.since >= ruleSince) return existing;
  return freshVerification(Math.max(ruleSince, evidence.countingSince ?? ruleSince));
}

export function withTrackingRequest(evidence: Evidence, key: string, ruleSince: number, host: string, at: number): Evidence {
  const started = startCounting(evidence, at);
  const v = currentCount(started, key, ruleSince);
  const next: Verification = { ...v, trackingRequests: v.trackingRequests + 1, firstRequestAt: v.firstRequestAt ?? at, lastRequestAt: at, lastRequestHost: host };
  return bounded({ ...started, sites: { ...started.sites, [key]: next } });
}

/** One request to a blocked vendor's hosts that the blocking stopped, for the current choice. */
export function withBlockedRequest(evidence: Evidence, key: string, ruleSince: number, vendor: string, at: number): Evidence {
  const started = startBlockedCounting(evidence, at);
  const v = currentCount(started, key, ruleSince);
  if (at < v.since) return evidence;
  const blocked = { ...v.blocked, [vendor]: (v.blocked !== undefined && Object.hasOwn(v.blocked, vendor) ? (v.blocked[vendor] ?? 0) : 0) + 1 };
  return bounded({ ...started, sites: { ...started.sites, [key]: { ...v, blocked } } });
}

/** Refreshes from before the current count began do not count. */
export function withCookieRefresh(evidence: Evidence, key: string, ruleSince: number, name: string, at: number): Evidence {
  const started = startCounting(evidence, at);
  const v = currentCount(started, key, ruleSince);
  if (at < v.since) return evidence;
  const next = name === '__hstc' ? { ...v, hstcRefreshedAt: at } : name === '__hssc' ? { ...v, hsscRefreshedAt: at } : undefined;
  if (next === undefined) return evidence;
  return bounded({ ...started, sites: { ...started.sites, [key]: next } });
}

function lastActivity(v: Verification): number {
  return Math.max(v.since, v.lastRequestAt ?? 0, v.hstcRefreshedAt ?? 0, v.hsscRefreshedAt ?? 0);
}

function bounded(evidence: Evidence): Evidence {
  const entries = Object.entries(evidence.sites);
  if (entries.length <= MAX_COUNTED_SITES) return evidence;
  entries.sort(([, a], [, b]) => lastActivity(b) - lastActivity(a));
  return { ...evidence, sites: Object.fromEntries(entries.slice(0, MAX_COUNTED_SITES)) };
}

/** What the popup and the badge may say about a rule's site in one store. */
export type HoldingView =
  /** Cookie Lens has not counted anything yet: no figure may be given. */
  | { readonly watched: false }
  | {
      readonly watched: true;
      /** The count, from `count.since` (the choice, or when counting began if later). */
      readonly count: Verification;
      /** True when the count covers the whole time since the choice. */
      readonly sinceChoice: boolean;
      /**
       * Requests the blocking stopped, by vendor, counted from `since`. Absent where blocked
       * requests were never counted (Firefox): then no figure may be given for any vendor.
       */
      readonly blocked?: { readonly since: number; readonly byVendor: Readonly<Record<string, number>> };
    };

export function holdingView(evidence: Evidence, site: string, storeId: string, ruleSince: number): HoldingView {
  if (evidence.countingSince === null) return { watched: false };
  const count = currentCount(evidence, verificationKey(site, storeId), ruleSince);
  const view = { watched: true as const, count, sinceChoice: count.since <= ruleSince };
  if (evidence.blockedCountingSince === undefined) return view;
  return { ...view, blocked: { since: Math.max(count.since, evidence.blockedCountingSince), byVendor: count.blocked ?? {} } };
}

/**
 * "Blocked N requests since …" for one vendor: the count and its start, or null where no figure
 * may be given (nothing watched, or blocked requests never counted in this browser).
 */
export function vendorBlockedCount(view: HoldingView | null, vendor: string): { readonly count: number; readonly since: number } | null {
  if (view === null || !view.watched || view.blocked === undefined) return null;
  const { byVendor, since } = view.blocked;
  return { count: Object.hasOwn(byVendor, vendor) ? (byVendor[vendor] ?? 0) : 0, since };
}
