// The one map of messages between the extension pages (popup, options) and the background.
// The popup client and the background's handler table are both derived from `Api`, so a message
// without a handler is a compile error. Replies are values, never exceptions (those do not
// survive runtime messaging).
import type { OptOutLevel, SiteRule } from '../core/rules.ts';
import type { CookieRecord } from '../model/cookie.ts';
import type { StoreChoiceCookies } from '../core/choice-state.ts';
import type { PortalDomains } from '../core/portal-domains.ts';
import { isRowOrder, type RowOrder } from '../core/row-order.ts';
import { isCleanUpScope, type CleanUpChoice, type CleanUpScope } from '../core/cleanup.ts';

export interface FailedCookie {
  readonly name: string;
  readonly domain: string;
  readonly path: string;
  readonly partitioned: boolean;
  /** The browser's own words, untranslated; shown as text beside our explanation. */
  readonly reason: string;
}

export interface ActionOutcome {
  /** Cookies written or removed. */
  readonly changed: number;
  readonly failed: readonly FailedCookie[];
  readonly rule: SiteRule | null;
}

export interface ResetOutcome {
  readonly removed: number;
  readonly failed: readonly FailedCookie[];
  /** Present when something was removed: the snapshot Undo restores. */
  readonly snapshotId: string | null;
  readonly reloaded: boolean;
  /**
   * "Also clear this site's stored data": `not-asked` when unticked, `cleared` when the browser
   * cleared it, `failed` with the browser's own words in `storedDataFailure`. Never undone.
   */
  readonly storedData: 'not-asked' | 'cleared' | 'failed';
  readonly storedDataFailure: string | null;
}

export interface UndoOutcome {
  readonly restored: number;
  readonly failed: readonly FailedCookie[];
  /** Cookies in the snapshot that had expired meanwhile and were not brought back. */
  readonly expired: number;
  /**
   * `restored`: this undo ran. `already-restored`: the snapshot was restored before (a second click
   * restores nothing). `unknown-snapshot`: no snapshot with that id is known (never taken, replaced
   * by a newer reset, or from before the browser restarted): nothing restored either.
   */
  readonly result: UndoResult;
}

export type UndoResult = 'restored' | 'already-restored' | 'unknown-snapshot';

export interface DeleteOutcome {
  /** Cookies removed (each is in the site's undo snapshot). */
  readonly removed: number;
  readonly failed: readonly FailedCookie[];
  /** Chosen cookies that were no longer there (or were not the site's): nothing was done for them. */
  readonly notFound: number;
  /** Present when something was removed: the snapshot Undo restores. */
  readonly snapshotId: string | null;
}

export interface ImportOutcome {
  readonly written: number;
  /** Cookies the browser refused, in its own words (e.g. a `__Host-` cookie with a Domain). */
  readonly failed: readonly FailedCookie[];
  /** Cookies of the file that were not for this site, expired, or listed twice. */
  readonly skipped: number;
}

export interface UndoImportOutcome {
  readonly removed: number;
  readonly restored: number;
  readonly failed: readonly FailedCookie[];
  /** True when there was no import of this site to undo (already undone, or the browser restarted). */
  readonly nothing: boolean;
}

/** What became of one cookie edited or added in the popup's details view. */
export interface WriteCookieOutcome {
  /** True when the browser stored the cookie. */
  readonly written: boolean;
  /** The browser's refusal in its own words (e.g. a `__Host-` cookie with a Domain), or null. */
  readonly failure: string | null;
  /** Cookie Lens's own refusal, before asking the browser: not this site's, already expired, or against its name prefix. */
  readonly refused: 'other-site' | 'expired' | 'host-prefix' | 'secure-prefix' | null;
  /** Present when the write replaced a cookie: the site's undo snapshot that restores it. */
  readonly snapshotId: string | null;
}

/** One cookie as the popup's edit and add forms give it (store and partition come from the tab). */
export type CookieInput = Omit<CookieRecord, 'storeId' | 'partitionKey' | 'firstPartyDomain'>;

export type Api = {
  setDoNotTrack: { req: { tabId: number; on: boolean }; res: ActionOutcome };
  setOptOut: { req: { tabId: number; level: OptOutLevel }; res: ActionOutcome };
  setStripLinks: { req: { tabId: number; on: boolean }; res: { on: boolean } };
  /** The other domains of the site's HubSpot portal, as the tab's page shows them (src/core/portal-domains.ts). */
  portalDomains: { req: { tabId: number }; res: PortalDomains };
  /** "Send Global Privacy Control to this site" (src/core/page-scripts.ts gpcOn). */
  setGpc: { req: { tabId: number; on: boolean }; res: ActionOutcome };
  /** "Block <vendor> on this site": `vendor` is a vendor id of src/core/vendors.ts. */
  setVendorBlock: { req: { tabId: number; vendor: string; blocked: boolean }; res: ActionOutcome };
  /** `clearStoredData`: also clear the site's local storage, IndexedDB, cache storage and service workers (src/core/site-data.ts). */
  reset: { req: { tabId: number; includeConsent: boolean; alsoRemove: readonly string[]; clearStoredData?: boolean }; res: ResetOutcome };
  undo: { req: { tabId: number; snapshotId: string }; res: UndoOutcome };
  /** Removes exactly these cookies of the tab's site, each given by its cookieIdentity. */
  deleteCookies: { req: { tabId: number; cookies: readonly string[] }; res: DeleteOutcome };
  /** Writes the cookies of a Cookie-Editor JSON or Netscape file that belong to the tab's site. */
  importCookies: { req: { tabId: number; text: string }; res: ImportOutcome };
  undoImport: { req: { tabId: number }; res: UndoImportOutcome };
  /** Writes one cookie of the tab's site (an edit or an addition); a replaced cookie goes into the undo snapshot first. */
  writeCookie: { req: { tabId: number; cookie: CookieInput }; res: WriteCookieOutcome };
  /** Remembers how the popup lays out the cookie rows. */
  setRowOrder: { req: { order: RowOrder }; res: { order: RowOrder } };
  updateRule: { req: { site: string; doNotTrack: boolean; optOut: OptOutLevel }; res: { rule: SiteRule | null } };
  removeRule: { req: { site: string }; res: { removed: boolean } };
  importRules: { req: { text: string }; res: { imported: number } };
  exportRules: { req: Record<string, never>; res: { text: string } };
  discardSetAside: { req: { index: number }; res: { remaining: number } };
  /** Removes the "strip HubSpot's identity from links" choice of a site (the options page has no tab). */
  removeLinkStripping: { req: { site: string }; res: { removed: boolean } };
  /** What the choice cookies of every ruled site say now, per cookie store (the options page has no tab). */
  choiceCookies: { req: Record<string, never>; res: { states: readonly StoreChoiceCookies[] } };
  /** "Clean up when I close its last tab" for the tab's site: what goes, or `off`. */
  setCleanUp: { req: { tabId: number; scope: CleanUpScope | 'off' }; res: { choice: CleanUpChoice | null } };
  /** The options page's "Stop cleaning up" for a site (not one the organisation set). */
  removeCleanUp: { req: { site: string }; res: { removed: boolean } };
};

