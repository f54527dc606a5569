// What each per-site action changes, worked out without touching the browser: the background
// reads the site's cookies, asks for a plan, and applies it through the cookies API
// (removeDetailsFor for `remove`, the details as given for `set`).
//
// Apply every removal first and only then the writes. Chrome's cookies.remove deletes every
// cookie of that name the browser would send to the URL, so removing a host-only
// `__hs_do_not_track=1` on www.example.com also takes a `.example.com` one with it; the plans
// therefore write their cookie again whenever they remove a variant of it, and that write must
// come last. No plan removes and writes the same cookie.
//
// Facts behind the choices: docs/facts/hubspot-cookies.md, sections 1, 4 and 5.
import { cookieIdentity } from '../model/cookie.ts';
import type { CookieRecord } from '../model/cookie.ts';
import { newCookieDetails, recordFromSetDetails, restoreDetailsFor } from './cookie-details.ts';
import type { CookieSetDetails } from './cookie-details.ts';
import { ANALYTICS_COOKIES } from './hubspot-sets.ts';
import { resetGroupOfAny } from './vendors.ts';
import type { ResetGroup } from './hubspot-sets.ts';
import type { SiteRule } from './rules.ts';
import { hubspotCookieDomain, scopeOf } from './site.ts';
import { declinedByEveryBanner, detectCategoryPreferenceStyle, writeCategoryPreferences } from '../decode/hubspot/consent-format.ts';
import type { SiteContext } from './site.ts';

export interface CookieChanges {
  readonly set: readonly CookieSetDetails[];
  /** Cookies to delete, each with all its attributes (see removeDetailsFor). */
  readonly remove: readonly CookieRecord[];
}

export const NO_CHANGES: CookieChanges = { set: [], remove: [] };

/** HubSpot's current lifetime for its consent and do-not-track cookies. */
export const CHOICE_COOKIE_LIFETIME_SECONDS = 180 * 86_400;

export const DO_NOT_TRACK_COOKIE = '__hs_do_not_track';
export const CONSENT_PREFERENCE_COOKIE = '__hs_cookie_cat_pref';
export const OPT_OUT_COOKIE = '__hs_opt_out';
const ALL_DECLINED = { analytics: false, advertisement: false, functionality: false } as const;

/**
 * All three categories declined, in the form the site's banner reads: the 2024 form (`_`) where
 * the banner left a `_` value, else the `,` form, which the 2021 and the 2024 banner both read.
 */
export function declinedConsentValue(cookies: readonly CookieRecord[]): string {
  const written = cookies.find((cookie) => cookie.name === CONSENT_PREFERENCE_COOKIE);
  return writeCategoryPreferences(ALL_DECLINED, written === undefined ? 'legacy' : detectCategoryPreferenceStyle(written.value));
}

export interface ChoiceContext {
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** The cookie store of the tab. */
  readonly storeId: string;
  /** The domain whose hash matched the site's `__hstc`, if one did (see hubspotCookieDomain). */
  readonly hstcDomainMatch: string | null;
  /** Firefox first-party isolation: the tab's first-party domain, when isolation is on. */
  readonly firstPartyDomain?: string;
}

/**
 * A consent or do-not-track cookie written the way HubSpot's script writes it: path `/`,
 * SameSite Lax, 180 days, on the cookie domain HubSpot reads for this site. Not Secure, because
 * HubSpot's script does not set Secure unless the site is configured to, and a cookie that
 * matches what the script writes is one the script reads and rewrites without surprises.
 * Where the browser allows no Domain cookie (IP addresses, localhost) it is host-only.
 */
function choiceCookie(site: SiteContext, name: string, value: string, ctx: ChoiceContext): CookieSetDetails {
  return newCookieDetails(site, {
    name,
    value,
    ...(site.domainCookiesAllowed ? { domain: hubspotCookieDomain(site, ctx.hstcDomainMatch) } : {}),
    path: '/',
    secure: false,
    sameSite: 'lax',
    expirationDate: Math.floor(ctx.now / 1000) + CHOICE_COOKIE_LIFETIME_SECONDS,
    storeId: ctx.storeId,
    ...(ctx.firstPartyDomain === undefined ? {} : { firstPartyDomain: ctx.firstPartyDomain }),
  });
}

