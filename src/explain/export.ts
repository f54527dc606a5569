// The current site's decoded report as a file the visitor keeps: JSON for tools, CSV for sheets.
import type { CookieView, HubspotSummary } from './report.ts';
import type { DecodeOutcome } from '../decode/types.ts';
import type { Translator } from '../i18n/messages.ts';
import { contradictionToJson, fieldsToJson, instantToIso, problemToJson, type ContradictionJson, type CookieJson } from './json.ts';
import { findConsentContradictions } from '../core/consent-check.ts';

export interface ExportedCookie extends CookieJson {
  domain: string;
  path: string;
  hostOnly: boolean;
  partitionKey: string | null;
  storeId: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string;
  expires: string | null;
  value: string;
}

export interface ExportedReport {
  format: 'cookie-lens-site-report';
  version: 1;
  site: string;
  host: string;
  generatedAt: string | null;
  summary: Record<string, string | number | boolean | null>;
  cookies: ExportedCookie[];
  /** The consent-against-reality findings the popup shows, in the same order. */
  contradictions: ContradictionJson[];
}

export function exportCookie(view: CookieView, outcome: DecodeOutcome | null, t: Translator): ExportedCookie {
  const { cookie } = view;
  const problems = outcome === null ? [] : outcome.ok ? outcome.warnings.map((w) => problemToJson(w, t)) : [problemToJson(outcome.problem, t)];
  return {
    name: cookie.name,
    vendor: view.vendor,
    category: view.category,
    recognised: view.attribution !== 'none',
    fields: outcome !== null && outcome.ok ? fieldsToJson(outcome.fields) : {},
    problems,
    domain: cookie.domain,
    path: cookie.path,
    hostOnly: cookie.hostOnly,
    partitionKey: cookie.partitionKey?.topLevelSite ?? null,
    storeId: cookie.storeId,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    expires: cookie.expirationDate === undefined ? null : instantToIso(cookie.expirationDate * 1000),
    value: cookie.value,
  };
}

function summaryJson(summary: HubspotSummary): ExportedReport['summary'] {
  const at = (ms: number | undefined): string | null => (ms === undefined ? null : instantToIso(ms));
  return {
    visitorId: summary.visitorId ?? null,
    firstVisit: at(summary.firstVisit),
    previousVisit: at(summary.previousVisit),
    currentVisit: at(summary.currentVisit),
    sessionCount: summary.sessionCount ?? null,
    pageViews: summary.pageViews ?? null,
    doNotTrack: summary.doNotTrack,
    consentAnalytics: summary.consent?.analytics ?? null,
    consentAdvertisement: summary.consent?.advertisement ?? null,
    consentFunctionality: summary.consent?.functionality ?? null,
  };
}

export function buildExport(
  site: { registrableDomain: string; host: string },
  views: readonly CookieView[],
  summary: HubspotSummary,
  now: number,
  t: Translator,
): ExportedReport {
  return {
    format: 'cookie-lens-site-report',
    version: 1,
    site: site.registrableDomain,
    host: site.host,
    generatedAt: instantToIso(now),
    summary: summaryJson(summary),
    cookies: views.map((v) => exportCookie(v, v.outcome, t)),
    contradictions: findConsentContradictions(
      views.map((v) => ({
        name: v.cookie.name, family: v.family, category: v.category, outcome: v.outcome,
        expirationDate: v.cookie.expirationDate, value: v.cookie.value, vendor: v.vendor,
      })),
      now,
    ).map(contradictionToJson),
  };
}

/**
 * One CSV cell. Quoted always; a leading = + - @ (or tab/CR) gets an apostrophe so that a
 * spreadsheet never runs a formula a website planted in a cookie value.
 */
export function csvCell(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function exportCsv(report: ExportedReport): string {
  const header = ['name', 'vendor', 'category', 'recognised', 'domain', 'path', 'hostOnly', 'partitionKey', 'secure', 'httpOnly', 'sameSite', 'expires', 'fields', 'problems', 'value'];
  const rows = report.cookies.map((c) => [
    c.name, c.vendor, c.category, c.recognised, c.domain, c.path, c.hostOnly, c.partitionKey, c.secure, c.httpOnly, c.sameSite, c.expires,
    Object.entries(c.fields).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`).join('; '),
    c.problems.map((p) => p.message).join('; '),
    c.value,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
