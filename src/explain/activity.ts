// The side panel's live activity log: what trackers did on the shown site while the panel watched.
// Pure: the panel page hands in each cookie change and tracking request it observed (through
// src/browser/activity.ts) and renders the entries. A cookie write is explained by decoding the
// old and the new value with the project's decoders and comparing the fields.
import type { CookieRecord } from '../model/cookie.ts';
import { cookieIdentity } from '../model/cookie.ts';
import type { Field, VendorId } from '../decode/types.ts';
import { findFamily, runDecoder } from '../decode/registry.ts';
import { ownerHost, tabShowsOwner } from '../core/cookie-change.ts';
import { BLOCKABLE_REQUEST_PATTERNS, TRACKER_VENDORS, vendorOfBlockableRequest } from '../core/vendors.ts';

/** What happened to a cookie, as far as the old and new value tell. */
export type CookieEvent = 'session-started' | 'written' | 'changed' | 'refreshed' | 'deleted' | 'expired';
/** What a tracking request was; HubSpot's beacon kind comes from `/__ptq.gif?k=` (docs/facts/hubspot-real-tracker.md, f). */
export type RequestKind = 'page-view' | 'event' | 'form' | 'other';

export type ActivityEntry =
  | {
      readonly kind: 'cookie'; readonly seq: number; readonly at: number; readonly site: string;
      readonly vendor: VendorId | null; readonly name: string; readonly event: CookieEvent;
      /** The new session number, for `session-started`. */
      readonly sessionNumber?: number;
      /** Keys of the decoded fields that changed, for `changed`. */
      readonly changedFields?: readonly string[];
    }
  | {
      readonly kind: 'request'; readonly seq: number; readonly at: number; readonly site: string;
      readonly vendor: VendorId; readonly host: string; readonly request: RequestKind;
      /** This vendor's requests seen on this site so far in this panel session, this one included. */
      readonly count: number;
    }
  | {
      readonly kind: 'blocked'; readonly seq: number; readonly at: number; readonly site: string;
      readonly vendor: VendorId; readonly host: string;
    };

/** A cookie change as the browser reports it (`cookies.onChanged`). */
export interface ObservedCookieChange {
  readonly removed: boolean;
  readonly cause: string;
  readonly cookie: CookieRecord;
}

/** Where each recognised tracker sends its page views and events (src/core/vendors.ts); a host also matches its subdomains. */
const COLLECT_HOSTS: ReadonlyArray<{ readonly domain: string; readonly pathPrefix: string; readonly vendor: VendorId }> = TRACKER_VENDORS.flatMap(
  (vendor) => vendor.collectHosts.map((host) => ({ domain: host.domain, pathPrefix: host.pathPrefix ?? '/', vendor: vendor.id })),
);

/** Match patterns for webRequest: only these requests are observed. */
export const TRACKER_REQUEST_PATTERNS: readonly string[] = [...new Set(COLLECT_HOSTS.flatMap(({ domain }) => [`*://${domain}/*`, `*://*.${domain}/*`]))];

/** Where the log looks for requests a blocking rule stopped: the trackers' script and collection hosts and self-hosted paths. */
export const BLOCKED_REQUEST_PATTERNS: readonly string[] = BLOCKABLE_REQUEST_PATTERNS;

