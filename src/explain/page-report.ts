// One complete report of a site, the one thing the popup and the side panel render: every cookie
// decoded and attributed, HubSpot's summary, one summary per other tracker with the visitor's
// choice about it (and what its blocking stopped), the consent contradictions, copies of a cookie
// that disagree about the visitor, what a reset would remove (with the stored data it may clear),
// and the cookies of embedded sites. Pure. Families backed by a heavy library (IAB TCF, GPP) are decoded afterwards:
// `completeReport` returns a new report with their outcomes in place.
import type { CookieRecord } from '../model/cookie.ts';
import type { DecodeOutcome } from '../decode/types.ts';
import type { SiteContext, SiteCookie } from '../core/site.ts';
import { vendorBlocked, type SiteRule } from '../core/rules.ts';
import { isSnapshotLive, resetCandidates, resetRemoves, type ResetCandidate, type UndoSnapshot } from '../core/plans.ts';
import { resetGroupOf } from '../core/hubspot-sets.ts';
import { TRACKER_VENDORS, isTrackerVendorId, vendorOfIdentityCookie, type TrackerVendorId } from '../core/vendors.ts';
import { identityInAddress, type AddressIdentity } from '../core/url-identity.ts';
import { findConsentContradictions, type Contradiction } from '../core/consent-check.ts';
import { vendorBlockedCount, type HoldingView } from '../core/verification.ts';
import { planStoredDataClear, unclearableKinds, type BrowserFamily, type StoredDataKind } from '../core/site-data.ts';
import { variantDisagreements, type VariantDisagreement } from './variant-disagreements.ts';
import { choiceCookiesNow, choiceSwitches, type ChoiceSwitches } from '../core/choice-state.ts';
import { asksOnlyGpc, gpcOn } from '../core/page-scripts.ts';
import { buildSiteReport, completeDecodes, pendingDecodes, viewCookie, type CookieView, type NameFactsLookup, type SiteReport } from './report.ts';
import { summariseVendors, type VendorSummary } from './vendor-summary.ts';

/** A tracker's summary with the visitor's choice about it on this site. */
export interface VendorReport extends VendorSummary {
  /** "Block <vendor> on this site" is on. */
  readonly blocked: boolean;
  /** Allowed although the site is opted out: an exception the visitor made. */
  readonly exception: boolean;
  /**
   * "Blocked N requests since …": only while the vendor is blocked and the browser reported the
   * stopped requests for the whole time given; null otherwise (no figure for time not watched).
   */
  readonly blockedRequests: { readonly count: number; readonly since: number } | null;
}

/** A reset candidate with the tracker whose identity cookie it is (null: consent, ticked or no vendor). */
export interface ResetEntry extends ResetCandidate {
  readonly vendor: TrackerVendorId | null;
}

export interface ResetReport {
  /** Each of the site's cookies once, grouped by vendor in the facts table's order, cookies of no vendor last. */
  readonly entries: readonly ResetEntry[];
  /** The site has consent or do-not-track cookies a reset may also forget (never when locked). */
  readonly hasConsent: boolean;
  /** The organisation's policy limits a reset to the visitor-identity cookies. */
  readonly locked: boolean;
  /** HubSpot identity in the tab's address, which a reset strips; null when there is none. */
  readonly address: AddressIdentity | null;
  /** What "also clear this site's stored data" would clear; null where the policy limits resets. */
  readonly storedData: StoredDataReport | null;
}

/** The stored data a reset may also clear, as the preview names it. */
export interface StoredDataReport {
  /** The tab's host, then every host of the site its cookies live on. */
  readonly hosts: readonly string[];
  readonly kinds: readonly StoredDataKind[];
  /** Kinds this browser cannot clear for one site (Firefox: cache storage). */
  readonly cannot: readonly StoredDataKind[];
}

export interface EmbeddedReport {
  readonly host: string;
  readonly views: readonly CookieView[];
}

