// HubSpot's consent and privacy-switch cookies, written by the cookie banner (js.hs-banner.com)
// or by the site through `_hsq`/`_hsp`. Source: docs/facts/hubspot-cookies.md, sections 1 and 5.
//
//   __hs_cookie_cat_pref       1:true,2:false,3:true (2021 banner) or 1:true_2:false_3:true (2024 banner);
//                              1 = analytics, 2 = advertisement, 3 = functionality. The 2021 banner
//                              splits on `,` only, so to it a `_` value is one malformed entry and
//                              every category declined; the 2024 banner splits on `,` when there is
//                              one, else on `_` (docs/CONTROLS.md).
//   __hs_do_not_track          yes (only exactly `yes` stops the tracker)
//   __hs_opt_out               yes = declined, no = accepted (legacy banner)
//   __hs_initial_opt_in        true (the help text says yes/no; both are accepted)
//   __hs_gpc_banner_dismiss    true: the Global Privacy Control notice was dismissed
//   __hs_notify_banner_dismiss true: a notify-only banner was dismissed
//
// The switches are compared exactly, as the tracker compares them, so they are not unescaped.
import { ok } from '../types.ts';
import type { DecodeOutcome } from '../types.ts';
import { excerpt, parseBooleanWord, parsed, rejected, unwrapValue } from '../parse.ts';
import type { Parsed } from '../parse.ts';
import { LIFETIME, exactFamily, failed, flagField, warning } from './common.ts';

export type { CategoryPreferences, CategoryPreferenceStyle, HubspotBanner } from './consent-format.ts';
export { categoriesAsBannerReads, declinedByEveryBanner, detectCategoryPreferenceStyle, writeCategoryPreferences } from './consent-format.ts';
import { CATEGORY_BY_ID, categoriesAsBannerReads, type CategoryPreferences } from './consent-format.ts';

const ENTRY_SEPARATOR = /[,_]/;

/**
 * Reads either style. Unknown category ids are ignored and missing ones count as not consented,
 * as the banner does; an entry that is not `id:value`, or a known id whose value is neither
 * `true` nor `false`, makes the whole value undecodable rather than guessed. This is how the
 * value was written, which is how the 2024 banner reads it; HubSpot's 2021 banner splits on `,`
 * only and reads any `_` value as every category declined (categoriesAsBannerReads; the cookie's
 * decoder marks such flags uncertain and says so).
 */
export function readCategoryPreferences(raw: string): Parsed<CategoryPreferences> {
  const unwrapped = unwrapValue(raw);
  if (!unwrapped.ok) return unwrapped;
  if (unwrapped.value.length === 0) return rejected('empty');
  const consent = { analytics: false, advertisement: false, functionality: false };
  for (const entry of unwrapped.value.split(ENTRY_SEPARATOR)) {
    if (entry.length === 0) continue;
    const colon = entry.indexOf(':');
    if (colon === -1) return rejected('unknown-format', undefined, excerpt(entry));
    const category = Object.hasOwn(CATEGORY_BY_ID, entry.slice(0, colon)) ? CATEGORY_BY_ID[entry.slice(0, colon)] : undefined;
    if (category === undefined) continue;
    const value = parseBooleanWord(entry.slice(colon + 1), ['true'], ['false'], category);
    if (!value.ok) return value;
    consent[category] = value.value;
  }
  return parsed(consent);
}

/**
 * The flags as written. A category the 2021 banner reads differently (an allowed category in a
 * `_` value, which that banner reads as declined) is marked uncertain, with a warning saying so:
 * which banner the site runs cannot be told from the cookie.
 */
function decodeCategoryPreferences(raw: string): DecodeOutcome {
  const preferences = readCategoryPreferences(raw);
  if (!preferences.ok) return failed(preferences.problem);
  const unwrapped = unwrapValue(raw);
  const as2021 = categoriesAsBannerReads(unwrapped.ok ? unwrapped.value : raw, 'banner2021');
  const differs = (key: keyof CategoryPreferences): boolean => as2021[key] !== preferences.value[key];
  const keys = ['analytics', 'advertisement', 'functionality'] as const;
  const warnings = keys.some(differs) ? [warning('banner-2021-declines', keys.find(differs), excerpt(raw))] : [];
  return ok(keys.map((key) => flagField(key, preferences.value[key], differs(key))), warnings);
}

function decodeDoNotTrack(raw: string): DecodeOutcome {
  const honoured = raw === 'yes';
  return ok([flagField('honoured', honoured)], honoured ? [] : [warning('not-honoured', 'honoured', excerpt(raw))]);
}

function decodeOptOut(raw: string): DecodeOutcome {
  const declined = parseBooleanWord(raw, ['yes'], ['no'], 'declined');
  return declined.ok ? ok([flagField('declined', declined.value)]) : failed(declined.problem);
}

function decodeInitialOptIn(raw: string): DecodeOutcome {
  const accepted = parseBooleanWord(raw, ['true', 'yes'], ['false', 'no'], 'accepted');
  return accepted.ok ? ok([flagField('accepted', accepted.value)]) : failed(accepted.problem);
}

/** The banner only checks that the cookie exists; it writes `true`, so other values are noted. */
function decodeBannerDismiss(raw: string): DecodeOutcome {
  return ok([flagField('dismissed', true)], raw === 'true' ? [] : [warning('unexpected-value', 'dismissed', excerpt(raw))]);
}

export const consentFamilies = [
  exactFamily({ id: 'hubspot.cookie-cat-pref', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.consent, names: ['__hs_cookie_cat_pref'], decode: decodeCategoryPreferences }),
  exactFamily({ id: 'hubspot.do-not-track', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.consent, names: ['__hs_do_not_track'], decode: decodeDoNotTrack }),
  exactFamily({ id: 'hubspot.opt-out', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.consent, names: ['__hs_opt_out'], decode: decodeOptOut }),
  exactFamily({ id: 'hubspot.initial-opt-in', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.initialOptIn, names: ['__hs_initial_opt_in'], decode: decodeInitialOptIn }),
  exactFamily({ id: 'hubspot.gpc-banner-dismiss', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.bannerDismiss, names: ['__hs_gpc_banner_dismiss'], decode: decodeBannerDismiss }),
  exactFamily({ id: 'hubspot.notify-banner-dismiss', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.bannerDismiss, names: ['__hs_notify_banner_dismiss'], decode: decodeBannerDismiss }),
] as const;