export type MessageName = keyof Api;
export type Request = { [K in MessageName]: { readonly type: K; readonly payload: Api[K]['req'] } }[MessageName];

export type ErrorCode =
  | 'bad-request'
  | 'unsupported-page'
  | 'no-permission'
  | 'tab-gone'
  | 'store-newer'
  | 'storage-full'
  | 'import-invalid'
  | 'managed-rule'
  | 'internal';

export interface WireError {
  readonly code: ErrorCode;
  /** Technical detail in English for logs and for the visitor's "details" line. */
  readonly detail: string;
}

export type Reply<K extends MessageName> = { readonly ok: true; readonly value: Api[K]['res'] } | { readonly ok: false; readonly error: WireError };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isTabId = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isSite = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 253;
const isLevel = (x: unknown): x is OptOutLevel => x === 'off' || x === 'cookies' || x === 'block';
const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

const SAME_SITE: readonly unknown[] = ['no_restriction', 'lax', 'strict', 'unspecified'];
const isShortString = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
function isCookieInput(x: unknown): x is CookieInput {
  return isObject(x) && isShortString(x.name, 4096) && x.name.length > 0 && isShortString(x.value, 4096) && isShortString(x.domain, 253)
    && typeof x.hostOnly === 'boolean' && isShortString(x.path, 1024) && x.path.startsWith('/') && typeof x.secure === 'boolean'
    && typeof x.httpOnly === 'boolean' && SAME_SITE.includes(x.sameSite)
    && (x.expirationDate === undefined || (typeof x.expirationDate === 'number' && Number.isFinite(x.expirationDate)));
}

/** Runtime shape checks for each message; the table's type makes a missing guard a compile error. */
const payloadGuards: { [K in MessageName]: (p: Record<string, unknown>) => boolean } = {
  setDoNotTrack: (p) => isTabId(p.tabId) && typeof p.on === 'boolean',
  setOptOut: (p) => isTabId(p.tabId) && isLevel(p.level),
  setStripLinks: (p) => isTabId(p.tabId) && typeof p.on === 'boolean',
  setGpc: (p) => isTabId(p.tabId) && typeof p.on === 'boolean',
  portalDomains: (p) => isTabId(p.tabId),
  setVendorBlock: (p) => isTabId(p.tabId) && typeof p.vendor === 'string' && p.vendor.length <= 64 && typeof p.blocked === 'boolean',
  reset: (p) => isTabId(p.tabId) && typeof p.includeConsent === 'boolean' && isStringArray(p.alsoRemove)
    && (p.clearStoredData === undefined || typeof p.clearStoredData === 'boolean'),
  undo: (p) => isTabId(p.tabId) && typeof p.snapshotId === 'string',
  deleteCookies: (p) => isTabId(p.tabId) && isStringArray(p.cookies) && p.cookies.length > 0 && p.cookies.length <= 10_000,
  importCookies: (p) => isTabId(p.tabId) && typeof p.text === 'string' && p.text.length <= 5_000_000,
  undoImport: (p) => isTabId(p.tabId),
  writeCookie: (p) => isTabId(p.tabId) && isCookieInput(p.cookie),
  setRowOrder: (p) => isRowOrder(p.order),
  updateRule: (p) => isSite(p.site) && typeof p.doNotTrack === 'boolean' && isLevel(p.optOut),
  removeRule: (p) => isSite(p.site),
  importRules: (p) => typeof p.text === 'string',
  exportRules: () => true,
  discardSetAside: (p) => typeof p.index === 'number' && Number.isInteger(p.index) && p.index >= 0,
  removeLinkStripping: (p) => isSite(p.site),
  choiceCookies: () => true,
  setCleanUp: (p) => isTabId(p.tabId) && (p.scope === 'off' || isCleanUpScope(p.scope)),
  removeCleanUp: (p) => isSite(p.site),
};

function isMessageName(x: unknown): x is MessageName {
  return typeof x === 'string' && Object.hasOwn(payloadGuards, x);
}

/** Narrows anything that arrives over runtime messaging to a well-formed request, or null. */
export function parseRequest(message: unknown): Request | null {
  if (!isObject(message) || !isMessageName(message.type) || !isObject(message.payload)) return null;
  if (!payloadGuards[message.type](message.payload)) return null;
  // The guard above has checked the payload's shape for exactly this message type.
  return message as unknown as Request;
}