export interface PageReport extends SiteReport {
  /** HubSpot's block is shown: HubSpot is present, or nothing else is and the site is not ruled free of HubSpot. */
  readonly showHubspot: boolean;
  readonly vendors: readonly VendorReport[];
  readonly contradictions: readonly Contradiction[];
  /** Copies of one cookie (other domain, path or partition) that disagree about the visitor. */
  readonly disagreements: readonly VariantDisagreement[];
  /**
   * The reset preview: made the first time it is asked for (the popup asks when the visitor opens
   * the reset), then kept, so a popup that is only looked at never works it out.
   */
  readonly reset: () => ResetReport;
  /** The site's undo snapshot while it can still be undone. */
  readonly undo: UndoSnapshot | null;
  /** The do-not-track and opt-out switches: the real cookies beside the rule. */
  readonly switches: ChoiceSwitches;
  /** Global Privacy Control for the site: sent, and whether it is all the rule asks (so nothing can be shown "holding"). */
  readonly gpc: { readonly on: boolean; readonly only: boolean };
  readonly embedded: readonly EmbeddedReport[];
  /** Cookies whose decoder still has to load its library (see completeReport). */
  readonly pending: boolean;
  readonly site: SiteContext;
  readonly now: number;
  /** What the report was made from. */
  readonly input: PageReportInput;
}

/** What the report is made from: the site's part of a page's snapshot (src/protocol/client.ts SiteSnapshot). */
export interface PageReportInput {
  readonly site: SiteContext;
  /** The site's cookies, each with its scope as the read found it. */
  readonly cookies: readonly SiteCookie[];
  readonly rule: SiteRule | null;
  readonly undo: UndoSnapshot | null;
  readonly resetLocked: boolean;
  readonly embedded: ReadonlyArray<{ readonly host: string; readonly cookies: readonly CookieRecord[] }>;
  /** What may be said about whether the rule holds (the blocked-request counts); null without a rule. */
  readonly verification: HoldingView | null;
  /** Which browser the page runs in: what it can clear of a site's stored data differs. */
  readonly browserFamily: BrowserFamily;
}

/**
 * A vendor the visitor made a choice about keeps its block (and its switch) after its cookies are
 * gone: an empty summary, in the facts table's order.
 */
function withChosenVendors(summaries: VendorSummary[], rule: SiteRule | null): VendorSummary[] {
  const chosen = Object.keys(rule?.vendors ?? {});
  if (chosen.length === 0) return summaries;
  const order = TRACKER_VENDORS.map((vendor) => vendor.id);
  const all = [...summaries];
  for (const vendor of chosen) {
    if (!isTrackerVendorId(vendor) || vendor === 'hubspot' || all.some((summary) => summary.vendor === vendor)) continue;
    all.push({ vendor, cookieNames: [], ids: [] });
  }
  return all.sort((a, b) => order.indexOf(a.vendor) - order.indexOf(b.vendor));
}

function vendorReports(views: readonly CookieView[], rule: SiteRule | null, verification: HoldingView | null): VendorReport[] {
  return withChosenVendors(summariseVendors(views), rule).map((summary) => {
    const blocked = rule !== null && vendorBlocked(rule, summary.vendor);
    return {
      ...summary,
      blocked,
      exception: rule !== null && rule.optOut !== 'off' && !blocked,
      blockedRequests: blocked ? vendorBlockedCount(verification, summary.vendor) : null,
    };
  });
}

function contradictionsOf(views: readonly CookieView[], now: number): Contradiction[] {
  return findConsentContradictions(views.map((v) => ({
    name: v.cookie.name, family: v.family, category: v.category, outcome: v.outcome,
    expirationDate: v.cookie.expirationDate, value: v.cookie.value, vendor: v.vendor,
  })), now);
}

function resetReport(input: PageReportInput): ResetReport {
  const order: Array<TrackerVendorId | null> = [...TRACKER_VENDORS.map((vendor) => vendor.id), null];
  const entries = resetCandidates(input.site, input.cookies)
    .map((candidate): ResetEntry => ({ ...candidate, vendor: vendorOfIdentityCookie(candidate.cookie.name) ?? null }))
    // Stable: within a vendor, the cookies keep the site's order.
    .sort((a, b) => order.indexOf(a.vendor) - order.indexOf(b.vendor));
  return {
    entries,
    hasConsent: !input.resetLocked && input.cookies.some((c) => resetGroupOf(c.name) === 'consent'),
    locked: input.resetLocked,
    address: identityInAddress(input.site.url),
    storedData: input.resetLocked ? null : storedDataReport(input),
  };
}

function storedDataReport(input: PageReportInput): StoredDataReport {
  const plan = planStoredDataClear(input.site, input.cookies, input.browserFamily);
  return { hosts: plan.hosts, kinds: plan.kinds, cannot: unclearableKinds(input.browserFamily) };
}

