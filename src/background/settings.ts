// The background's view of the stored settings: read through the pure migrator, written back only
// by this module, one write at a time. The rule index is a cache derived from storage, rebuilt on
// every change, so a service-worker restart loses nothing.
import { RuleIndex } from '../core/rules.ts';
import { migrate } from '../storage/migrate.ts';
import type { Store } from '../storage/schema.ts';
import { onRootChanged, readRoot, writeRoot } from '../browser/storage.ts';
import { logError } from './log.ts';

export class StoreRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`settings were written by a newer version of Cookie Lens or cannot be read (${reason}); nothing was changed`);
  }
}

let index: RuleIndex | null = null;
let loading: Promise<RuleIndex> | null = null;

function indexFrom(raw: unknown, previous: RuleIndex | null): RuleIndex {
  const result = migrate(raw);
  // A store we cannot read keeps the last good index: enforcement never silently switches off.
  return result.ok ? new RuleIndex(Object.values(result.store.rules)) : (previous ?? new RuleIndex([]));
}

/** Keeps the cached index current; registered once at worker start. */
export function watchRules(): void {
  onRootChanged((raw) => {
    index = indexFrom(raw, index);
  });
}

/**
 * The rule index: one storage read per worker start, then answered synchronously, so the
 * per-event path for sites without a rule never waits on storage.
 */
export function ruleIndex(): RuleIndex | Promise<RuleIndex> {
  if (index !== null) return index;
  loading ??= readRoot().then(
    (raw) => (index ??= indexFrom(raw, null)),
    (error: unknown) => {
      logError('loading rules', error);
      loading = null;
      return new RuleIndex([]);
    },
  );
  return loading;
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
    if (store !== current) await writeRoot(store);
    return result;
  });
  writeChain = run.catch(() => undefined);
  return run;
}

/** Runs once at worker start: migrates an older stored shape in place (never a newer one). */
export async function ensureMigrated(): Promise<void> {
  const raw = await readRoot();
  const result = migrate(raw);
  if (!result.ok) {
    logError('migrating settings', new StoreRefusedError(result.problem));
    return;
  }
  if (result.changed) await writeRoot(result.store);
}
