// Turns a site's cookies into what the popup shows: each cookie decoded and attributed, and a
// summary of what the site's HubSpot account knows about the visitor. Pure and synchronous;
// families backed by a heavy library are decoded afterwards (see `pendingDecodes`).
import type { CookieRecord } from '../model/cookie.ts';
import { cookieIdentity } from '../model/cookie.ts';
import type { Category, CookieFamily, DecodeContext, DecodeOutcome, DocumentedLifetime, Field, VendorId } from '../decode/types.ts';
import { decodeLoaded, findFamily, runDecoder } from '../decode/registry.ts';
import type { NameFacts } from './name-facts.ts';
import { parseRetention, type ParsedRetention } from './retention.ts';
import { attributeCookie } from './attribution.ts';
import type { CookieScope, SiteContext } from '../core/site.ts';
import { scopeOf, type SiteCookie } from '../core/site.ts';

export type Attribution = 'decoder' | 'database' | 'none';

export interface CookieView {
  readonly id: string;
  readonly cookie: CookieRecord;
  readonly scope: CookieScope | 'embedded';
  readonly family: CookieFamily | undefined;
  readonly vendor: VendorId | null;
  readonly category: Category | null;
  readonly attribution: Attribution;
  /** Null when no decoder knows the name. */
  readonly outcome: DecodeOutcome | null;
  readonly lifetime: DocumentedLifetime | null;
  /** Typical retention from the Open Cookie Database: an ISO 8601 duration (`P13M`) or `session`. */
  readonly retention?: string;
  /** The retention as amount and unit, when it is one the pages can word. */
  readonly retentionPeriod?: ParsedRetention;
}

export interface ConsentChoice {
  readonly analytics: boolean | undefined;
  readonly advertisement: boolean | undefined;
  readonly functionality: boolean | undefined;
}

export interface HubspotSummary {
  /** True when any HubSpot cookie is on the site. */
  readonly present: boolean;
  readonly visitorId?: string;
  readonly firstVisit?: number;
  readonly previousVisit?: number;
  readonly currentVisit?: number;
  readonly sessionCount?: number;
  readonly pageViews?: number;
  readonly sessionStart?: number;
  /** `__hssc` without `__hssrc`: HubSpot ignores the page count. */
  readonly sessionStale?: boolean;
  /** How many `__hstc` copies exist (host-only and Domain variants, partitions). */
  readonly hstcCopies: number;
  readonly consent: ConsentChoice | null;
  /** From the legacy banner cookie `__hs_opt_out`. */
  readonly legacyOptOut?: boolean;
  readonly doNotTrack: 'on' | 'not-honoured' | 'off';
}

export interface SiteReport {
  readonly views: readonly CookieView[];
  readonly summary: HubspotSummary;
}

function fieldOf(fields: readonly Field[], key: string): Field['value'] | undefined {
  for (const field of fields) if (field.key === key) return field.value;
  return undefined;
}
function instantOf(fields: readonly Field[], key: string): number | undefined {
  const v = fieldOf(fields, key);
  return v?.kind === 'instant' ? v.epochMs : undefined;
}
function countOf(fields: readonly Field[], key: string): number | undefined {
  const v = fieldOf(fields, key);
  return v?.kind === 'count' ? v.value : undefined;
}
function flagOf(fields: readonly Field[], key: string): boolean | undefined {
  const v = fieldOf(fields, key);
  return v?.kind === 'flag' ? v.value : undefined;
}
function idOf(fields: readonly Field[], key: string): string | undefined {
  const v = fieldOf(fields, key);
  return v?.kind === 'id' || v?.kind === 'text' ? v.value : undefined;
}

/**
 * Vendor and category facts for names no decoder knows (src/explain/name-facts.ts). Passed in
 * rather than imported: the popup loads that table lazily, in parallel with its cookie read.
 */
/** Facts about a cookie name; the cookie's domain decides for generic names (see name-facts.ts). */
export type NameFactsLookup = (name: string, cookieDomain: string) => NameFacts | undefined;

/**
 * The decode context for one cookie. Written out rather than spread from `ctx`: Node 20's V8
 * takes microseconds per object spread here, more than the decoders themselves (docs/BENCHMARKS.md).
 */
function cookieContext(ctx: DecodeContext, cookie: CookieRecord): DecodeContext {
  return ctx.siblings === undefined
    ? { now: ctx.now, host: ctx.host, name: cookie.name, cookieDomain: cookie.domain }
    : { now: ctx.now, host: ctx.host, name: cookie.name, cookieDomain: cookie.domain, siblings: ctx.siblings };
}

function retentionOf(retention: string): { retention: string; retentionPeriod?: ParsedRetention } {
  const period = parseRetention(retention);
  return period === undefined ? { retention } : { retention, retentionPeriod: period };
}

/** Decodes one cookie and attributes it: our decoders first, then the Open Cookie Database. */
export function viewCookie(cookie: CookieRecord, scope: CookieView['scope'], ctx: DecodeContext, lookupNameFacts?: NameFactsLookup): CookieView {
  const id = cookieIdentity(cookie);
  const who = attributeCookie(findFamily(cookie.name), () => lookupNameFacts?.(cookie.name, cookie.domain));
  if (who.by === 'decoder') {
    const { family } = who;
    return {
      id, cookie, scope, family,
      vendor: family.vendor,
      category: family.category,
      attribution: 'decoder',
      outcome: runDecoder(family.decode, cookie.value, cookieContext(ctx, cookie)),
      lifetime: family.lifetime,
    };
  }
  if (who.by === 'database') {
    const { facts } = who;
    return {
      id, cookie, scope, family: undefined,
      vendor: facts.platform,
      category: facts.category,
      attribution: 'database',
      outcome: null,
      lifetime: null,
      ...(facts.retention === undefined ? {} : retentionOf(facts.retention)),
    };
  }
  return { id, cookie, scope, family: undefined, vendor: null, category: null, attribution: 'none', outcome: null, lifetime: null };
}

