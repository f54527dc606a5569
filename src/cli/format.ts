// The command line's readable output: one table per host with a row per decoded field and per
// problem. Cookie names and values come from websites, so control characters are escaped before
// they reach the terminal (an ESC could otherwise recolour or rewrite the screen).
import type { Field, FieldValue, Problem } from '../decode/types.ts';
import { excerpt } from '../decode/parse.ts';
import { instantToIso, problemToJson } from '../explain/json.ts';
import { messageKeyPart } from '../i18n/messages.ts';
import type { NameFactsLookup } from '../explain/json.ts';
import { attributeCookie } from '../explain/attribution.ts';
import type { Translator } from '../i18n/messages.ts';
import type { CookieReport, SiteAuditJson, SiteContradiction } from './audit.ts';
import type { HarCookie } from './har.ts';
import type { Contradiction } from '../core/consent-check.ts';
import type { JsonFieldValue } from '../explain/json.ts';

const MAX_CELL = 80;
const HEADINGS = ['NAME', 'VENDOR', 'CATEGORY', 'FIELD', 'VALUE'] as const;
type Row = readonly [string, string, string, string, string];

export function printable(text: string, maxLength: number = MAX_CELL): string {
  return excerpt(text, maxLength);
}

function formatValue(value: FieldValue): string {
  switch (value.kind) {
    case 'text':
    case 'id':
      return printable(value.value);
    case 'instant':
      return instantToIso(value.epochMs) ?? `${value.epochMs} ms (out of the date range)`;
    case 'duration':
      return `${value.ms} ms`;
    case 'count':
      return String(value.value);
    case 'flag':
      return value.value ? 'yes' : 'no';
    case 'domain':
      return value.value ?? 'another domain (no candidate matched)';
    case 'list':
      return printable(value.value.join(', '));
  }
}

function fieldRow(field: Field, translate: Translator): [string, string] {
  const label = translate.dynamic(`field_${field.key}`) ?? field.key;
  const value = formatValue(field.value);
  const assumed = field.assumption === undefined ? value : `${value} ${translate.dynamic(`field_assumption_${messageKeyPart(field.assumption)}`) ?? `(assumes ${field.assumption})`}`;
  return [label, field.uncertain === true ? `${assumed} (format uncertain)` : assumed];
}

function problemRow(kind: 'problem' | 'warning', problem: Problem, translate: Translator): [string, string] {
  const { message } = problemToJson(problem, translate);
  const about = [problem.field, problem.detail === undefined ? undefined : printable(problem.detail)].filter((part) => part !== undefined).join(': ');
  return [kind, about.length === 0 ? message : `${message} (${about})`];
}

/** "deleted" with what removed the cookie, for a table cell. */
function deletionText(cookie: HarCookie): string {
  const where = cookie.domain === null ? '' : ` on ${printable(cookie.domain, 253)}${cookie.path === null ? '' : ` path ${printable(cookie.path)}`}`;
  return `deleted by the response${where}`;
}

function vendorName(vendor: string, translate: Translator): string {
  return translate.dynamic(`vendor_${messageKeyPart(vendor)}`) ?? vendor;
}

