// The ways the popup can lay out the cookie rows; the visitor's choice is remembered
// (src/storage/view-prefs.ts) and applied by src/explain/arrange.ts.
// `written` puts the most recently written cookies first, as far as that is known
// (src/explain/last-written.ts says what "last written" can mean without a write time from the browser).
export type RowOrder = 'category' | 'vendor' | 'name' | 'written';

export const ROW_ORDERS: readonly RowOrder[] = ['category', 'vendor', 'name', 'written'];

export const DEFAULT_ROW_ORDER: RowOrder = 'category';

export function isRowOrder(value: unknown): value is RowOrder {
  return typeof value === 'string' && (ROW_ORDERS as readonly string[]).includes(value);
}