/**
 * Makes sure the site's script reads `name` as honoured. Every variant with a value the script
 * would not honour is removed, wherever it sits: the script reads the first match in
 * `document.cookie`, and a longer path or an older host-only copy comes first, so any such
 * variant can shadow ours. Variants that already say the right thing are harmless and stay.
 * The write is skipped when our exact cookie is already there with an honoured value and
 * nothing is removed, which is what makes enforcement idempotent; after a removal it is written
 * again (see the note at the top on Chrome). An HttpOnly copy does not count: page script
 * cannot read it.
 */
function ensureChoice(
  site: SiteContext,
  cookies: readonly CookieRecord[],
  name: string,
  value: string,
  isHonoured: (value: string) => boolean,
  ctx: ChoiceContext,
): CookieChanges {
  const target = choiceCookie(site, name, value, ctx);
  const targetIdentity = cookieIdentity(recordFromSetDetails(target));
  let targetHolds = false;
  const remove: CookieRecord[] = [];
  for (const cookie of cookies) {
    if (cookie.name !== name) continue;
    if (cookieIdentity(cookie) === targetIdentity) {
      // Not honoured: our write replaces it in place, no removal needed.
      if (isHonoured(cookie.value) && !cookie.httpOnly) targetHolds = true;
    } else if (!isHonoured(cookie.value)) {
      remove.push(cookie);
    }
  }
  return { set: targetHolds && remove.length === 0 ? [] : [target], remove };
}

/** Only exactly `yes` is honoured by HubSpot's tracker (`1` or `true` are ignored). */
function isYes(value: string): boolean {
  return value === 'yes';
}

function removeAllNamed(cookies: readonly CookieRecord[], names: ReadonlySet<string>): CookieRecord[] {
  return cookies.filter((cookie) => names.has(cookie.name));
}

/** Several plans as one; a cookie removed by more than one is removed once. */
export function mergeChanges(...parts: readonly CookieChanges[]): CookieChanges {
  const set: CookieSetDetails[] = [];
  const remove: CookieRecord[] = [];
  const removing = new Set<string>();
  for (const part of parts) {
    set.push(...part.set);
    for (const cookie of part.remove) {
      const identity = cookieIdentity(cookie);
      if (removing.has(identity)) continue;
      removing.add(identity);
      remove.push(cookie);
    }
  }
  return { set, remove };
}

const DO_NOT_TRACK_NAMES: ReadonlySet<string> = new Set([DO_NOT_TRACK_COOKIE]);

/**
 * Do not track on this site. `cookies` are the site's cookies in the tab's store (siteCookies).
 * On: `__hs_do_not_track=yes` as HubSpot's own doNotTrack call writes it, and removal of every
 * variant that does not say `yes`. Off: removal of every variant, partitioned copies included.
 */
export function planDoNotTrack(
  site: SiteContext,
  cookies: readonly CookieRecord[],
  on: boolean,
  ctx: ChoiceContext,
): CookieChanges {
  if (!on) return { set: [], remove: removeAllNamed(cookies, DO_NOT_TRACK_NAMES) };
  return ensureChoice(site, cookies, DO_NOT_TRACK_COOKIE, 'yes', isYes, ctx);
}

/**
 * Opt out on this site: do-not-track; `__hs_opt_out=yes`, which HubSpot's opt-in and notify
 * banners read as declined whether or not they wrote one before; every consent category declined
 * in `__hs_cookie_cat_pref`, which the by-category banners read (any value every banner reads as
 * declined is left as it is); and every copy of the four analytics cookies deleted. On a site
 * without a consent policy the tracker reads none of these and writes its identity again on every
 * page: enforcement removes it each time, and only the block level stops the writes.
 */
