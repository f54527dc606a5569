// What each tracker other than HubSpot knows about the visitor, from its decoded cookies: one
// summary per vendor found on the site, in the facts table's order. HubSpot has its own, richer
// summary (report.ts). Pure; only what the cookies say, nothing inferred.
import type { Field } from '../decode/types.ts';
import { TRACKER_VENDORS, isTrackerVendorId, vendorOfIdentityCookie } from '../core/vendors.ts';
import type { TrackerVendorId } from '../core/vendors.ts';
import type { CookieView } from './report.ts';

export interface VendorIdFact {
  /** The decoder's field key (`clientId`, `randomId`, `visitorId`, ...): the label is `field_<key>`. */
  readonly key: string;
  readonly value: string;
  readonly cookie: string;
}

export interface VendorSummary {
  readonly vendor: TrackerVendorId;
  /** The vendor's cookies on the site, each name once. */
  readonly cookieNames: readonly string[];
  /** The earliest first visit or cookie creation its cookies record. */
  readonly firstSeen?: number;
  /** The highest session count its cookies record. */
  readonly sessionCount?: number;
  readonly pageViews?: number;
  /** The latest visit, hit or session start its cookies record. */
  readonly lastActivity?: number;
  readonly ids: readonly VendorIdFact[];
}

const FIRST_SEEN_KEYS: ReadonlySet<string> = new Set(['firstVisit', 'created']);
const LAST_ACTIVITY_KEYS: ReadonlySet<string> = new Set(['lastHit', 'currentVisit', 'lastActivity', 'lastEventTime', 'sessionStart']);
/** Ids that say who the visitor is (not which account, site or property the tracker reports to). */
const VISITOR_ID_KEYS: ReadonlySet<string> = new Set([
  'clientId', 'visitorId', 'randomId', 'userId', 'deviceId', 'anonymousId', 'distinctId', 'browserId', 'experienceCloudId', 'clickId', 'sessionId',
]);

interface Gathering {
  names: string[];
  firstSeen?: number;
  sessionCount?: number;
  pageViews?: number;
  lastActivity?: number;
  ids: VendorIdFact[];
}

function gather(into: Gathering, cookie: string, fields: readonly Field[]): void {
  for (const field of fields) {
    const value = field.value;
    if (value.kind === 'instant') {
      if (FIRST_SEEN_KEYS.has(field.key) && (into.firstSeen === undefined || value.epochMs < into.firstSeen)) into.firstSeen = value.epochMs;
      if (LAST_ACTIVITY_KEYS.has(field.key) && (into.lastActivity === undefined || value.epochMs > into.lastActivity)) into.lastActivity = value.epochMs;
    } else if (value.kind === 'count') {
      if (field.key === 'sessionCount' && (into.sessionCount === undefined || value.value > into.sessionCount)) into.sessionCount = value.value;
      if (field.key === 'pageViews' && (into.pageViews === undefined || value.value > into.pageViews)) into.pageViews = value.value;
    } else if (value.kind === 'id' && VISITOR_ID_KEYS.has(field.key)) {
      if (!into.ids.some((id) => id.key === field.key && id.value === value.value)) into.ids.push({ key: field.key, value: value.value, cookie });
    }
  }
}

/** The vendor a view belongs to for the summaries: its decoder's vendor, else the facts table's. */
export function trackerVendorOf(view: CookieView): TrackerVendorId | undefined {
  if (view.attribution === 'decoder' && view.vendor !== null && isTrackerVendorId(view.vendor)) return view.vendor;
  return vendorOfIdentityCookie(view.cookie.name);
}

/** One summary per tracker vendor other than HubSpot with cookies on the site, in the table's order. */
export function summariseVendors(views: readonly CookieView[]): VendorSummary[] {
  const byVendor = new Map<TrackerVendorId, Gathering>();
  for (const view of views) {
    const vendor = trackerVendorOf(view);
    if (vendor === undefined || vendor === 'hubspot') continue;
    let gathering = byVendor.get(vendor);
    if (gathering === undefined) {
      gathering = { names: [], ids: [] };
      byVendor.set(vendor, gathering);
    }
    if (!gathering.names.includes(view.cookie.name)) gathering.names.push(view.cookie.name);
    if (view.outcome !== null && view.outcome.ok) gather(gathering, view.cookie.name, view.outcome.fields);
  }
  const summaries: VendorSummary[] = [];
  for (const facts of TRACKER_VENDORS) {
    const gathering = byVendor.get(facts.id);
    if (gathering === undefined) continue;
    const summary: { -readonly [K in keyof VendorSummary]: VendorSummary[K] } = { vendor: facts.id, cookieNames: gathering.names, ids: gathering.ids };
    // Only values that are there become keys, as exactOptionalPropertyTypes requires.
    if (gathering.firstSeen !== undefined) summary.firstSeen = gathering.firstSeen;
    if (gathering.sessionCount !== undefined) summary.sessionCount = gathering.sessionCount;
    if (gathering.pageViews !== undefined) summary.pageViews = gathering.pageViews;
    if (gathering.lastActivity !== undefined) summary.lastActivity = gathering.lastActivity;
    summaries.push(summary);
  }
  return summaries;
}
