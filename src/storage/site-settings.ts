// The second half of interpreting what a page read (src/model/browser-reads.ts): the stored
// settings migrated, the organisation's policy laid over the visitor's rules, and what may be said
// about whether a site's rule holds.
import type { SiteRule } from '../core/rules.ts';
import type { UndoSnapshot } from '../core/plans.ts';
import { undoKey } from '../core/plans.ts';
import { holdingView, type HoldingView } from '../core/verification.ts';
import { effectiveRules, parseManagedPolicy } from '../core/managed.ts';
import { evidenceOrNone } from './evidence.ts';
import { migrate } from './migrate.ts';
import type { Store } from './schema.ts';

/** What the pages show of the settings for one site in one store. */
export interface SiteSettingsView {
  readonly rule: SiteRule | null;
  readonly undo: UndoSnapshot | null;
  readonly stripLinks: boolean;
  /** What may be said about whether the rule holds; null without a rule. */
  readonly verification: HoldingView | null;
  /** The organisation's policy limits a reset to the visitor-identity cookies. */
  readonly resetLocked: boolean;
  /** Set when the stored settings could not be read (e.g. written by a newer version). */
  readonly settingsProblem: string | null;
}

/** The raw stored settings root, holding counts and managed policy, as read. */
export interface RawSettingsRead {
  readonly root: unknown;
  readonly evidence: unknown;
  readonly policy: unknown;
}

export function siteSettingsFromRead(raw: RawSettingsRead, site: string, storeId: string): SiteSettingsView {
  const policy = parseManagedPolicy(raw.policy).policy;
  const migrated = migrate(raw.root);
  const rules = effectiveRules(migrated.ok ? migrated.store.rules : {}, policy);
  const rule = rules[site];
  return {
    rule: rule ?? null,
    undo: migrated.ok ? (migrated.store.undo[undoKey(site, storeId)] ?? null) : null,
    stripLinks: migrated.ok && Object.hasOwn(migrated.store.stripLinks, site),
    verification: rule === undefined ? null : holdingView(evidenceOrNone(raw.evidence), site, storeId, rule.since),
    resetLocked: policy.lockResetScope,
    settingsProblem: migrated.ok ? null : migrated.problem,
  };
}

/** The options page's view: the store, and the rules in force (the visitor's with the organisation's laid over them). */
export interface SettingsView {
  readonly store: Store | null;
  readonly rules: readonly SiteRule[];
  readonly problem: string | null;
}

export function settingsFromRead(root: unknown, rawPolicy: unknown): SettingsView {
  const migrated = migrate(root);
  const rules = Object.values(effectiveRules(migrated.ok ? migrated.store.rules : {}, parseManagedPolicy(rawPolicy).policy));
  return migrated.ok ? { store: migrated.store, rules, problem: null } : { store: null, rules, problem: migrated.problem };
}