function reportRows(report: CookieReport, translate: Translator, lookupNameFacts?: NameFactsLookup): Row[] {
  const name = printable(report.cookie.name, 48);
  const { decoded, deletedFamily } = report;
  const databaseFacts = () => lookupNameFacts?.(report.cookie.name);
  if (report.cookie.deleted) {
    const who = attributeCookie(deletedFamily, databaseFacts);
    const vendor = who.by === 'decoder' ? vendorName(who.family.vendor, translate) : who.by === 'database' ? printable(who.facts.vendor, 48) : '-';
    const category = who.by === 'decoder' ? who.family.category : who.by === 'database' ? who.facts.category : '-';
    return [[name, vendor, category, '-', deletionText(report.cookie)]];
  }
  const who = attributeCookie(decoded?.family, databaseFacts);
  if (who.by === 'none') return [[name, '-', '-', '-', 'not recognised']];
  if (who.by === 'database') return [[name, printable(who.facts.vendor, 48), who.facts.category, '-', 'not decoded (vendor and category from the Open Cookie Database)']];
  if (decoded === undefined) return [[name, '-', '-', '-', 'not recognised']];
  const vendor = vendorName(decoded.family.vendor, translate);
  const details: [string, string][] = decoded.outcome.ok
    ? [
        ...decoded.outcome.fields.map((field) => fieldRow(field, translate)),
        ...decoded.outcome.warnings.map((warning) => problemRow('warning', warning, translate)),
      ]
    : [problemRow('problem', decoded.outcome.problem, translate)];
  if (details.length === 0) details.push(['-', '-']);
  return details.map(([label, value], index) => (index === 0 ? [name, vendor, decoded.family.category, label, value] : ['', '', '', label, value]));
}

function renderTable(rows: readonly (readonly string[])[], headings: readonly string[] = HEADINGS): string {
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headings), ...rows.map(line)].join('\n');
}

const CATEGORY_WORDS: Readonly<Record<Contradiction['category'], string>> = { analytics: 'analytics', advertising: 'advertising', functional: 'functionality' };

function day(epochMs: number): string {
  return instantToIso(epochMs)?.slice(0, 10) ?? `${epochMs} ms`;
}

/** One finding as an English sentence, e.g. "analytics declined in OptanonConsent (OneTrust) on 2024-10-15, yet _ga (Google Analytics) is present, last written 2024-10-15". */
export function contradictionSentence(contradiction: Contradiction, translate: Translator): string {
  const { consentCookie, manager, category, declinedAt, cookie, vendor, lastWrite } = contradiction;
  const declined = `${CATEGORY_WORDS[category]} declined in ${printable(consentCookie, 48)} (${vendorName(manager, translate)})${declinedAt === undefined ? '' : ` on ${day(declinedAt)}`}`;
  const written = lastWrite === undefined ? '' : `, last written ${day(lastWrite.epochMs)}${lastWrite.basis === 'expiry' ? ' (estimated from its expiry)' : ''}`;
  const sentence = `${declined}, yet ${printable(cookie, 48)} (${vendorName(vendor, translate)}) is present${written}`;
  // A category read under an assumption says so: "If the site uses OneTrust's default groups: ..."
  const { assumption } = contradiction;
  return assumption === undefined ? sentence : (translate.dynamic(`consent_assumed_${messageKeyPart(assumption)}`, [sentence]) ?? `${sentence} (assumes ${assumption})`);
}

function contradictionLines(found: readonly SiteContradiction[], translate: Translator, withSite: boolean): string {
  if (found.length === 0) return '';
  const lines = found.map(({ site, contradiction }) => `  ${withSite ? `${printable(site, 253)}: ` : ''}${contradictionSentence(contradiction, translate)}`);
  return `Consent against reality\n\n${lines.join('\n')}\n`;
}

/** Where a cookie a response set lives and until when, e.g. "domain .example.com, path /, until 2025-04-13T05:56:45.584Z". */
function storedText(cookie: HarCookie): string {
  const parts: string[] = [];
  if (cookie.domain !== null) parts.push(cookie.hostOnly === true ? `host ${printable(cookie.domain, 253)} only` : `domain ${printable(cookie.domain, 253)}`);
  if (cookie.path !== null) parts.push(`path ${printable(cookie.path)}`);
  if (cookie.expires !== null) parts.push(`until ${instantToIso(cookie.expires) ?? `${cookie.expires} ms`}`);
  else if (cookie.source === 'response') parts.push('until the browser closes');
  return parts.join(', ');
}

