// The shape of Cookie Lens's settings in storage.local: one root record under STORAGE_KEY.
//
// Every shipped version keeps its own frozen types here (StoreV1, SiteRuleV1, ...), so the
// migration step from it is type-checked against what was really stored, even after the live
// types in src/core change. Never edit a shipped version's types; add the next version beside
// them (see src/storage/migrate.ts for the steps).
import type { SiteRule } from '../core/rules.ts';
import type { UndoSnapshot } from '../core/plans.ts';

/** The one storage.local key Cookie Lens writes. */
export const STORAGE_KEY = 'cookieLens';

export const CURRENT_VERSION = 3;

export type SetAsideReason =
  /** A piece that should be an object (or a list) is something else. */
  | 'wrong-type'
  /** A top-level field this version does not know. */
  | 'unknown-field'
  | 'invalid-rule'
  /** A valid rule stored under another site's key. */
  | 'key-mismatch'
  | 'invalid-snapshot'
  | 'invalid-entry'
  /** The whole stored root could not be read as a store (see storeFromUnreadable). */
  | 'unreadable-root';

/** A piece of stored data that could not be used, kept so the options page can show it. */
export interface SetAsideEntry {
  /** The piece as JSON text (or a description when it cannot be written as JSON). */
  readonly raw: string;
  /** Where it was found, e.g. `rules["example.com"]`. */
  readonly from: string;
  readonly reason: SetAsideReason;
  /** Why, in short technical English (untranslated, shown as text). */
  readonly detail: string;
}

// ---- Version 1 (Cookie Lens 0.1). Frozen. -------------------------------------------------

export interface PartitionKeyV1 {
  readonly topLevelSite: string;
  readonly hasCrossSiteAncestor?: boolean;
}

export interface CookieRecordV1 {
  readonly name: string;
  readonly value: string;
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: 'no_restriction' | 'lax' | 'strict' | 'unspecified';
  readonly expirationDate?: number;
  readonly storeId: string;
  readonly partitionKey?: PartitionKeyV1;
  readonly firstPartyDomain?: string;
}

export interface SiteRuleV1 {
  readonly site: string;
  readonly doNotTrack: boolean;
  readonly optOut: 'off' | 'cookies' | 'block';
  readonly since: number;
  readonly managed?: boolean;
}

export interface UndoSnapshotV1 {
  readonly site: string;
  readonly storeId: string;
  readonly takenAt: number;
  readonly cookies: readonly CookieRecordV1[];
  readonly id: string;
}

export interface StoreV1 {
  readonly version: 1;
  /** Keyed by the rule's site. */
  readonly rules: Readonly<Record<string, SiteRuleV1>>;
  /** Keyed by undoKey(site, storeId). */
  readonly undo: Readonly<Record<string, UndoSnapshotV1>>;
  readonly setAside: readonly SetAsideEntry[];
}

// ---- Version 2: a rule keeps the choice cookies that were there before it, per-vendor choices and
// Global Privacy Control; links can be stripped of HubSpot's identity. Frozen. ----------------

/** The consent and do-not-track cookies of a site as they were before a rule first changed them. */
export interface EarlierChoicesV2 {
  readonly storeId: string;
  /** The page's host when they were read, so they can be read again without a tab. */
  readonly host: string;
  /** The cookie names kept; a name without a cookie in `cookies` had none. */
  readonly names: readonly string[];
  readonly cookies: readonly CookieRecordV1[];
}

/** A vendor blocked on the site by its own switch, or kept while the site is opted out. */
export type VendorChoiceV2 = 'block' | 'allow';

export interface SiteRuleV2 extends SiteRuleV1 {
  readonly earlier?: EarlierChoicesV2;
  /** Keyed by vendor id (src/core/vendors.ts). */
  readonly vendors?: Readonly<Record<string, VendorChoiceV2>>;
  /** Send Global Privacy Control to the site. */
  readonly gpc?: boolean;
  /** False when the site showed other trackers and no HubSpot when the visitor opted out. */
  readonly hubspot?: boolean;
}

/** A site where navigations arrive without HubSpot's identity parameters (a redirect rule). */
export interface LinkStrippingV2 {
  readonly site: string;
  readonly since: number;
}


export interface StoreV2 {
  readonly version: 2;
  readonly rules: Readonly<Record<string, SiteRuleV2>>;
  readonly undo: Readonly<Record<string, UndoSnapshotV1>>;
  /** Keyed by site; on by default after a reset of the site. */
  readonly stripLinks: Readonly<Record<string, LinkStrippingV2>>;
  readonly setAside: readonly SetAsideEntry[];
}

// ---- Version 3: a rule keeps the earlier choice cookies of every cookie store it acted in
// (normal windows, private windows, each Firefox container), keyed by store id; version 2 kept
// only the first store's. Frozen. --------------------------------------------------------------

export interface SiteRuleV3 extends SiteRuleV1 {
  /** Keyed by cookie store id; each entry's own `storeId` is its key. */
  readonly earlier?: Readonly<Record<string, EarlierChoicesV2>>;
  readonly vendors?: Readonly<Record<string, VendorChoiceV2>>;
  readonly gpc?: boolean;
  readonly hubspot?: boolean;
}

/**
 * "Clean up when I close its last tab" for a site (an optional field of version 3: a store
 * without it reads as before).
 */
export interface CleanUpChoiceV3 {
  readonly site: string;
  readonly scope: 'tracking' | 'all';
  readonly since: number;
}

export interface StoreV3 {
  readonly version: 3;
  readonly rules: Readonly<Record<string, SiteRuleV3>>;
  readonly undo: Readonly<Record<string, UndoSnapshotV1>>;
  readonly stripLinks: Readonly<Record<string, LinkStrippingV2>>;
  /** Keyed by site; absent until the visitor first marks a site. */
  readonly cleanUp?: Readonly<Record<string, CleanUpChoiceV3>>;
  readonly setAside: readonly SetAsideEntry[];
}

// ---- Index of shipped versions. Add `4: StoreV4` when version 4 ships. --------------------

export interface StoreVersions {
  1: StoreV1;
  2: StoreV2;
  3: StoreV3;
}

export type StoredVersion = keyof StoreVersions;
export type AnyStoredStore = StoreVersions[StoredVersion];

/** The current store, in the live types the rest of Cookie Lens uses. */
export interface Store {
  readonly version: typeof CURRENT_VERSION;
  // SiteRule's `earlier` is SiteRuleV3's in the live types.
  readonly rules: Readonly<Record<string, SiteRule>>;
  readonly undo: Readonly<Record<string, UndoSnapshot>>;
  readonly stripLinks: Readonly<Record<string, LinkStrippingV2>>;
  /** The visitor's own clean-up choices (the organisation's are laid over them, src/core/cleanup.ts). */
  readonly cleanUp?: Readonly<Record<string, CleanUpChoiceV3>>;
  readonly setAside: readonly SetAsideEntry[];
}

/** Key of a site's undo snapshot in `undo` (the same as undoKey in src/core/plans.ts). */
export { undoKey as snapshotKey } from '../core/plans.ts';

export function emptyStore(): Store {
  return { version: CURRENT_VERSION, rules: {}, undo: {}, stripLinks: {}, setAside: [] };
}
