// From the cookies a HAR or a header holds to what the CLI reports: each cookie decoded with the
// other cookies of its host as siblings, the consent-against-reality findings of each site, and
// the JSON forms of both (described by docs/cli-output.schema.json).
import type { CookieFamily, DecodeContext } from '../decode/types.ts';
import { findFamily } from '../decode/registry.ts';
import { findConsentContradictions } from '../core/consent-check.ts';
import type { ConsentCheckCookie, Contradiction } from '../core/consent-check.ts';
import { siteFromUrl } from '../core/site.ts';
import { contradictionToJson, decodeCookie, decodedToJson, instantToIso } from '../explain/json.ts';
import { attributeCookie } from '../explain/attribution.ts';
import type { ContradictionJson, CookieJson, DecodedCookie, NameFactsLookup } from '../explain/json.ts';
import type { Translator } from '../i18n/messages.ts';
import type { SameSiteAttribute } from './cookie-header.ts';
import type { CookieSource, HarCookie } from './har.ts';

export interface CookieReport {
  readonly cookie: HarCookie;
  /** Undefined for a name no family decodes, and for a deleted cookie (there is no value to decode). */
  readonly decoded: DecodedCookie;
  /** The family of a deleted cookie, which still tells its vendor and category. */
  readonly deletedFamily?: CookieFamily;
}

/** The registrable domain of a host (`www.example.co.uk` -> `example.co.uk`); IPs and odd hosts stay as they are. */
export function siteOfHost(host: string): string {
  const result = siteFromUrl(`https://${host}/`);
  return result.ok ? result.site.registrableDomain : host;
}

/** Decodes every live cookie with the other live cookies of the same host as its siblings. */
export async function decodeReports(cookies: readonly HarCookie[], now: number): Promise<CookieReport[]> {
  const siblingsByHost = new Map<string, Map<string, string>>();
  for (const { name, value, host, deleted } of cookies) {
    if (deleted) continue;
    const siblings = siblingsByHost.get(host) ?? new Map<string, string>();
    siblings.set(name, value);
    siblingsByHost.set(host, siblings);
  }
  const reports: CookieReport[] = [];
  for (const cookie of cookies) {
    if (cookie.deleted) {
      const family = findFamily(cookie.name);
      reports.push(family === undefined ? { cookie, decoded: undefined } : { cookie, decoded: undefined, deletedFamily: family });
      continue;
    }
    const siblings = siblingsByHost.get(cookie.host) ?? new Map<string, string>();
    const ctx: DecodeContext = cookie.domain === null ? { now, host: cookie.host, siblings } : { now, host: cookie.host, siblings, cookieDomain: cookie.domain };
    reports.push({ cookie, decoded: await decodeCookie(cookie.name, cookie.value, ctx) });
  }
  return reports;
}

function seenBefore(a: HarCookie['seen'], b: HarCookie['seen']): boolean {
  return a.at < b.at || (a.at === b.at && a.entry < b.entry);
}

/** Whether a cookie of domain `domain` (`.example.com`, or a host for a host-only one) is sent to `host`. */
function domainCovers(domain: string, hostOnly: boolean | null, host: string): boolean {
  if (hostOnly === true || !domain.startsWith('.')) return domain === host;
  return host === domain.slice(1) || host.endsWith(domain);
}

/**
 * Whether a cookie the browser sent was removed afterwards: a later response deleted the same
 * name on a domain that covers the host it was sent to. (A sent cookie's own domain is unknown,
 * so this is the only way to tie the two together.)
 */
function removedLater(cookie: HarCookie, deletions: readonly HarCookie[]): boolean {
  if (cookie.source !== 'request' || cookie.domain !== null) return false;
  return deletions.some((deletion) => deletion.name === cookie.name && deletion.domain !== null && domainCovers(deletion.domain, deletion.hostOnly, cookie.host) && seenBefore(cookie.seen, deletion.seen));
}

/**
 * The consent findings of one site's reports, over the cookies present at the end of the capture:
 * deleted cookies, and cookies sent before a response deleted them, do not count.
 */
export function contradictionsOf(reports: readonly CookieReport[], lookupNameFacts: NameFactsLookup, now: number): Contradiction[] {
  const deletions = reports.filter(({ cookie }) => cookie.deleted).map(({ cookie }) => cookie);
  const present: ConsentCheckCookie[] = [];
  for (const { cookie, decoded } of reports) {
    if (cookie.deleted || removedLater(cookie, deletions)) continue;
    const who = attributeCookie(decoded?.family, () => lookupNameFacts(cookie.name));
    const facts = who.by === 'database' ? who.facts : undefined;
    present.push({
      name: cookie.name,
      family: decoded?.family,
      category: decoded?.family.category ?? facts?.category ?? null,
      outcome: decoded?.outcome ?? null,
      expirationDate: cookie.expires === null ? undefined : cookie.expires / 1000,
      value: cookie.value,
      vendor: facts?.vendor ?? null,
    });
  }
  return findConsentContradictions(present, now);
}