/** The rows of one cookie; a cookie a response set starts with where it is stored. */
function rowsWithStorage(report: CookieReport, translate: Translator, lookupNameFacts?: NameFactsLookup): Row[] {
  const rows = reportRows(report, translate, lookupNameFacts);
  const [first, ...rest] = rows;
  if (report.cookie.source !== 'response' || report.cookie.deleted || first === undefined) return rows;
  const [name, vendor, category] = first;
  const withStorage: Row[] = [[name, vendor, category, 'Stored', storedText(report.cookie)], ['', '', '', first[3], first[4]], ...rest];
  // A cookie with nothing decoded has a "-" row, which says nothing once "Stored" is there.
  return withStorage.filter(([, , , label, value]) => !(label === '-' && value === '-'));
}

/**
 * All reports, grouped by host and by what happened (sent to the host in a request, or set by its
 * response) in order of first appearance, then the consent findings, as text ending in a newline.
 */
export function formatReports(reports: readonly CookieReport[], contradictions: readonly SiteContradiction[], translate: Translator, lookupNameFacts?: NameFactsLookup): string {
  if (reports.length === 0) return 'No cookies found.\n';
  const groups = new Map<string, { title: string; reports: CookieReport[] }>();
  for (const report of reports) {
    const { host, source } = report.cookie;
    const key = `${source}\u0000${host}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { title: `Cookies ${source === 'request' ? 'sent to' : 'set by'} ${printable(host, 253)}`, reports: [report] });
    else group.reports.push(report);
  }
  const sections: string[] = [];
  for (const { title, reports: group } of groups.values()) {
    sections.push(`${title}\n\n${renderTable(group.flatMap((report) => rowsWithStorage(report, translate, lookupNameFacts)))}\n`);
  }
  const findings = contradictionLines(contradictions, translate, new Set(contradictions.map(({ site }) => site)).size > 1);
  if (findings.length > 0) sections.push(findings);
  return sections.join('\n');
}

const TRACKER_HEADINGS = ['TRACKER', 'CATEGORY', 'KNOWS', 'VALUE'] as const;

function jsonValueText(value: JsonFieldValue): string {
  if (value === null) return '-';
  return printable(Array.isArray(value) ? value.join(', ') : String(value));
}

/**
 * One site of an audit over many HAR files: what each tracker knows (one row per decoded field,
 * `cookie.field`), the cookies it deleted, the names nobody recognised, and the consent findings.
 */
export function formatSiteAudit(audit: SiteAuditJson, contradictions: readonly SiteContradiction[], translate: Translator): string {
  const files = audit.files.length === 1 ? '1 file' : `${audit.files.length} files`;
  const heading = `Site ${printable(audit.site, 253)} (${files}, ${audit.cookies.length} cookies)\n`;
  const rows: string[][] = [];
  for (const tracker of audit.trackers) {
    const known = Object.entries(tracker.knows);
    const trackerRows: [string, string][] = known.map(([key, value]) => [printable(key, 64), jsonValueText(value)]);
    for (const name of tracker.cookies) {
      if (!known.some(([key]) => key.startsWith(`${name}.`))) trackerRows.push([printable(name, 64), 'set, nothing decoded']);
    }
    for (const name of tracker.deleted) trackerRows.push([printable(name, 64), 'deleted']);
    for (const [index, [key, value]] of trackerRows.entries()) {
      rows.push(index === 0 ? [vendorName(tracker.vendor, translate), tracker.categories.join(', '), key, value] : ['', '', key, value]);
    }
  }
  const unknown = [...new Set(audit.cookies.filter((row) => row.vendor === null).map((row) => printable(row.name, 48)))];
  const parts = [heading, rows.length === 0 ? 'No tracker recognised.\n' : `${renderTable(rows, TRACKER_HEADINGS)}\n`];
  if (unknown.length > 0) parts.push(`Not recognised: ${unknown.join(', ')}\n`);
  const findings = contradictionLines(contradictions, translate, false);
  parts.push(findings.length > 0 ? findings : 'Consent against reality: no contradiction found.\n');
  return parts.join('\n');
}
