// Reads whatever is stored under STORAGE_KEY and returns the current store. Pure; never throws.
//
// - Nothing stored: an empty store (nothing to write).
// - Written by a newer Cookie Lens: refused. The caller must not write, or it would destroy
//   settings the newer version understands.
// - Partly invalid: every valid rule and snapshot is kept; each invalid piece goes to `setAside`
//   with where it was and why, for the options page to show. The store is never wiped.
//
// Adding version 4 (append only; a shipped step is never edited or deleted), as version 3 was added:
// 1. schema.ts: add StoreV4 (and its frozen piece types), `4: StoreV4` in StoreVersions,
//    CURRENT_VERSION = 4, and point Store's fields at the live types.
// 2. Here: `3: 4` in NextVersion, the step `3: (old: StoreV3): StoreV4 => ...` in MIGRATION_STEPS,
//    a reader for version 4 in READERS, and in `upgrade` turn `case 3: return stored;` into
//    `case 3: return upgrade(MIGRATION_STEPS[3](stored));` plus `case 4: return stored;`.
// 3. test/fixtures/storage/v4.json, frozen from then on (v3.json is frozen now).
import { CURRENT_VERSION, snapshotKey } from './schema.ts';
import type { AnyStoredStore, CleanUpChoiceV3, LinkStrippingV2, SetAsideEntry, Store, StoredVersion, StoreV1, StoreV2, StoreV3, StoreVersions, SiteRuleV1, SiteRuleV2, SiteRuleV3, UndoSnapshotV1 } from './schema.ts';
import { isList, isRecord, jsonText, readRuleV1, readSetAsideEntry, readSnapshotV1 } from './validate-v1.ts';
import { readLinkStrippingV2, readRuleV2 } from './validate-v2.ts';
import { readCleanUpV3, readRuleV3 } from './validate-v3.ts';

export type MigrateProblem =
  /** Written by a newer Cookie Lens: do not write. */
  | 'newer-version'
  /** The stored root is not an object. */
  | 'not-an-object'
  /** The root has no version, or one no Cookie Lens ever wrote. */
  | 'unknown-version'
  /** Reading failed in a way the guards did not foresee. */
  | 'unreadable';

export type MigrateResult =
  | {
      ok: true;
      store: Store;
      /** True when the stored data differs from `store`: the caller should write `store` back. */
      changed: boolean;
      /** What this read set aside (already appended to store.setAside). */
      setAside: SetAsideEntry[];
    }
  | { ok: false; problem: MigrateProblem };

type StepSource = Exclude<StoredVersion, typeof CURRENT_VERSION>;
interface NextVersion {
  1: 2;
  2: 3;
}
type NextOf<V extends StepSource> = V extends keyof NextVersion ? NextVersion[V] : never;

/** One pure step per shipped version, keyed by the version it upgrades from. Append only. */
export const MIGRATION_STEPS: { readonly [V in StepSource]: (old: StoreVersions[V]) => StoreVersions[NextOf<V>] } = {
  // Version 2 adds optional fields to a rule (`earlier`: a version 1 rule has none, since what was
  // there before it is not known, which switching off treats as version 1 did; per-vendor choices,
  // `gpc`, `hubspot`) and the sites whose links are stripped of HubSpot's identity (none before).
  1: (old: StoreV1): StoreV2 => ({ version: 2, rules: old.rules, undo: old.undo, stripLinks: {}, setAside: old.setAside }),
  // Version 3 keys a rule's `earlier` by cookie store: version 2's one entry goes under its own
  // store id; every other field is as it was.
  2: (old: StoreV2): StoreV3 => ({
    version: 3,
    rules: Object.fromEntries(Object.entries(old.rules).map(([site, rule]) => [site, ruleV2ToV3(rule)])),
    undo: old.undo,
    stripLinks: old.stripLinks,
    setAside: old.setAside,
  }),
};

function ruleV2ToV3(rule: SiteRuleV2): SiteRuleV3 {
  const { earlier, ...rest } = rule;
  // fromEntries defines an own property, so a store id such as `__proto__` cannot reach the prototype.
  return earlier === undefined ? rest : { ...rest, earlier: Object.fromEntries([[earlier.storeId, earlier]]) };
}

/** Reads one version's stored shape, salvaging what is valid and collecting the rest. */
type Reader<V extends StoredVersion> = (root: Readonly<Record<string, unknown>>, setAside: SetAsideEntry[]) => StoreVersions[V];

const READERS: { readonly [V in StoredVersion]: Reader<V> } = {
  1: readStoreV1,
  2: readStoreV2,
  3: readStoreV3,
};

function upgrade(stored: AnyStoredStore): Store {
  switch (stored.version) {
    case 1:
      return upgrade(MIGRATION_STEPS[1](stored));
    case 2:
      return upgrade(MIGRATION_STEPS[2](stored));
    case 3:
      return stored;
  }
}

