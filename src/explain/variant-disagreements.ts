// Two variants of one cookie (the same name on another domain, path or partition) that tell a
// different story: different visitor ids, or different first visits. Trackers read one of them
// (which one depends on the browser's order), so the visitor is two people to the site, and the
// summary says so. Pure: it compares the decoded fields of the site's cookie views.
import type { CookieScope } from '../core/site.ts';
import type { DecodeOutcome, FieldValue, VendorId } from '../decode/types.ts';
import type { CookieView } from './report.ts';

/** The fields compared, in order of weight: once the visitor ids differ, first visits are not reported too. */
export type DisagreeingField = 'visitorId' | 'firstVisit';
const COMPARED: readonly DisagreeingField[] = ['visitorId', 'firstVisit'];

export interface DisagreeingVariant {
  readonly id: string;
  readonly scope: CookieScope | 'embedded';
  /** The cookie's domain as stored (`.example.com` for a Domain cookie, the host for a host-only one). */
  readonly domain: string;
  readonly path: string;
  /** The top-level site a partitioned variant is kept under. */
  readonly partitionSite?: string;
  readonly value: FieldValue;
}

export interface VariantDisagreement {
  readonly name: string;
  readonly vendor: VendorId | null;
  readonly field: DisagreeingField;
  /** How many different values the variants carry (2 or more). */
  readonly distinct: number;
  /** Every variant that carries the field, in a stable order (by domain length, then path, then partition). */
  readonly variants: readonly DisagreeingVariant[];
}

/** Warnings that make a field's value no evidence of a second visitor (a bare word is not an id). */
const UNTRUSTED: ReadonlySet<string> = new Set(['not-hex-id', 'not-timestamp', 'future-timestamp', 'seconds-not-ms']);

function fieldValue(outcome: DecodeOutcome | null, key: string): FieldValue | undefined {
  if (outcome === null || !outcome.ok) return undefined;
  if (outcome.warnings.some((w) => w.field === key && UNTRUSTED.has(w.code))) return undefined;
  const value = outcome.fields.find((f) => f.key === key)?.value;
  return value?.kind === 'id' || value?.kind === 'instant' ? value : undefined;
}

function comparable(value: FieldValue): string {
  return value.kind === 'id' ? `id:${value.value.toLowerCase()}` : value.kind === 'instant' ? `t:${value.epochMs}` : JSON.stringify(value);
}

/**
 * The names whose variants disagree about a visitor id or a first visit. `outcomeOf` gives the
 * decoded value (a lazily decoded one once it is there); variants whose value does not decode,
 * or whose field the decoder doubts (not a hex id, not a time), say nothing and are left out.
 */
export function variantDisagreements(views: readonly CookieView[], outcomeOf: (view: CookieView) => DecodeOutcome | null = (view) => view.outcome): VariantDisagreement[] {
  const byName = new Map<string, CookieView[]>();
  for (const view of views) {
    const list = byName.get(view.cookie.name);
    if (list === undefined) byName.set(view.cookie.name, [view]);
    else list.push(view);
  }
  const found: VariantDisagreement[] = [];
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    for (const field of COMPARED) {
      const variants = group
        .map((view) => ({ view, value: fieldValue(outcomeOf(view), field) }))
        .filter((entry): entry is { view: CookieView; value: FieldValue } => entry.value !== undefined)
        .sort((a, b) => a.view.cookie.domain.length - b.view.cookie.domain.length || a.view.cookie.domain.localeCompare(b.view.cookie.domain)
          || a.view.cookie.path.localeCompare(b.view.cookie.path)
          || (a.view.cookie.partitionKey?.topLevelSite ?? '').localeCompare(b.view.cookie.partitionKey?.topLevelSite ?? ''));
      const distinct = new Set(variants.map(({ value }) => comparable(value))).size;
      if (distinct < 2) continue;
      found.push({
        name,
        vendor: group[0]?.vendor ?? null,
        field,
        distinct,
        variants: variants.map(({ view, value }) => {
          const partitionSite = view.cookie.partitionKey?.topLevelSite;
          return {
            id: view.id, scope: view.scope, domain: view.cookie.domain, path: view.cookie.path, value,
            ...(partitionSite === undefined ? {} : { partitionSite }),
          };
        }),
      });
      break;
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
