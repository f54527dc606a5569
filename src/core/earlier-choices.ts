// Switching off puts back what was there. Before a rule first changes a consent or do-not-track
// cookie of a site, the cookies of that name are kept with the rule (EarlierChoices); when the
// rule stops writing a name (a switch turned off, the rule removed), the site's cookies of that
// name are made exactly what they were again: ours removed, the site's own written back. Pure.
import { cookieIdentity } from '../model/cookie.ts';
import type { CookieRecord } from '../model/cookie.ts';
import { restoreDetailsFor } from './cookie-details.ts';
import type { CookieSetDetails } from './cookie-details.ts';
import type { CookieChanges } from './plans.ts';
import { CONSENT_PREFERENCE_COOKIE, DO_NOT_TRACK_COOKIE, OPT_OUT_COOKIE } from './plans.ts';
import type { EarlierChoices, SiteRule } from './rules.ts';

/** The cookies each switch writes: do-not-track writes one, opt-out three. */
const DO_NOT_TRACK_WRITES: readonly string[] = [DO_NOT_TRACK_COOKIE];
const OPT_OUT_WRITES: readonly string[] = [DO_NOT_TRACK_COOKIE, OPT_OUT_COOKIE, CONSENT_PREFERENCE_COOKIE];

/** The cookie names a rule (or no rule) writes. */
export function namesWrittenBy(rule: Pick<SiteRule, 'doNotTrack' | 'optOut'> | null | undefined): readonly string[] {
  if (rule === null || rule === undefined) return [];
  if (rule.optOut !== 'off') return OPT_OUT_WRITES;
  return rule.doNotTrack ? DO_NOT_TRACK_WRITES : [];
}

/** True when `earlier` lacks a name the rule writes and could still keep it from this store. */
export function needsEarlier(rule: Pick<SiteRule, 'doNotTrack' | 'optOut' | 'earlier' | 'managed'>, storeId: string): boolean {
  if (rule.managed === true) return false;
  const earlier = rule.earlier;
  if (earlier !== undefined && earlier.storeId !== storeId) return false;
  return namesWrittenBy(rule).some((name) => !(earlier?.names.includes(name) ?? false));
}

/**
 * `earlier` with every name in `names` it did not keep yet, as the cookies of the site are now.
 * Names already kept keep their first state. Only one cookie store is kept: the one where the
 * rule first changed something; from another store `earlier` comes back unchanged.
 */
export function keepEarlier(
  earlier: EarlierChoices | undefined,
  names: readonly string[],
  cookies: readonly CookieRecord[],
  storeId: string,
  host: string,
): EarlierChoices | undefined {
  if (earlier !== undefined && earlier.storeId !== storeId) return earlier;
  const missing = names.filter((name) => !(earlier?.names.includes(name) ?? false));
  if (missing.length === 0) return earlier;
  const added = cookies.filter((cookie) => missing.includes(cookie.name));
  return {
    storeId,
    host: earlier?.host ?? host,
    names: [...(earlier?.names ?? []), ...missing],
    cookies: [...(earlier?.cookies ?? []), ...added],
  };
}

/** `earlier` split into what the rule still writes (`kept`) and the names it stopped writing (`released`). */
export function releaseEarlier(
  earlier: EarlierChoices | undefined,
  stillWritten: readonly string[],
): { kept: EarlierChoices | undefined; released: EarlierChoices | undefined } {
  if (earlier === undefined) return { kept: undefined, released: undefined };
  const goes = (name: string): boolean => !stillWritten.includes(name);
  const releasedNames = earlier.names.filter(goes);
  if (releasedNames.length === 0) return { kept: earlier, released: undefined };
  const keptNames = earlier.names.filter((name) => !goes(name));
  const part = (names: readonly string[]): EarlierChoices => ({
    storeId: earlier.storeId,
    host: earlier.host,
    names,
    cookies: earlier.cookies.filter((cookie) => names.includes(cookie.name)),
  });
  return { kept: keptNames.length === 0 ? undefined : part(keptNames), released: part(releasedNames) };
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