export function migrate(raw: unknown): MigrateResult {
  try {
    return migrateUnguarded(raw);
  } catch {
    // The guards read plain JSON-like data; only an exotic value (a throwing getter) gets here.
    return { ok: false, problem: 'unreadable' };
  }
}

function migrateUnguarded(raw: unknown): MigrateResult {
  if (raw === undefined) return { ok: true, store: emptyCurrentStore(), changed: false, setAside: [] };
  if (!isRecord(raw)) return { ok: false, problem: 'not-an-object' };
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, problem: 'unknown-version' };
  if (version > CURRENT_VERSION) return { ok: false, problem: 'newer-version' };
  if (!isStoredVersion(version)) return { ok: false, problem: 'unknown-version' };

  const setAside: SetAsideEntry[] = [];
  const stored = READERS[version](raw, setAside);
  const store = upgrade(stored);
  const changed = version !== CURRENT_VERSION || setAside.length > 0 || !sameData(store, raw);
  return { ok: true, store, changed, setAside };
}

/**
 * Whether the stored value already is `store`, key order aside. The walk follows `store`, which
 * is plain and acyclic, so a cycle in the stored value cannot make it run away.
 */
function sameData(store: unknown, stored: unknown): boolean {
  if (isList(store)) {
    return isList(stored) && stored.length === store.length && store.every((item, index) => sameData(item, stored[index]));
  }
  if (isRecord(store)) {
    if (!isRecord(stored)) return false;
    const keys = Object.keys(store);
    return keys.length === Object.keys(stored).length && keys.every((key) => Object.hasOwn(stored, key) && sameData(store[key], stored[key]));
  }
  return Object.is(store, stored);
}

function isStoredVersion(version: number): version is StoredVersion {
  return Object.hasOwn(READERS, version);
}

function emptyCurrentStore(): Store {
  return { version: CURRENT_VERSION, rules: {}, undo: {}, stripLinks: {}, setAside: [] };
}

const STORE_V1_FIELDS: ReadonlySet<string> = new Set(['version', 'rules', 'undo', 'setAside']);
const RULE_V1_FIELDS: ReadonlySet<string> = new Set(['site', 'doNotTrack', 'optOut', 'since', 'managed']);
const RULE_V2_FIELDS: ReadonlySet<string> = new Set([...RULE_V1_FIELDS, 'earlier', 'vendors', 'gpc', 'hubspot']);
const STORE_V2_FIELDS: ReadonlySet<string> = new Set([...STORE_V1_FIELDS, 'stripLinks']);
const STORE_V3_FIELDS: ReadonlySet<string> = new Set([...STORE_V2_FIELDS, 'cleanUp']);
const LINK_STRIPPING_V2_FIELDS: ReadonlySet<string> = new Set(['site', 'since']);
const CLEAN_UP_V3_FIELDS: ReadonlySet<string> = new Set(['site', 'scope', 'since']);
const SNAPSHOT_V1_FIELDS: ReadonlySet<string> = new Set(['site', 'storeId', 'takenAt', 'cookies', 'id']);

interface PieceReader<T> {
  readonly read: (piece: unknown) => { ok: true; value: T } | { ok: false; detail: string };
  /** The key a valid piece must be stored under. */
  readonly keyOf: (piece: T) => string;
  /** Its known fields: any other field is dropped from the piece and set aside. */
  readonly fields: ReadonlySet<string>;
  readonly invalid: 'invalid-rule' | 'invalid-snapshot' | 'invalid-entry';
}

function readStoreV1(root: Readonly<Record<string, unknown>>, setAside: SetAsideEntry[]): StoreV1 {
  return readStoreShape(root, setAside, 1, STORE_V1_FIELDS, { read: readRuleV1, keyOf: (rule: SiteRuleV1) => rule.site, fields: RULE_V1_FIELDS, invalid: 'invalid-rule' });
}

function readStoreV2(root: Readonly<Record<string, unknown>>, setAside: SetAsideEntry[]): StoreV2 {
  return readStoreWithStripping(root, setAside, 2, STORE_V2_FIELDS, { read: readRuleV2, keyOf: (rule: SiteRuleV2) => rule.site, fields: RULE_V2_FIELDS, invalid: 'invalid-rule' });
}

/** Version 3 has version 2's fields and an optional `cleanUp`; a rule's `earlier` is keyed by store. */
function readStoreV3(root: Readonly<Record<string, unknown>>, setAside: SetAsideEntry[]): StoreV3 {
  const store = readStoreWithStripping(root, setAside, 3, STORE_V3_FIELDS, { read: readRuleV3, keyOf: (rule: SiteRuleV3) => rule.site, fields: RULE_V2_FIELDS, invalid: 'invalid-rule' });
  // Optional within version 3: a store that never had it reads (and is written back) without it.
  if (root['cleanUp'] === undefined) return store;
  const cleanUpAside: SetAsideEntry[] = [];
  const cleanUp = readKeyed(root['cleanUp'], 'cleanUp', cleanUpAside, {
    read: readCleanUpV3,
    keyOf: (entry: CleanUpChoiceV3) => entry.site,
    fields: CLEAN_UP_V3_FIELDS,
    invalid: 'invalid-entry',
  });
  setAside.push(...cleanUpAside);
  return { ...store, cleanUp, setAside: [...store.setAside, ...cleanUpAside] };
}