export function planOptOut(site: SiteContext, cookies: readonly CookieRecord[], ctx: ChoiceContext): CookieChanges {
  return mergeChanges(
    planDoNotTrack(site, cookies, true, ctx),
    ensureChoice(site, cookies, OPT_OUT_COOKIE, 'yes', isYes, ctx),
    ensureChoice(site, cookies, CONSENT_PREFERENCE_COOKIE, declinedConsentValue(cookies), declinedByEveryBanner, ctx),
    { set: [], remove: removeAllNamed(cookies, ANALYTICS_COOKIES) },
  );
}

/**
 * What it takes to make the stored rule hold again: empty when it already holds, so the
 * background can run it on every page commit and every tracked cookie change without churn.
 * A rule with everything off enforces nothing (switching off is planDoNotTrack(..., false)).
 * The `block` level also needs the network rule from blocking.ts; its cookie part is opt-out.
 */
export function planEnforcement(
  rule: SiteRule,
  site: SiteContext,
  cookies: readonly CookieRecord[],
  ctx: ChoiceContext,
): CookieChanges {
  if (rule.optOut !== 'off') return planOptOut(site, cookies, ctx);
  if (rule.doNotTrack) return planDoNotTrack(site, cookies, true, ctx);
  return NO_CHANGES;
}

export interface ResetOptions {
  /** Also forget consent and do-not-track choices (off by default: a reset must not re-enable tracking). */
  readonly includeConsent: boolean;
  /** cookieIdentity of each further cookie the visitor ticked. */
  readonly alsoRemove: readonly string[];
}

export interface ResetPlan {
  remove: CookieRecord[];
  keep: { cookie: CookieRecord; group: ResetGroup }[];
}

/**
 * The preview and the plan of a "new visitor" reset. `cookies` are the site's cookies in the
 * tab's store; anything that is not one of the site's cookies is left out of both lists, so a
 * caller mistake can never delete another site's cookies. Removed by default: the identity
 * cookies of every recognised tracker (src/core/vendors.ts), every variant. Consent: only with includeConsent. Everything else: only when ticked.
 */
/** A cookie a reset may remove: each of the site's cookies once, with its reset group. */
export interface ResetCandidate {
  readonly cookie: CookieRecord;
  /** cookieIdentity(cookie): what `alsoRemove` names. */
  readonly id: string;
  readonly group: ResetGroup;
}

/** The site's cookies (each identity once) with the group that decides whether a reset removes them. */
export function resetCandidates(site: SiteContext, cookies: readonly CookieRecord[]): ResetCandidate[] {
  const seen = new Set<string>();
  const candidates: ResetCandidate[] = [];
  for (const cookie of cookies) {
    if (scopeOf(cookie, site) === null) continue;
    const id = cookieIdentity(cookie);
    if (seen.has(id)) continue;
    seen.add(id);
    candidates.push({ cookie, id, group: resetGroupOfAny(cookie.name) });
  }
  return candidates;
}

/** Whether a reset with `options` removes the candidate: identity always, consent when asked, and what was ticked. */
export function resetRemoves(candidate: ResetCandidate, options: ResetOptions, ticked: ReadonlySet<string> = new Set(options.alsoRemove)): boolean {
  return candidate.group === 'identity' || (candidate.group === 'consent' && options.includeConsent) || ticked.has(candidate.id);
}

export function planReset(site: SiteContext, cookies: readonly CookieRecord[], options: ResetOptions): ResetPlan {
  const ticked = new Set(options.alsoRemove);
  const plan: ResetPlan = { remove: [], keep: [] };
  for (const candidate of resetCandidates(site, cookies)) {
    if (resetRemoves(candidate, options, ticked)) plan.remove.push(candidate.cookie);
    else plan.keep.push({ cookie: candidate.cookie, group: candidate.group });
  }
  return plan;
}

