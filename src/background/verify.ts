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

export function noteCookieRefresh(site: string, storeId: string, name: string, at: number): Promise<void> {
  return updateVerification(verificationKey(site, storeId), (v) => (v === undefined ? undefined : withCookieRefresh(v, name, at)));
}
