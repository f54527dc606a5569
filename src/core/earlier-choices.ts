// Switching off puts back what was there. Before a rule first changes a consent or do-not-track
// cookie of a site, the cookies of that name are kept with the rule (EarlierChoices); when the
// rule stops writing a name (a switch turned off, the rule removed), the site's cookies of that
// name are made exactly what they were again: ours removed, the site's own written back. Each
// cookie store (normal windows, private windows, each Firefox container) keeps its own. Pure.
import { cookieIdentity } from '../model/cookie.ts';
import type { CookieRecord } from '../model/cookie.ts';
import { restoreDetailsFor } from './cookie-details.ts';
import type { CookieSetDetails } from './cookie-details.ts';
import type { CookieChanges } from './plans.ts';
import { CONSENT_PREFERENCE_COOKIE, DO_NOT_TRACK_COOKIE, OPT_OUT_COOKIE } from './plans.ts';
import type { EarlierByStore, EarlierChoices, SiteRule } from './rules.ts';

/** The cookies each switch writes: do-not-track writes one, opt-out three. */
const DO_NOT_TRACK_WRITES: readonly string[] = [DO_NOT_TRACK_COOKIE];
const OPT_OUT_WRITES: readonly string[] = [DO_NOT_TRACK_COOKIE, OPT_OUT_COOKIE, CONSENT_PREFERENCE_COOKIE];

/** The cookie names a rule (or no rule) writes. */
export function namesWrittenBy(rule: Pick<SiteRule, 'doNotTrack' | 'optOut'> | null | undefined): readonly string[] {
  if (rule === null || rule === undefined) return [];
  if (rule.optOut !== 'off') return OPT_OUT_WRITES;
  return rule.doNotTrack ? DO_NOT_TRACK_WRITES : [];
}

/** The store's entry of a rule's `earlier`, if it kept one there. */
export function earlierIn(earlier: EarlierByStore | undefined, storeId: string): EarlierChoices | undefined {
  return earlier !== undefined && Object.hasOwn(earlier, storeId) ? earlier[storeId] : undefined;
}

/** `earlier` with the store's entry replaced (or removed when `entry` is undefined); undefined when empty. */
function withEntry(earlier: EarlierByStore | undefined, storeId: string, entry: EarlierChoices | undefined): EarlierByStore | undefined {
  const entries = Object.entries(earlier ?? {}).filter(([id]) => id !== storeId);
  if (entry !== undefined) entries.push([storeId, entry]);
  // fromEntries defines own properties: a store id such as `__proto__` cannot reach the prototype.
  return entries.length === 0 ? undefined : Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when the rule's `earlier` for this store lacks a name the rule writes. */
export function needsEarlier(rule: Pick<SiteRule, 'doNotTrack' | 'optOut' | 'earlier' | 'managed'>, storeId: string): boolean {
  if (rule.managed === true) return false;
  const kept = earlierIn(rule.earlier, storeId);
  return namesWrittenBy(rule).some((name) => !(kept?.names.includes(name) ?? false));
}

/**
 * `earlier` with every name in `names` its entry for `storeId` did not keep yet, as the cookies
 * of the site in that store are now. Names already kept keep their first state; every cookie
 * store (normal windows, private windows, each container) has its own entry.
 */
export function keepEarlier(
  earlier: EarlierByStore | undefined,
  names: readonly string[],
  cookies: readonly CookieRecord[],
  storeId: string,
  host: string,
): EarlierByStore | undefined {
  const kept = earlierIn(earlier, storeId);
  const missing = names.filter((name) => !(kept?.names.includes(name) ?? false));
  if (missing.length === 0) return earlier;
  const added = cookies.filter((cookie) => cookie.storeId === storeId && missing.includes(cookie.name));
  return withEntry(earlier, storeId, {
    storeId,
    host: kept?.host ?? host,
    names: [...(kept?.names ?? []), ...missing],
    cookies: [...(kept?.cookies ?? []), ...added],
  });
}

/**
 * `earlier` split into what the rule still writes (`kept`, per store) and, per store, the names
 * it stopped writing with their cookies (`released`).
 */
export function releaseEarlier(
  earlier: EarlierByStore | undefined,
  stillWritten: readonly string[],
): { kept: EarlierByStore | undefined; released: EarlierChoices[] } {
  let kept = earlier;
  const released: EarlierChoices[] = [];
  for (const entry of Object.values(earlier ?? {})) {
    const goes = (name: string): boolean => !stillWritten.includes(name);
    const releasedNames = entry.names.filter(goes);
    if (releasedNames.length === 0) continue;
    const keptNames = entry.names.filter((name) => !goes(name));
    const part = (names: readonly string[]): EarlierChoices => ({
      storeId: entry.storeId,
      host: entry.host,
      names,
      cookies: entry.cookies.filter((cookie) => names.includes(cookie.name)),
    });
    kept = withEntry(kept, entry.storeId, keptNames.length === 0 ? undefined : part(keptNames));
    released.push(part(releasedNames));
  }
  return { kept, released };
}

/**
 * Makes the site's cookies of the released names exactly what they were: every cookie of those
 * names that was not there before (or was, with another value or flags) is removed or
 * overwritten, and every earlier one not there as it was is written back. Earlier cookies whose
 * own expiry has passed stay gone. When a cookie of a name is removed, every earlier cookie of that
 * name is written again (Chrome removes by URL and may take a same-named cookie along; see plans.ts).
 */
export function planRestore(cookies: readonly CookieRecord[], released: EarlierChoices, now: number): CookieChanges {
  const live = released.cookies.filter((cookie) => cookie.expirationDate === undefined || cookie.expirationDate * 1000 > now);
  const earlierById = new Map(live.map((cookie) => [cookieIdentity(cookie), cookie]));
  const remove: CookieRecord[] = [];
  const present = new Set<string>();
  for (const cookie of cookies) {
    if (!released.names.includes(cookie.name)) continue;
    const id = cookieIdentity(cookie);
    const before = earlierById.get(id);
    if (before === undefined) remove.push(cookie);
    else if (sameContent(before, cookie)) present.add(id);
    // Same identity, other content: the write below replaces it in place.
  }
  const removedNames = new Set(remove.map((cookie) => cookie.name));
  const set: CookieSetDetails[] = live
    .filter((cookie) => removedNames.has(cookie.name) || !present.has(cookieIdentity(cookie)))
    .map((cookie) => restoreDetailsFor(cookie));
  return { set, remove };
}

function sameContent(a: CookieRecord, b: CookieRecord): boolean {
  return a.value === b.value && a.secure === b.secure && a.httpOnly === b.httpOnly && a.sameSite === b.sameSite;
}