/** How long a reset can be undone. */
export const UNDO_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface UndoSnapshot {
  /** Registrable domain of the site that was reset. */
  readonly site: string;
  readonly storeId: string;
  /** Milliseconds since the epoch. */
  readonly takenAt: number;
  /** Every deleted cookie with all its attributes. */
  readonly cookies: readonly CookieRecord[];
  readonly id: string;
}

/** Storage key of a site's snapshot in one cookie store: a new reset of the site replaces the old one. */
export function undoKey(site: string, storeId: string): string {
  return `${storeId}/${site}`;
}

export function createUndoSnapshot(site: string, storeId: string, removed: readonly CookieRecord[], now: number): UndoSnapshot {
  return { site, storeId, takenAt: now, cookies: [...removed], id: `${undoKey(site, storeId)}@${now}` };
}

/**
 * Live for 24 hours after it was taken. A snapshot stamped more than 24 hours in the future
 * (a clock set back, or bad data) is not live either, so it cannot linger for ever.
 */
export function isSnapshotLive(snapshot: UndoSnapshot, now: number): boolean {
  return Math.abs(now - snapshot.takenAt) < UNDO_LIFETIME_MS;
}

export interface UndoPlan {
  /** False when the snapshot is older than 24 hours: nothing is restored, every cookie is in `expired`. */
  readonly snapshotLive: boolean;
  readonly set: readonly CookieSetDetails[];
  /** The snapshot cookie behind each entry of `set`, at the same index (to keep what failed). */
  readonly setFrom: readonly CookieRecord[];
  /** Snapshot cookies whose own expiry has passed since (writing them would only delete them). */
  readonly expired: readonly CookieRecord[];
  /** Cookies the site wrote since the reset under the same identity: the snapshot replaces them. */
  readonly replaced: readonly CookieRecord[];
  /** Already back as they were (an undo that already ran): nothing to write. */
  readonly alreadyPresent: readonly CookieRecord[];
}

/**
 * Restores the snapshot exactly. Where the site has written a cookie with the same identity
 * since the reset (typically a fresh `__hstc`), the snapshot wins: the visitor asked for the old
 * identity back. Cookies that were not in the snapshot are left alone. A cookie that is already
 * back with the same value and flags is not written again, so a second undo changes nothing
 * (the caller also takes the snapshot out of the store on the first).
 */
export function planUndo(snapshot: UndoSnapshot, currentCookies: readonly CookieRecord[], now: number): UndoPlan {
  if (!isSnapshotLive(snapshot, now)) {
    return { snapshotLive: false, set: [], setFrom: [], expired: [...snapshot.cookies], replaced: [], alreadyPresent: [] };
  }
  const current = new Map<string, CookieRecord>();
  for (const cookie of currentCookies) current.set(cookieIdentity(cookie), cookie);

  const set: CookieSetDetails[] = [];
  const setFrom: CookieRecord[] = [];
  const expired: CookieRecord[] = [];
  const replaced: CookieRecord[] = [];
  const alreadyPresent: CookieRecord[] = [];
  for (const cookie of snapshot.cookies) {
    if (cookie.expirationDate !== undefined && cookie.expirationDate * 1000 <= now) {
      expired.push(cookie);
      continue;
    }
    const existing = current.get(cookieIdentity(cookie));
    if (existing !== undefined && sameContent(existing, cookie)) {
      alreadyPresent.push(cookie);
      continue;
    }
    if (existing !== undefined) replaced.push(existing);
    set.push(restoreDetailsFor(cookie));
    setFrom.push(cookie);
  }
  return { snapshotLive: true, set, setFrom, expired, replaced, alreadyPresent };
}

/** Same value and flags; expiry is not compared because scripts refresh it on every page. */
function sameContent(a: CookieRecord, b: CookieRecord): boolean {
  return (
    a.value === b.value &&
    a.hostOnly === b.hostOnly &&
    a.secure === b.secure &&
    a.httpOnly === b.httpOnly &&
    a.sameSite === b.sameSite
  );
}
