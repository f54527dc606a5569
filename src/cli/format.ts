// The command line's readable output: one table per host with a row per decoded field and per
// problem. Cookie names and values come from websites, so control characters are escaped before
// they reach the terminal (an ESC could otherwise recolour or rewrite the screen).
import type { Field, FieldValue, Problem } from '../decode/types.ts';
import { excerpt } from '../decode/parse.ts';
import { instantToIso, problemToJson } from '../explain/json.ts';
import type { DecodedCookie } from '../explain/json.ts';
import { messageKeyPart } from '../i18n/messages.ts';
import type { NameFactsLookup } from '../explain/json.ts';
import type { Translator } from '../i18n/messages.ts';

export interface CookieReport {
  readonly name: string;
  readonly host: string;
  readonly decoded: DecodedCookie;
}

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
  return [label, field.uncertain === true ? `${value} (format uncertain)` : value];
}

function problemRow(kind: 'problem' | 'warning', problem: Problem, translate: Translator): [string, string] {
  const { message } = problemToJson(problem, translate);
  const about = [problem.field, problem.detail === undefined ? undefined : printable(problem.detail)].filter((part) => part !== undefined).join(': ');
  return [kind, about.length === 0 ? message : `${message} (${about})`];
}

function reportRows(report: CookieReport, translate: Translator, lookupNameFacts?: NameFactsLookup): Row[] {
  const name = printable(report.name, 48);
  const { decoded } = report;
  if (decoded === undefined) {
    const facts = lookupNameFacts?.(report.name);
    return facts === undefined
      ? [[name, '-', '-', '-', 'not recognised']]
      : [[name, printable(facts.vendor, 48), facts.category, '-', 'not decoded (vendor and category from the Open Cookie Database)']];
  }
  const vendor = translate.dynamic(`vendor_${messageKeyPart(decoded.family.vendor)}`) ?? decoded.family.vendor;
  const details: [string, string][] = decoded.outcome.ok
    ? [
        ...decoded.outcome.fields.map((field) => fieldRow(field, translate)),
        ...decoded.outcome.warnings.map((warning) => problemRow('warning', warning, translate)),
      ]
    : [problemRow('problem', decoded.outcome.problem, translate)];
  if (details.length === 0) details.push(['-', '-']);
  return details.map(([label, value], index) => (index === 0 ? [name, vendor, decoded.family.category, label, value] : ['', '', '', label, value]));
}

function renderTable(rows: readonly Row[]): string {
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(HEADINGS), ...rows.map(line)].join('\n');
}

/** All reports, grouped by host in order of first appearance, as text ending in a newline. */
export function formatReports(reports: readonly CookieReport[], translate: Translator, lookupNameFacts?: NameFactsLookup): string {
  if (reports.length === 0) return 'No cookies found.\n';
  const byHost = new Map<string, CookieReport[]>();
  for (const report of reports) {
    const group = byHost.get(report.host);
    if (group === undefined) byHost.set(report.host, [report]);
    else group.push(report);
  }
  const sections: string[] = [];
  for (const [host, group] of byHost) {
    sections.push(`Cookies for ${printable(host, 253)}\n\n${renderTable(group.flatMap((report) => reportRows(report, translate, lookupNameFacts)))}\n`);
  }
  return sections.join('\n');
}