function summarise(views: readonly CookieView[]): HubspotSummary {
  let present = false;
  let hstc: readonly Field[] | undefined;
  let hstcCopies = 0;
  let hssc: readonly Field[] | undefined;
  let consent: ConsentChoice | null = null;
  let legacyOptOut: boolean | undefined;
  let doNotTrack: HubspotSummary['doNotTrack'] = 'off';
  let visitorId: string | undefined;
  for (const view of views) {
    if (view.vendor === 'hubspot') present = true;
    const family = view.family?.id;
    const outcome = view.outcome;
    if (family === 'hubspot.hstc') hstcCopies += 1;
    if (outcome === null || !outcome.ok) {
      if (family === 'hubspot.do-not-track' && doNotTrack === 'off') doNotTrack = 'not-honoured';
      continue;
    }
    const fields = outcome.fields;
    switch (family) {
      case 'hubspot.hstc': {
        // Of several copies, the most recent session is the one the tracker carries forward.
        const current = instantOf(fields, 'currentVisit');
        if (current !== undefined && (hstc === undefined || current > (instantOf(hstc, 'currentVisit') ?? -Infinity))) hstc = fields;
        break;
      }
      case 'hubspot.hssc': {
        const start = instantOf(fields, 'sessionStart');
        if (hssc === undefined || (start ?? -Infinity) > (instantOf(hssc, 'sessionStart') ?? -Infinity)) hssc = fields;
        break;
      }
      case 'hubspot.hubspotutk':
        visitorId ??= idOf(fields, 'visitorId');
        break;
      case 'hubspot.cookie-cat-pref':
        consent = {
          analytics: flagOf(fields, 'analytics'),
          advertisement: flagOf(fields, 'advertisement'),
          functionality: flagOf(fields, 'functionality'),
        };
        break;
      case 'hubspot.opt-out':
        legacyOptOut = flagOf(fields, 'declined');
        break;
      case 'hubspot.do-not-track':
        doNotTrack = flagOf(fields, 'honoured') === true ? 'on' : doNotTrack === 'on' ? 'on' : 'not-honoured';
        break;
      default:
        break;
    }
  }
  const summary: { -readonly [K in keyof HubspotSummary]: HubspotSummary[K] } = { present, hstcCopies, consent, doNotTrack };
  // Only values that are there become keys, as exactOptionalPropertyTypes requires.
  const put = (key: 'firstVisit' | 'previousVisit' | 'currentVisit' | 'sessionCount' | 'pageViews' | 'sessionStart', value: number | undefined): void => {
    if (value !== undefined) summary[key] = value;
  };
  const v = hstc === undefined ? visitorId : (idOf(hstc, 'visitorId') ?? visitorId);
  if (v !== undefined) summary.visitorId = v;
  if (hstc !== undefined) {
    put('firstVisit', instantOf(hstc, 'firstVisit'));
    put('previousVisit', instantOf(hstc, 'previousVisit'));
    put('currentVisit', instantOf(hstc, 'currentVisit'));
    put('sessionCount', countOf(hstc, 'sessionCount'));
  }
  if (hssc !== undefined) {
    put('pageViews', countOf(hssc, 'pageViews'));
    put('sessionStart', instantOf(hssc, 'sessionStart'));
    summary.sessionStale = flagOf(hssc, 'stale') === true;
  }
  if (legacyOptOut !== undefined) summary.legacyOptOut = legacyOptOut;
  return summary;
}

/**
 * Decodes every cookie of the site and summarises HubSpot's view of the visitor. A cookie read
 * for a page already carries its scope (src/core/site.ts scopedSiteCookies); others (a HAR file,
 * the command line) get it here.
 */
export function buildSiteReport(cookies: readonly (CookieRecord | SiteCookie)[], site: SiteContext, now: number, lookupNameFacts?: NameFactsLookup): SiteReport {
  const siblings = new Map<string, string>();
  for (const cookie of cookies) if (!siblings.has(cookie.name)) siblings.set(cookie.name, cookie.value);
  const ctx: DecodeContext = { now, host: site.host, siblings };
  const views = cookies.map((cookie) => viewCookie(cookie, 'scope' in cookie ? cookie.scope : (scopeOf(cookie, site) ?? 'host-only'), ctx, lookupNameFacts));
  return { views, summary: summarise(views) };
}

/** Views whose family decodes only after loading its library (IAB TCF, GPP). */
export function pendingDecodes(views: readonly CookieView[]): CookieView[] {
  return views.filter((view) => view.family?.load !== undefined);
}

/** Loads the library of each pending family once and decodes those cookies. */
export async function completeDecodes(views: readonly CookieView[], ctx: DecodeContext): Promise<Map<string, DecodeOutcome>> {
  const results = new Map<string, DecodeOutcome>();
  for (const view of pendingDecodes(views)) {
    if (view.family !== undefined) results.set(view.id, await decodeLoaded(view.family, view.cookie.value, cookieContext(ctx, view.cookie)));
  }
  return results;
}
