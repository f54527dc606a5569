// How the popup lays out the cookie rows: grouped by category (the default) or by vendor, one
// list by name, or by last write (newest first, in groups by what the time is known from). Pure,
// so the order is tested without a browser.
import type { Category, VendorId } from '../decode/types.ts';
import type { CookieView } from './report.ts';
import type { RowOrder } from '../core/row-order.ts';
import type { LastWritten } from './last-written.ts';

export type RowGroup =
  | { readonly kind: 'category'; readonly key: string; readonly category: Category | null; readonly views: readonly CookieView[] }
  | { readonly kind: 'vendor'; readonly key: string; readonly vendor: VendorId | null; readonly views: readonly CookieView[] }
  | { readonly kind: 'all'; readonly key: string; readonly views: readonly CookieView[] }
  /** `written` order: one group per source of the time (seen, from the value, not known). */
  | { readonly kind: 'written'; readonly key: string; readonly basis: LastWritten['kind']; readonly views: readonly CookieView[] };

/** Categories in the order the popup has always shown them; unknown last. */
const CATEGORY_ORDER: readonly (Category | null)[] = ['analytics', 'advertising', 'functional', 'necessary', null];

/** Names compared as people read them: case-insensitively, digits as numbers (`_ga_2` before `_ga_10`). */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function byName(a: CookieView, b: CookieView): number {
  return collator.compare(a.cookie.name, b.cookie.name) || a.cookie.domain.localeCompare(b.cookie.domain) || a.cookie.path.localeCompare(b.cookie.path);
}

/**
 * The groups to show, each with its rows. Category groups keep the browser's order inside (as
 * before); vendor groups are ordered by the vendor's shown name (`vendorLabel`), unrecognised
 * cookies last, rows by name; `name` is one group of every row by name.
 */
export function arrangeRows(
  views: readonly CookieView[],
  order: RowOrder,
  vendorLabel: (vendor: VendorId) => string,
  writtenOf: (view: CookieView) => LastWritten = () => ({ kind: 'unknown' }),
): RowGroup[] {
  if (order === 'written') return byLastWrite(views, writtenOf);
  if (order === 'name') return [{ kind: 'all', key: 'all', views: [...views].sort(byName) }];
  if (order === 'category') {
    return CATEGORY_ORDER.map((category) => ({ kind: 'category' as const, key: category ?? 'unknown', category, views: views.filter((v) => v.category === category) }))
      .filter((group) => group.views.length > 0);
  }
  const byVendor = new Map<VendorId | null, CookieView[]>();
  for (const view of views) {
    const list = byVendor.get(view.vendor);
    if (list === undefined) byVendor.set(view.vendor, [view]);
    else list.push(view);
  }
  const vendors = [...byVendor.keys()].filter((v): v is VendorId => v !== null)
    .sort((a, b) => collator.compare(vendorLabel(a), vendorLabel(b)));
  const groups: RowGroup[] = vendors.map((vendor) => ({ kind: 'vendor', key: `vendor:${vendor}`, vendor, views: (byVendor.get(vendor) ?? []).sort(byName) }));
  const unknown = byVendor.get(null);
  if (unknown !== undefined) groups.push({ kind: 'vendor', key: 'vendor:', vendor: null, views: unknown.sort(byName) });
  return groups;
}

const WRITE_BASES: readonly LastWritten['kind'][] = ['seen', 'value', 'unknown'];

/**
 * Newest write first: the writes Cookie Lens saw, then the times the values carry (a lower bound,
 * so never mixed with seen ones), then the cookies whose last write is not known, by name. Ties
 * go by name, so the order does not depend on the browser's.
 */
function byLastWrite(views: readonly CookieView[], writtenOf: (view: CookieView) => LastWritten): RowGroup[] {
  const known = views.map((view) => ({ view, written: writtenOf(view) }));
  const time = (written: LastWritten): number => (written.kind === 'unknown' ? 0 : written.at);
  return WRITE_BASES.map((basis) => ({
    kind: 'written' as const,
    key: `written:${basis}`,
    basis,
    views: known
      .filter(({ written }) => written.kind === basis)
      .sort((a, b) => time(b.written) - time(a.written) || byName(a.view, b.view))
      .map(({ view }) => view),
  })).filter((group) => group.views.length > 0);
}
