// What Undo of a cookie import needs, kept by the background in storage.session (it lives for the
// browser session, like the import itself in the visitor's memory): per site and store, the
// cookies the import wrote (removed on undo) and those it replaced (restored). Versioned; pure.
import type { CookieRecord } from '../model/cookie.ts';
import { readCookieV1 } from './validate-v1.ts';

export const IMPORT_UNDO_VERSION = 1;

export interface ImportUndo {
  readonly version: 1;
  readonly site: string;
  readonly storeId: string;
  readonly takenAt: number;
  readonly written: readonly CookieRecord[];
  readonly replaced: readonly CookieRecord[];
}

export type ImportUndoMap = Readonly<Record<string, ImportUndo>>;

export function importUndoKey(site: string, storeId: string): string {
  return `${storeId}/${site}`;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readCookies(value: unknown): CookieRecord[] | null {
  if (!Array.isArray(value)) return null;
  const cookies: CookieRecord[] = [];
  for (const item of value) {
    const read = readCookieV1(item);
    if (!read.ok) return null;
    cookies.push(read.value);
  }
  return cookies;
}

/** The stored records that are well formed; anything else is dropped (an undo it cannot trust is no undo). */
export function readImportUndoMap(raw: unknown): ImportUndoMap {
  if (!isRecord(raw)) return {};
  const map: Record<string, ImportUndo> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isRecord(value) || value.version !== IMPORT_UNDO_VERSION) continue;
    const { site, storeId, takenAt } = value;
    const written = readCookies(value.written);
    const replaced = readCookies(value.replaced);
    if (typeof site !== 'string' || typeof storeId !== 'string' || typeof takenAt !== 'number' || written === null || replaced === null) continue;
    if (key !== importUndoKey(site, storeId)) continue;
    map[key] = { version: 1, site, storeId, takenAt, written, replaced };
  }
  return map;
}
