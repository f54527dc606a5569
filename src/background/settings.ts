// The background's view of the settings: the visitor's stored rules (read through the pure
// migrator, written back only by this module, one write at a time) with the organisation's
// managed policy laid over them. The rule index is a cache derived from both, rebuilt whenever
// either changes, so a service-worker restart loses nothing.
import { RuleIndex, type SiteRule } from '../core/rules.ts';
import { effectiveRules, NO_POLICY, parseManagedPolicy, policyToActOn, type ManagedPolicy } from '../core/managed.ts';
import { migrate } from '../storage/migrate.ts';
import type { Store } from '../storage/schema.ts';
import { POLICY_KEY, onManagedChanged, onRootChanged, readManaged, readRoot, readSession, writeRoot, writeSession } from '../browser/storage.ts';
import { logError } from './log.ts';

export class StoreRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`settings were written by a newer version of Cookie Lens or cannot be read (${reason}); nothing was changed`);
  }
}

// The managed policy. Chromium answers the first storage.managed read of a browser session only
// after loading its policies, which takes seconds; the rules the visitor set must not wait for
// that. So the policy is read once in the background, kept here and copied to storage.session for
// the pages, and the rule index is rebuilt when it arrives.
let policy: ManagedPolicy | null = null;
let policyLoading: Promise<ManagedPolicy> | null = null;

/** The organisation's policy (waits for it); problems in it are logged, never fatal. */
export function loadPolicy(): Promise<ManagedPolicy> {
  if (policy !== null) return Promise.resolve(policy);
  policyLoading ??= readManaged().then((raw) => {
    const parsed = parseManagedPolicy(raw);
    if (parsed.problems.length > 0) logError('reading the managed policy', parsed.problems);
    policy = parsed.policy;
    void writeSession(POLICY_KEY, policy).catch((error: unknown) => logError('sharing the managed policy', error));
    return policy;
  });
  return policyLoading;
}

/**
 * The policy to act on now, without waiting for a read still under way (see policyToActOn): the
 * loaded one, else the copy shared earlier in this browser session, else none. `settled` says
 * whether it is the loaded one.
 */
export async function policyNow(): Promise<{ readonly policy: ManagedPolicy; readonly settled: boolean }> {
  if (policy !== null) return policyToActOn(policy, null);
  void loadPolicy();
  const shared = await readSession(POLICY_KEY).catch(() => undefined);
  const parsed = shared === undefined ? null : parseManagedPolicy(shared).policy;
  return policyToActOn(policy, parsed);
}

/** Rules in force: the visitor's, with managed ones (once known) replacing theirs for the same site. */
export async function loadEffectiveRules(known: ManagedPolicy | null = policy): Promise<Record<string, SiteRule>> {
  const result = migrate(await readRoot());
  // A store we cannot accept has no rules we can read: the migrator refuses newer stores, so
  // fall back to none rather than guess their shape.
  return effectiveRules(result.ok ? result.store.rules : {}, known ?? NO_POLICY);
}

let index: RuleIndex | null = null;
let loading: Promise<RuleIndex> | null = null;

function rebuild(): Promise<RuleIndex> {
  const next = loadEffectiveRules().then(
    (rules) => {
      index = new RuleIndex(Object.values(rules));
      return index;
    },
    (error: unknown) => {
      logError('loading rules', error);
      // Keep the last good index: enforcement never silently switches off.
      return index ?? new RuleIndex([]);
    },
  );
  loading = next;
  return next;
}

/**
 * Why the index was rebuilt: the rules changed (stored rules or the policy), or the worker started
 * and has merged the organisation's policy in, `managedRules` telling whether it holds any rule.
 */
export type RulesUpdate = { readonly cause: 'changed' } | { readonly cause: 'started'; readonly managedRules: boolean };

/** Keeps the cached index current; registered once at worker start. `onChange` runs after each rebuild. */
export function watchRules(onChange: (update: RulesUpdate) => void): void {
  const refresh = (update: RulesUpdate): void => {
    void rebuild().then(() => onChange(update));
  };
  onRootChanged(() => refresh({ cause: 'changed' }));
  onManagedChanged(() => {
    policy = null;
    policyLoading = null;
    void loadPolicy().then(() => refresh({ cause: 'changed' }));
  });
  // The policy arrives late at browser start: merge it in when it does.
  void loadPolicy().then(
    (loaded) => refresh({ cause: 'started', managedRules: loaded.optOutSites.length + loaded.doNotTrackSites.length > 0 }),
    (error: unknown) => logError('reading the managed policy', error),
  );
}

/**
 * The rule index: loaded once per worker start, then answered synchronously, so the per-event
 * path for sites without a rule never waits on storage.
 */
/** The index when it is loaded, without starting a load: for checks that must not read storage. */
export function loadedRuleIndex(): RuleIndex | null {
  return index;
}

export function ruleIndex(): RuleIndex | Promise<RuleIndex> {
  if (index !== null) return index;
  return loading ?? rebuild();
}

/** Reads and validates the settings. A store we cannot accept is an error, never a reset. */
export async function loadStore(): Promise<Store> {
  const result = migrate(await readRoot());
  if (!result.ok) throw new StoreRefusedError(result.problem);
  return result.store;
}

let writeChain: Promise<unknown> = Promise.resolve();

/**
 * Applies `change` to the freshest stored settings and writes the result. Calls are queued, so two
 * actions in flight (say, a double-clicked Undo) never overwrite each other's writes.
 */
export function updateStore<T>(change: (store: Store) => { store: Store; result: T }): Promise<T> {
  const run = writeChain.then(async () => {
    const current = await loadStore();
    const { store, result } = change(current);
    if (store !== current) {
      await writeRoot(store);
      // Cookie events that our own next writes cause must already meet the new rules, not the
      // index of before (storage.onChanged rebuilds it too, but later).
      if (index !== null || loading !== null) await rebuild();
    }
    return result;
  });
  writeChain = run.catch(() => undefined);
  return run;
}

/** Runs once at worker start: migrates an older stored shape in place (never a newer one). */
export async function ensureMigrated(): Promise<void> {
  const result = migrate(await readRoot());
  if (!result.ok) {
    logError('migrating settings', new StoreRefusedError(result.problem));
    return;
  }
  if (result.changed) await writeRoot(result.store);
}
