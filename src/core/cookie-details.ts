// The one place that turns a cookie back into the details the cookies API's `remove` and `set`
// need. Every action (do-not-track, opt-out, reset, undo, enforcement) goes through here, so a
// Secure, host-only, partitioned or first-party-isolated cookie is handled the same way by all.
// Browser-neutral: the adapter in src/browser drops fields a browser does not know
// (Chrome rejects `firstPartyDomain`; the field is only present on cookies Firefox reported).
import type { CookieRecord, PartitionKey, SameSite } from '../model/cookie.ts';
import type { SiteContext } from './site.ts';
import { stripLeadingDot } from './site.ts';

export interface CookieSetDetails {
  url: string;
  name: string;
  value: string;
  /** Absent => host-only cookie. */
  domain?: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  /** Seconds since the epoch; absent => session cookie. */
  expirationDate?: number;
  storeId: string;
  partitionKey?: PartitionKey;
  firstPartyDomain?: string;
}

export interface CookieRemoveDetails {
  url: string;
  name: string;
  storeId: string;
  partitionKey?: PartitionKey;
  firstPartyDomain?: string;
}

/**
 * A URL the browser accepts for this cookie: https when it is Secure (an http URL cannot remove
 * or write a Secure cookie), the host without the leading dot, and the cookie's own path.
 */
export function cookieUrl(cookie: Pick<CookieRecord, 'secure' | 'domain' | 'path'>): string {
  const scheme = cookie.secure ? 'https' : 'http';
  return `${scheme}://${stripLeadingDot(cookie.domain)}${normalPath(cookie.path)}`;
}

function normalPath(path: string): string {
  return path.startsWith('/') ? path : '/';
}

export function removeDetailsFor(cookie: CookieRecord): CookieRemoveDetails {
  const details: CookieRemoveDetails = { url: cookieUrl(cookie), name: cookie.name, storeId: cookie.storeId };
  if (cookie.partitionKey !== undefined) details.partitionKey = cookie.partitionKey;
  if (cookie.firstPartyDomain !== undefined) details.firstPartyDomain = cookie.firstPartyDomain;
  return details;
}

/** Cookie name prefixes the browser enforces (compared without regard to case, as browsers now do). */
export function namePrefixOf(name: string): '__Host-' | '__Secure-' | null {
  const lower = name.slice(0, 9).toLowerCase();
  if (lower.startsWith('__host-')) return '__Host-';
  if (lower === '__secure-') return '__Secure-';
  return null;
}

/**
 * Details that write the cookie back exactly as it was. Host-only cookies get no `domain`
 * (passing one would turn them into Domain cookies). Session cookies get no expiry. An expiry in
 * the past is passed through unchanged: writing it deletes the cookie, so callers that restore
 * (planUndo) skip expired cookies first. `__Host-` cookies must be Secure, host-only and on `/`;
 * `__Secure-` cookies must be Secure: the browser refuses anything else, so those are enforced.
 */
export function restoreDetailsFor(cookie: CookieRecord): CookieSetDetails {
  const prefix = namePrefixOf(cookie.name);
  const hostOnly = cookie.hostOnly || prefix === '__Host-';
  const secure = cookie.secure || prefix !== null;
  const path = prefix === '__Host-' ? '/' : normalPath(cookie.path);
  const details: CookieSetDetails = {
    url: cookieUrl({ secure, domain: cookie.domain, path }),
    name: cookie.name,
    value: cookie.value,
    path,
    secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    storeId: cookie.storeId,
  };
  if (!hostOnly) details.domain = cookie.domain;
  if (cookie.expirationDate !== undefined) details.expirationDate = cookie.expirationDate;
  if (cookie.partitionKey !== undefined) details.partitionKey = cookie.partitionKey;
  if (cookie.firstPartyDomain !== undefined) details.firstPartyDomain = cookie.firstPartyDomain;
  return details;
}

export interface NewCookieSpec {
  readonly name: string;
  readonly value: string;
  /** A Domain attribute such as `.example.com`; absent => host-only on the site's host. */
  readonly domain?: string;
  /** Defaults to `/`. */
  readonly path?: string;
  /** Defaults to false, as HubSpot's script writes its cookies. */
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  /** Defaults to `lax`, as HubSpot's script writes its cookies. */
  readonly sameSite?: SameSite;
  /** Seconds since the epoch; absent => session cookie. */
  readonly expirationDate?: number;
  readonly storeId: string;
  readonly partitionKey?: PartitionKey;
  readonly firstPartyDomain?: string;
}

/** Details for a cookie Cookie Lens creates on the site (do-not-track, consent). */
export function newCookieDetails(site: SiteContext, spec: NewCookieSpec): CookieSetDetails {
  const path = normalPath(spec.path ?? '/');
  const secure = spec.secure ?? false;
  // The URL only has to let the browser accept the cookie: the site's host is always inside
  // the Domain we write, and https is needed as soon as the cookie is Secure.
  const scheme = secure ? 'https' : site.scheme;
  const details: CookieSetDetails = {
    url: `${scheme}://${site.host}${path}`,
    name: spec.name,
    value: spec.value,
    path,
    secure,
    httpOnly: spec.httpOnly ?? false,
    sameSite: spec.sameSite ?? 'lax',
    storeId: spec.storeId,
  };
  if (spec.domain !== undefined) details.domain = spec.domain;
  if (spec.expirationDate !== undefined) details.expirationDate = spec.expirationDate;
  if (spec.partitionKey !== undefined) details.partitionKey = spec.partitionKey;
  if (spec.firstPartyDomain !== undefined) details.firstPartyDomain = spec.firstPartyDomain;
  return details;
}

/**
 * The cookie that set details would produce, in the form the browser reports it: used to compare
 * a planned write with what is stored, and by tests.
 */
export function recordFromSetDetails(details: CookieSetDetails): CookieRecord {
  const hostOnly = details.domain === undefined;
  const domain = details.domain === undefined ? hostOfUrl(details.url) : withLeadingDot(details.domain);
  const record: CookieRecord = {
    name: details.name,
    value: details.value,
    domain,
    hostOnly,
    path: details.path,
    secure: details.secure,
    httpOnly: details.httpOnly,
    sameSite: details.sameSite,
    storeId: details.storeId,
    ...(details.expirationDate === undefined ? {} : { expirationDate: details.expirationDate }),
    ...(details.partitionKey === undefined ? {} : { partitionKey: details.partitionKey }),
    ...(details.firstPartyDomain === undefined ? {} : { firstPartyDomain: details.firstPartyDomain }),
  };
  return record;
}

/** Host of a URL built by this module (`scheme://host/path`). */
function hostOfUrl(url: string): string {
  const start = url.indexOf('://') + 3;
  const end = url.indexOf('/', start);
  return url.slice(start, end === -1 ? url.length : end);
}

function withLeadingDot(domain: string): string {
  return domain.startsWith('.') ? domain : `.${domain}`;
}
