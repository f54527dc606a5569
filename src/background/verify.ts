// Evidence that a choice holds: tracking requests and cookie refreshes seen on ruled sites.
import {
  freshVerification, parseVerificationMap, verificationKey, withCookieRefresh, withTrackingRequest, type Verification,
} from '../core/verification.ts';
import { VERIFY_KEY, readSession, writeSession } from '../browser/storage.ts';
import { logError } from './log.ts';

let chain: Promise<unknown> = Promise.resolve();

function updateVerification(key: string, change: (v: Verification | undefined) => Verification | undefined): Promise<void> {
  const run = chain.then(async () => {
    const map = parseVerificationMap(await readSession(VERIFY_KEY));
    const next = change(map[key]);
    if (next === undefined) return;
    await writeSession(VERIFY_KEY, { ...map, [key]: next });
  });
  chain = run.catch((error: unknown) => logError('recording verification', error));
  return chain.then(() => undefined);
}

/** A new choice starts a new count. */
export function resetVerification(site: string, storeId: string, now: number): Promise<void> {
  return updateVerification(verificationKey(site, storeId), () => freshVerification(now));
}

/** `ruleSince` starts the count when the session lost it (a browser restart clears storage.session). */
export function noteTrackingRequest(site: string, storeId: string, host: string, ruleSince: number, at: number): Promise<void> {
  return updateVerification(verificationKey(site, storeId), (v) => withTrackingRequest(v ?? freshVerification(ruleSince), host, at));
}

// A tracker rewriting its cookies writes them on every page view, or every 100 ms: refreshes are
// gathered in memory and written once per burst, not one storage round trip per write. Losing a
// burst with a stopped worker only loses evidence, never a setting.
const REFRESH_FLUSH_MS = 500;
const pendingRefreshes = new Map<string, Map<string, number>>();
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

function flushRefreshes(): void {
  refreshTimer = null;
  const batch = [...pendingRefreshes];
  pendingRefreshes.clear();
  for (const [key, names] of batch) {
    void updateVerification(key, (v) => {
      if (v === undefined) return undefined;
      let next = v;
      // Refreshes from before the current choice (made while this batch waited) do not count.
      for (const [name, at] of names) if (at >= v.since) next = withCookieRefresh(next, name, at);
      return next;
    });
  }
}

export function noteCookieRefresh(site: string, storeId: string, name: string, at: number): void {
  const key = verificationKey(site, storeId);
  const names = pendingRefreshes.get(key) ?? new Map<string, number>();
  names.set(name, Math.max(at, names.get(name) ?? 0));
  pendingRefreshes.set(key, names);
  refreshTimer ??= setTimeout(flushRefreshes, REFRESH_FLUSH_MS);
}