/** The reports grouped by site (registrable domain of their host), in order of first appearance. */
export function reportsBySite(reports: readonly CookieReport[]): Map<string, CookieReport[]> {
  const bySite = new Map<string, CookieReport[]>();
  for (const report of reports) {
    const site = siteOfHost(report.cookie.host);
    const group = bySite.get(site);
    if (group === undefined) bySite.set(site, [report]);
    else group.push(report);
  }
  return bySite;
}

export interface SiteContradiction {
  readonly site: string;
  readonly contradiction: Contradiction;
}

/** Every site's findings, site by site. */
export function contradictionsBySite(reports: readonly CookieReport[], lookupNameFacts: NameFactsLookup, now: number): SiteContradiction[] {
  return [...reportsBySite(reports)].flatMap(([site, group]) => contradictionsOf(group, lookupNameFacts, now).map((contradiction) => ({ site, contradiction })));
}

// ---- JSON -------------------------------------------------------------------------------------

export interface CookieRowJson extends CookieJson {
  host: string;
  domain: string | null;
  path: string | null;
  hostOnly: boolean | null;
  value: string;
  expires: string | null;
  source: CookieSource;
  deleted: boolean;
  secure: boolean | null;
  httpOnly: boolean | null;
  sameSite: SameSiteAttribute | null;
  partitioned: boolean | null;
}

export type SiteContradictionJson = { site: string } & ContradictionJson;

export function reportToJson(report: CookieReport, translate: Translator, lookupNameFacts: NameFactsLookup): CookieRowJson {
  const { cookie, deletedFamily } = report;
  const described: CookieJson =
    deletedFamily === undefined
      ? decodedToJson(cookie.name, report.decoded, translate, lookupNameFacts)
      : { name: cookie.name, vendor: deletedFamily.vendor, category: deletedFamily.category, recognised: true, fields: {}, problems: [] };
  return {
    ...described,
    host: cookie.host,
    domain: cookie.domain,
    path: cookie.path,
    hostOnly: cookie.hostOnly,
    value: cookie.value,
    expires: cookie.expires === null ? null : instantToIso(cookie.expires),
    source: cookie.source,
    deleted: cookie.deleted,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    partitioned: cookie.partitioned,
  };
}

export function siteContradictionToJson({ site, contradiction }: SiteContradiction): SiteContradictionJson {
  return { site, ...contradictionToJson(contradiction) };
}

/** What one tracker (vendor) learnt on a site: its cookies and their decoded fields. */
export interface TrackerJson {
  vendor: string;
  categories: string[];
  cookies: string[];
  /** Field values by `cookie.field`, from the live cookies; a later cookie of the same name wins. */
  knows: Record<string, CookieJson['fields'][string]>;
  /** Cookies of this vendor the site removed. */
  deleted: string[];
}

/** The recognised cookies of a site grouped by vendor, in order of first appearance. */
export function trackersOf(rows: readonly CookieRowJson[]): TrackerJson[] {
  const byVendor = new Map<string, TrackerJson>();
  for (const row of rows) {
    if (row.vendor === null) continue;
    let tracker = byVendor.get(row.vendor);
    if (tracker === undefined) {
      tracker = { vendor: row.vendor, categories: [], cookies: [], knows: {}, deleted: [] };
      byVendor.set(row.vendor, tracker);
    }
    if (row.category !== null && !tracker.categories.includes(row.category)) tracker.categories.push(row.category);
    if (row.deleted) {
      if (!tracker.deleted.includes(row.name)) tracker.deleted.push(row.name);
      continue;
    }
    if (!tracker.cookies.includes(row.name)) tracker.cookies.push(row.name);
    for (const [key, value] of Object.entries(row.fields)) tracker.knows[`${row.name}.${key}`] = value;
  }
  return [...byVendor.values()];
}

/** One line of `decode --har` over many files with --json: everything the audit found on one site. */
export interface SiteAuditJson {
  site: string;
  /** The HAR files whose first entry was on this site, in the order they were read. */
  files: string[];
  cookies: CookieRowJson[];
  trackers: TrackerJson[];
  contradictions: SiteContradictionJson[];
}

/** The output of `decode` with --json for a Cookie header or one HAR file. */
export interface DecodeJson {
  cookies: CookieRowJson[];
  contradictions: SiteContradictionJson[];
}