/** What a reset with these choices removes (by vendor, in the report's order) and which further cookies the visitor may tick. */
export function previewReset(reset: ResetReport, includeConsent: boolean, ticked: ReadonlySet<string>): {
  readonly remove: ReadonlyArray<{ readonly vendor: TrackerVendorId | null; readonly entries: readonly ResetEntry[] }>;
  readonly removeCount: number;
  /** The cookies the visitor may tick, and those ticked (still listed, so they can be unticked). */
  readonly optional: readonly ResetEntry[];
  /** How many of `optional` are not ticked. */
  readonly optionalCount: number;
} {
  const options = { includeConsent, alsoRemove: [...ticked] };
  const remove: Array<{ vendor: TrackerVendorId | null; entries: ResetEntry[] }> = [];
  const optional: ResetEntry[] = [];
  let removeCount = 0;
  for (const entry of reset.entries) {
    if (resetRemoves(entry, options, ticked)) {
      removeCount += 1;
      const last = remove.at(-1);
      if (last !== undefined && last.vendor === entry.vendor) last.entries.push(entry);
      else remove.push({ vendor: entry.vendor, entries: [entry] });
    } else if (!reset.locked && entry.group !== 'consent') {
      optional.push(entry);
    }
  }
  const optionalCount = optional.length;
  // A ticked cookie stays in the list, so it can be unticked.
  for (const entry of reset.entries) if (ticked.has(entry.id) && !optional.includes(entry)) optional.push(entry);
  return { remove, removeCount, optional, optionalCount };
}

function assemble(input: PageReportInput, explained: SiteReport, embedded: readonly EmbeddedReport[], now: number, pending: boolean): PageReport {
  const vendors = vendorReports(explained.views, input.rule, input.verification);
  return {
    views: explained.views,
    summary: explained.summary,
    // HubSpot's block comes first where HubSpot is present; on a site with other trackers and no
    // HubSpot, nothing about HubSpot is shown.
    showHubspot: explained.summary.present || (vendors.length === 0 && input.rule?.hubspot !== false),
    vendors,
    contradictions: contradictionsOf(explained.views, now),
    disagreements: variantDisagreements(explained.views),
    reset: once(() => resetReport(input)),
    undo: input.undo !== null && isSnapshotLive(input.undo, now) ? input.undo : null,
    switches: choiceSwitches(input.rule, choiceCookiesNow(input.cookies)),
    gpc: { on: input.rule !== null && gpcOn(input.rule), only: input.rule !== null && asksOnlyGpc(input.rule) },
    embedded,
    pending,
    site: input.site,
    now,
    input,
  };
}

function once<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** The site's report at `now`, with the cookies whose decoder is loaded decoded (see completeReport for the rest). */
export function reportSite(input: PageReportInput, now: number, lookupNameFacts?: NameFactsLookup): PageReport {
  const explained = buildSiteReport(input.cookies, input.site, now, lookupNameFacts);
  const embedded = input.embedded
    .filter((e) => e.cookies.length > 0)
    .map((e) => ({ host: e.host, views: e.cookies.map((c) => viewCookie(c, 'embedded', { now, host: e.host }, lookupNameFacts)) }));
  return assemble(input, explained, embedded, now, pendingDecodes(explained.views).length > 0);
}

/** Loads the library of each pending family (IAB TCF, GPP) once and decodes those cookies. */
export function decodePending(report: PageReport): Promise<ReadonlyMap<string, DecodeOutcome>> {
  return completeDecodes(report.views, { now: report.now, host: report.site.host });
}

/**
 * A new report with the deferred outcomes (decodePending) in place and the contradictions and
 * disagreeing copies they reveal. The summaries stay: no tracker summary or HubSpot field comes from these families.
 */
export function withDecoded(report: PageReport, outcomes: ReadonlyMap<string, DecodeOutcome>): PageReport {
  if (outcomes.size === 0) return report;
  const views = report.views.map((view) => {
    const outcome = outcomes.get(view.id);
    return outcome === undefined ? view : { ...view, outcome };
  });
  return { ...report, views, contradictions: contradictionsOf(views, report.now), disagreements: variantDisagreements(views), pending: false };
}

/** The report with every deferred cookie decoded: a new report, or the same when nothing was pending. */
export async function completeReport(report: PageReport): Promise<PageReport> {
  return report.pending ? withDecoded(report, await decodePending(report)) : report;
}
