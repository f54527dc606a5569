// Evidence that a choice holds: tracking requests and cookie refreshes seen on ruled sites, counted
// in storage.local (src/storage/evidence.ts) so a browser restart loses nothing.
import { startBlockedCounting, startCounting, verificationKey, withBlockedRequest, withChoiceMade, withCookieRefresh, withTrackingRequest, type Evidence } from '../core/verification.ts';
import { readEvidence, storedEvidence } from '../storage/evidence.ts';
import { EVIDENCE_KEY, readLocal, writeLocal } from '../browser/storage.ts';
import { logError } from './log.ts';

let chain: Promise<unknown> = Promise.resolve();

/** Read, change, write, one at a time. Counts written by a newer Cookie Lens are left alone. */
function updateEvidence(change: (evidence: Evidence) => Evidence): Promise<void> {
  const run = chain.then(async () => {
    const read = readEvidence(await readLocal(EVIDENCE_KEY));
    if (!read.ok) return;
    const next = change(read.evidence);
    if (next === read.evidence || next.countingSince === null) return;
    await writeLocal(EVIDENCE_KEY, storedEvidence({ ...next, countingSince: next.countingSince }));
  });
  chain = run.catch((error: unknown) => logError('recording verification', error));
  return chain.then(() => undefined);
}

/**
 * Runs at every worker start: from the first one on, every tracking request from a ruled site is
 * counted, so a count can be given from then (the first start keeps its time).
 */
export function ensureCounting(now: number): Promise<void> {
  return updateEvidence((evidence) => startCounting(evidence, now));
}

/**
 * Runs at every worker start in a browser that reports the requests a blocking rule stopped: from
 * the first such start on, they are counted per vendor (the first start keeps its time).
 */
export function ensureBlockedCounting(now: number): Promise<void> {
  return updateEvidence((evidence) => startBlockedCounting(evidence, now));
}

/** A request to a blocked vendor's hosts that the blocking stopped, for the current choice (`ruleSince`). */
export function noteBlockedRequest(site: string, storeId: string, vendor: string, ruleSince: number, at: number): Promise<void> {
  return updateEvidence((evidence) => withBlockedRequest(evidence, verificationKey(site, storeId), ruleSince, vendor, at));
}

/** A new choice starts a new count. */
export function resetVerification(site: string, storeId: string, now: number): Promise<void> {
  return updateEvidence((evidence) => withChoiceMade(evidence, verificationKey(site, storeId), now));
}

/** `ruleSince` tells a count of the current choice from one left by an earlier choice. */
export function noteTrackingRequest(site: string, storeId: string, host: string, ruleSince: number, at: number): Promise<void> {
  return updateEvidence((evidence) => withTrackingRequest(evidence, verificationKey(site, storeId), ruleSince, host, at));
}

// A tracker rewriting its cookies writes them on every page view, or every 100 ms: refreshes are
// gathered in memory and written once per burst, not one storage round trip per write. Losing a
// burst with a stopped worker only loses evidence, never a setting.
const REFRESH_FLUSH_MS = 500;
interface PendingRefreshes { readonly ruleSince: number; readonly names: Map<string, number> }
const pendingRefreshes = new Map<string, PendingRefreshes>();
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

function flushRefreshes(): void {
  refreshTimer = null;
  const batch = [...pendingRefreshes];
  pendingRefreshes.clear();
  void updateEvidence((evidence) => {
    let next = evidence;
    for (const [key, { ruleSince, names }] of batch) {
      for (const [name, at] of names) next = withCookieRefresh(next, key, ruleSince, name, at);
    }
    return next;
  });
}

export function noteCookieRefresh(site: string, storeId: string, name: string, ruleSince: number, at: number): void {
  const key = verificationKey(site, storeId);
  const pending = pendingRefreshes.get(key);
  // A newer choice made while the burst waited: refreshes from before it do not count.
  const entry = pending !== undefined && pending.ruleSince === ruleSince ? pending : { ruleSince, names: new Map<string, number>() };
  entry.names.set(name, Math.max(at, entry.names.get(name) ?? 0));
  pendingRefreshes.set(key, entry);
  refreshTimer ??= setTimeout(flushRefreshes, REFRESH_FLUSH_MS);
}
