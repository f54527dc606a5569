// How the visitor likes the popup laid out, kept under its own storage.local key beside the
// settings root (which holds rules and undo snapshots and has its own migrations): a layout
// preference is not worth a migration of the rules. Versioned all the same; pure.
import { DEFAULT_ROW_ORDER, isRowOrder, type RowOrder } from '../core/row-order.ts';

export const VIEW_PREFS_VERSION = 1;

export interface ViewPrefs {
  readonly version: 1;
  readonly rowOrder: RowOrder;
}

export const DEFAULT_VIEW_PREFS: ViewPrefs = { version: 1, rowOrder: DEFAULT_ROW_ORDER };

export type ViewPrefsRead =
  | { readonly ok: true; readonly prefs: ViewPrefs }
  /** Written by a newer Cookie Lens: used as defaults, and never overwritten. */
  | { readonly ok: false; readonly prefs: ViewPrefs; readonly newer: true };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The stored preferences, or the defaults for anything missing or unreadable (a layout choice is
 * never worth an error). Version 1 is the only version so far: there is nothing to migrate yet.
 */
export function readViewPrefs(raw: unknown): ViewPrefsRead {
  if (!isRecord(raw)) return { ok: true, prefs: DEFAULT_VIEW_PREFS };
  if (typeof raw.version === 'number' && raw.version > VIEW_PREFS_VERSION) return { ok: false, prefs: DEFAULT_VIEW_PREFS, newer: true };
  if (raw.version !== 1) return { ok: true, prefs: DEFAULT_VIEW_PREFS };
  return { ok: true, prefs: { version: 1, rowOrder: isRowOrder(raw.rowOrder) ? raw.rowOrder : DEFAULT_ROW_ORDER } };
}

export function withRowOrder(prefs: ViewPrefs, rowOrder: RowOrder): ViewPrefs {
  return { ...prefs, rowOrder };
}
