// What the do-not-track and opt-out switches show: the site's real choice cookies, beside what the
// visitor's rule asks for. The two can disagree for a while (the rule says opt-out but the cookie
// is gone until enforcement writes it again), or for good (no rule, but a cookie written earlier
// by the site's banner or by a choice since removed). Pages show both honestly. Pure.
import type { CookieRecord } from '../model/cookie.ts';
import { categoriesAsBannerReads } from '../decode/hubspot/consent-format.ts';
import { CONSENT_PREFERENCE_COOKIE, DO_NOT_TRACK_COOKIE, OPT_OUT_COOKIE } from './plans.ts';
import type { SiteRule } from './rules.ts';

/** What the site's choice cookies say now, as HubSpot's tracker and banners read them. */
export interface ChoiceCookiesNow {
  /** A `__hs_do_not_track` page script can read says `yes`. */
  readonly doNotTrack: boolean;
  /** `__hs_opt_out=yes`, or a category preference every HubSpot banner reads as analytics declined. */
  readonly optedOut: boolean;
}

/** HubSpot reads a cookie value with `+` as a space, then decodeURI; a malformed escape reads as itself. */
function asHubspotReads(value: string): string {
  const spaced = value.replace(/\+/g, ' ');
  try {
    return decodeURI(spaced);
  } catch {
    return spaced;
  }
}

function saysYes(cookie: CookieRecord): boolean {
  return !cookie.httpOnly && asHubspotReads(cookie.value) === 'yes';
}

function declinesAnalytics(cookie: CookieRecord): boolean {
  if (cookie.httpOnly || cookie.value === '') return false;
  return !categoriesAsBannerReads(cookie.value, 'banner2021').analytics && !categoriesAsBannerReads(cookie.value, 'banner2024').analytics;
}

/** `cookies` are one store's cookies of the site (siteCookies). */
export function choiceCookiesNow(cookies: readonly CookieRecord[]): ChoiceCookiesNow {
  let doNotTrack = false;
  let optedOut = false;
  for (const cookie of cookies) {
    if (cookie.name === DO_NOT_TRACK_COOKIE && saysYes(cookie)) doNotTrack = true;
    else if (cookie.name === OPT_OUT_COOKIE && saysYes(cookie)) optedOut = true;
    else if (cookie.name === CONSENT_PREFERENCE_COOKIE && declinesAnalytics(cookie)) optedOut = true;
  }
  return { doNotTrack, optedOut };
}

/**
 * - `agrees`: the cookies say what the rule asks (or neither is on);
 * - `restoring`: the rule asks for it, the cookie is not there now; Cookie Lens writes it again
 *   (at once, or when a page of the site next loads);
 * - `written-earlier`: no choice of the visitor's asks for it, but a cookie says so, written
 *   earlier (by the site's banner or a choice since removed); it stays until it expires or the
 *   switch is turned off.
 */
export type SwitchNote = 'agrees' | 'restoring' | 'written-earlier';

export interface SwitchView {
  /** What the switch shows: on when the rule asks for it or a cookie says so. */
  readonly checked: boolean;
  readonly note: SwitchNote;
}

export interface ChoiceSwitches {
  readonly doNotTrack: SwitchView;
  readonly optOut: SwitchView;
}

function switchView(ruleOn: boolean, cookieOn: boolean, cookieExpected: boolean): SwitchView {
  if (ruleOn) return { checked: true, note: cookieOn || !cookieExpected ? 'agrees' : 'restoring' };
  return cookieOn ? { checked: true, note: 'written-earlier' } : { checked: false, note: 'agrees' };
}

/**
 * The two switches for a rule (or none) and the site's cookies now. A site opted out while it
 * showed no HubSpot (`hubspot: false`) gets none of HubSpot's cookies, so none is missing there.
 */
export function choiceSwitches(rule: Pick<SiteRule, 'doNotTrack' | 'optOut' | 'hubspot'> | null, now: ChoiceCookiesNow): ChoiceSwitches {
  const optOutOn = rule !== null && rule.optOut !== 'off';
  const hubspotWritten = rule?.hubspot !== false;
  const doNotTrackOn = rule !== null && (rule.doNotTrack || (optOutOn && hubspotWritten));
  return {
    doNotTrack: switchView(doNotTrackOn, now.doNotTrack, true),
    optOut: switchView(optOutOn, now.optedOut, hubspotWritten),
  };
}

/**
 * Switching off a choice no rule of the visitor's writes (`written-earlier`): the cookies that
 * say it are removed, every copy, so the switch then shows off. Do-not-track removes the
 * `__hs_do_not_track` copies that say `yes`; opt-out the `__hs_opt_out=yes` copies and the
 * category preferences that decline analytics (the banner then asks again, or consents where
 * its policy does without asking).
 */
export function cookiesSayingChoice(cookies: readonly CookieRecord[], choice: 'doNotTrack' | 'optOut'): CookieRecord[] {
  return cookies.filter((cookie) => {
    if (choice === 'doNotTrack') return cookie.name === DO_NOT_TRACK_COOKIE && saysYes(cookie);
    if (cookie.name === OPT_OUT_COOKIE) return saysYes(cookie);
    return cookie.name === CONSENT_PREFERENCE_COOKIE && declinesAnalytics(cookie);
  });
}

/** What one store's choice cookies of a ruled site say now (the options page's "Cookies now"). */
export interface StoreChoiceCookies extends ChoiceCookiesNow {
  readonly site: string;
  readonly storeId: string;
}

export type CookieStoreKind = 'default' | 'private' | 'container' | 'other';

/** Chromium names its stores `0` (normal) and `1` (incognito); Firefox `firefox-default`, `firefox-private`, `firefox-container-N`. */
export function cookieStoreKind(storeId: string): CookieStoreKind {
  if (storeId === '0' || storeId === 'firefox-default') return 'default';
  if (storeId === '1' || storeId === 'firefox-private') return 'private';
  if (storeId.startsWith('firefox-container-')) return 'container';
  return 'other';
}

/**
 * The stores worth a line for a site: the normal windows' store always (a rule there with no
 * cookie is news), any other store only where a choice cookie is or where the rule kept what was
 * there before (it acted there).
 */
export function storeWorthShowing(storeId: string, now: ChoiceCookiesNow, actedIn: readonly string[]): boolean {
  return cookieStoreKind(storeId) === 'default' || now.doNotTrack || now.optedOut || actedIn.includes(storeId);
}