/** Whose tracking request a URL is, and what kind; null when it is not one Cookie Lens knows. */
export function classifyTrackingRequest(url: string): { readonly vendor: VendorId; readonly host: string; readonly request: RequestKind } | null {
  // No URL class in the pure core: requests from webRequest are absolute http(s) URLs.
  const match = /^https?:\/\/(?:[^@/?#]*@)?([^:/?#]+)(?::\d+)?([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (match === null) return null;
  const host = (match[1] ?? '').toLowerCase();
  const pathname = match[2] ?? '';
  const query = match[3] ?? '';
  const entry = COLLECT_HOSTS.find(({ domain, pathPrefix }) => (host === domain || host.endsWith(`.${domain}`)) && pathname.startsWith(pathPrefix));
  if (entry === undefined) return null;
  const vendor = entry.vendor;
  let request: RequestKind = 'other';
  if (vendor === 'hubspot' && pathname === '/__ptq.gif') {
    const k = Number(/(?:^|&)k=(\d+)(?:&|$)/.exec(query)?.[1] ?? 'NaN');
    if (k === 1) request = 'page-view';
    else if (k === 3) request = 'event';
    else if (k >= 15 && k <= 19) request = 'form';
  } else if (vendor === 'hubspot' && pathname === '/__ptbe.gif') {
    request = 'event';
  }
  return { vendor, host, request };
}

function decodedFields(cookie: CookieRecord, now: number): readonly Field[] | null {
  const family = findFamily(cookie.name);
  if (family === undefined || family.load !== undefined) return null;
  const host = cookie.domain.startsWith('.') ? cookie.domain.slice(1) : cookie.domain;
  const outcome = runDecoder(family.decode, cookie.value, { now, host, name: cookie.name, cookieDomain: cookie.domain });
  return outcome.ok ? outcome.fields : null;
}

function sessionNumber(fields: readonly Field[] | null): number | undefined {
  const field = fields?.find((f) => f.key === 'sessionCount');
  return field?.value.kind === 'count' ? field.value.value : undefined;
}

function sameValue(a: Field['value'], b: Field['value']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What a cookie write means, from the value before it (undefined when the cookie is new):
 * a higher session number is a new session; the same value is a refresh (a new expiry);
 * otherwise the decoded fields that differ are named.
 */
export function explainCookieWrite(before: string | undefined, after: CookieRecord, now: number): Pick<Extract<ActivityEntry, { kind: 'cookie' }>, 'event' | 'sessionNumber' | 'changedFields'> {
  if (before === undefined) {
    const number = sessionNumber(decodedFields(after, now));
    return number === undefined ? { event: 'written' } : { event: 'session-started', sessionNumber: number };
  }
  if (before === after.value) return { event: 'refreshed' };
  const oldFields = decodedFields({ ...after, value: before }, now);
  const newFields = decodedFields(after, now);
  const oldNumber = sessionNumber(oldFields);
  const newNumber = sessionNumber(newFields);
  if (oldNumber !== undefined && newNumber !== undefined && newNumber > oldNumber) return { event: 'session-started', sessionNumber: newNumber };
  if (oldFields === null || newFields === null) return { event: 'changed', changedFields: [] };
  const changedFields = newFields
    .filter((field) => {
      const old = oldFields.find((f) => f.key === field.key);
      return old === undefined || !sameValue(old.value, field.value);
    })
    .map((field) => field.key);
  return { event: 'changed', changedFields };
}

/** How many entries the log keeps: the oldest go first, so a busy page cannot grow it without end. */
export const ACTIVITY_LOG_LIMIT = 1000;

/**
 * The log of one panel session. It remembers the last value of each cookie it saw (seeded with the
 * site's cookies when the panel shows a site), so a write can be compared with what it replaced.
 */
export class ActivityLog {
  private readonly values = new Map<string, string>();
  /** When each cookie was last seen written in this panel session (the "last written" order). */
  private readonly writes = new Map<string, number>();
  private readonly requestCounts = new Map<string, number>();
  private list: ActivityEntry[] = [];
  private seq = 0;

  /** Entries, newest first. */
  get entries(): readonly ActivityEntry[] {
    return this.list;
  }

  /** Forgets the entries and counts; the remembered cookie values stay, to explain the next write. */
  clear(): void {
    this.list = [];
    this.requestCounts.clear();
  }

  /** When this log saw the cookie (that exact identity) last written; undefined when it has not. Clearing the log keeps these. */
  writtenAt(cookie: Pick<CookieRecord, 'name' | 'domain' | 'path' | 'storeId' | 'partitionKey' | 'firstPartyDomain'>): number | undefined {
    return this.writes.get(cookieIdentity(cookie));
  }

  /** Remembers the cookies the site has now, so later writes are compared with them. */
  seed(cookies: readonly CookieRecord[]): void {
    for (const cookie of cookies) this.values.set(cookieIdentity(cookie), cookie.value);
  }

  /** Records one cookie change on the shown site; returns the entry, or null when it adds none. */
  cookieChanged(change: ObservedCookieChange, site: string, at: number): ActivityEntry | null {
    const key = cookieIdentity(change.cookie);
    // Chromium and Firefox report an overwrite as a removal (cause "overwrite") and then the write.
    if (change.removed && change.cause === 'overwrite') return null;
    const vendor = findFamily(change.cookie.name)?.vendor ?? null;
    if (change.removed) {
      this.values.delete(key);
      this.writes.delete(key);
      const event: CookieEvent = change.cause === 'expired' || change.cause === 'evicted' ? 'expired' : 'deleted';
      return this.add({ kind: 'cookie', seq: 0, at, site, vendor, name: change.cookie.name, event });
    }
    const before = this.values.get(key);
    this.values.set(key, change.cookie.value);
    this.writes.set(key, at);
    return this.add({ kind: 'cookie', seq: 0, at, site, vendor, name: change.cookie.name, ...explainCookieWrite(before, change.cookie, at) });
  }

  /** Records a tracking request made by the shown tab; null for requests that are not tracking. */
  requestSeen(url: string, site: string, at: number): ActivityEntry | null {
    const request = classifyTrackingRequest(url);
    if (request === null) return null;
    const countKey = `${site}\u0000${request.vendor}`;
    const count = (this.requestCounts.get(countKey) ?? 0) + 1;
    this.requestCounts.set(countKey, count);
    return this.add({ kind: 'request', seq: 0, at, site, ...request, count });
  }

  /**
   * Records a request of the shown tab that the browser blocked (Cookie Lens's rule or another
   * blocker): to a vendor's script or collection host, or its self-hosted path on the site. A
   * blocked tracker's script is the request that is stopped; its hits then never happen.
   */
  requestBlocked(url: string, site: string, at: number): ActivityEntry | null {
    const request = vendorOfBlockableRequest(site, url);
    if (request === undefined) return null;
    return this.add({ kind: 'blocked', seq: 0, at, site, vendor: request.vendor, host: request.host });
  }

  private add(entry: ActivityEntry): ActivityEntry {
    this.seq += 1;
    const numbered = { ...entry, seq: this.seq };
    this.list = [numbered, ...this.list.slice(0, ACTIVITY_LOG_LIMIT - 1)];
    return numbered;
  }
}

/** True when a cookie belongs to the shown site (its registrable domain) in the shown tab's store. */
export function cookieConcernsSite(cookie: Pick<CookieRecord, 'domain' | 'partitionKey' | 'storeId'>, registrableDomain: string, storeId: string): boolean {
  return cookie.storeId === storeId && tabShowsOwner(registrableDomain, ownerHost(cookie));
}

/** The vendors present in the log, for the filter; null stands for cookies no decoder knows. */
export function activityVendors(entries: readonly ActivityEntry[]): Array<VendorId | null> {
  const seen: Array<VendorId | null> = [];
  for (const entry of entries) if (!seen.includes(entry.vendor)) seen.push(entry.vendor);
  return seen;
}

/** The log as JSON for export: plain data, newest first, times as ISO strings. */
export function activityToJson(entries: readonly ActivityEntry[]): string {
  return JSON.stringify(entries.map(({ seq: _seq, at, ...rest }) => ({ time: new Date(at).toISOString(), ...rest })), null, 2);
}