function readStoreWithStripping<V extends 2 | 3, R extends SiteRuleV1>(
  root: Readonly<Record<string, unknown>>,
  setAside: SetAsideEntry[],
  version: V,
  storeFields: ReadonlySet<string>,
  ruleReader: PieceReader<R>,
): { version: V; rules: Record<string, R>; undo: Record<string, UndoSnapshotV1>; stripLinks: Record<string, LinkStrippingV2>; setAside: SetAsideEntry[] } {
  const shape = readStoreShape(root, setAside, version, storeFields, ruleReader);
  const strippingAside: SetAsideEntry[] = [];
  const stripLinks = readKeyed(root['stripLinks'], 'stripLinks', strippingAside, {
    read: readLinkStrippingV2,
    keyOf: (entry: LinkStrippingV2) => entry.site,
    fields: LINK_STRIPPING_V2_FIELDS,
    invalid: 'invalid-entry',
  });
  setAside.push(...strippingAside);
  return { ...shape, stripLinks, setAside: [...shape.setAside, ...strippingAside] };
}

/** Versions 1, 2 and 3 share the root's shape (2 and 3 add stripLinks); their rules differ. */
function readStoreShape<V extends StoredVersion, R extends SiteRuleV1>(
  root: Readonly<Record<string, unknown>>,
  setAside: SetAsideEntry[],
  version: V,
  storeFields: ReadonlySet<string>,
  ruleReader: PieceReader<R>,
): { version: V; rules: Record<string, R>; undo: Record<string, UndoSnapshotV1>; setAside: SetAsideEntry[] } {
  const keptAside: SetAsideEntry[] = [];
  const previouslyAside = root['setAside'];
  if (isList(previouslyAside)) {
    for (const [index, item] of previouslyAside.entries()) {
      const entry = readSetAsideEntry(item);
      if (entry.ok) keptAside.push(entry.value);
      else setAside.push({ raw: jsonText(item), from: `setAside[${index}]`, reason: 'invalid-entry', detail: entry.detail });
    }
  } else if (previouslyAside !== undefined) {
    setAside.push({ raw: jsonText(previouslyAside), from: 'setAside', reason: 'wrong-type', detail: 'must be a list' });
  }

  const rules = readKeyed(root['rules'], 'rules', setAside, ruleReader);
  const undo = readKeyed(root['undo'], 'undo', setAside, {
    read: readSnapshotV1,
    keyOf: (snapshot: UndoSnapshotV1) => snapshotKey(snapshot.site, snapshot.storeId),
    fields: SNAPSHOT_V1_FIELDS,
    invalid: 'invalid-snapshot',
  });

  for (const key of Object.keys(root)) {
    if (storeFields.has(key)) continue;
    setAside.push({ raw: jsonText(root[key]), from: key, reason: 'unknown-field', detail: `not a field of version ${version}` });
  }

  return { version, rules, undo, setAside: [...keptAside, ...setAside] };
}

/**
 * Reads a record of pieces keyed by their own identity (a rule by its site, a snapshot by its
 * undo key). A piece under the wrong key is set aside rather than moved: which one is right
 * cannot be told. A valid piece with unknown fields is kept without them; the original is set
 * aside so nothing is lost silently.
 */
function readKeyed<T>(value: unknown, field: string, setAside: SetAsideEntry[], reader: PieceReader<T>): Record<string, T> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    setAside.push({ raw: jsonText(value), from: field, reason: 'wrong-type', detail: 'must be an object' });
    return {};
  }
  const kept: [string, T][] = [];
  for (const [key, piece] of Object.entries(value)) {
    const from = `${field}[${JSON.stringify(key)}]`;
    const result = reader.read(piece);
    if (!result.ok) {
      setAside.push({ raw: jsonText(piece), from, reason: reader.invalid, detail: result.detail });
      continue;
    }
    const belongsTo = reader.keyOf(result.value);
    if (belongsTo !== key) {
      setAside.push({ raw: jsonText(piece), from, reason: 'key-mismatch', detail: `stored under "${key}" but belongs to "${belongsTo}"` });
      continue;
    }
    const unknown = isRecord(piece) ? Object.keys(piece).filter((name) => !reader.fields.has(name)) : [];
    if (unknown.length > 0) {
      setAside.push({ raw: jsonText(piece), from, reason: 'unknown-field', detail: `kept without ${unknown.join(', ')}` });
    }
    kept.push([key, result.value]);
  }
  // fromEntries defines own properties, so a key such as `__proto__` cannot reach the prototype.
  return Object.fromEntries(kept);
}
