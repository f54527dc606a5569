// The HubSpot cookie names each action works on, grouped by what they do
// (facts from docs/facts/hubspot-cookies.md, sections 1 and 5).

/** What makes the visitor recognisable: a reset deletes these by default. */
export const IDENTITY_COOKIES: ReadonlySet<string> = new Set(['__hstc', 'hubspotutk', '__hssc', '__hssrc', 'messagesUtk']);

/** The analytics cookies HubSpot itself deletes when analytics consent is declined; opt-out deletes them. */
export const ANALYTICS_COOKIES: ReadonlySet<string> = new Set(['__hstc', 'hubspotutk', '__hssc', '__hssrc']);

/** The visitor's privacy choices. A reset keeps them unless asked, so it never re-enables tracking. */
export const CONSENT_COOKIES: ReadonlySet<string> = new Set([
  '__hs_cookie_cat_pref',
  '__hs_opt_out',
  '__hs_initial_opt_in',
  '__hs_do_not_track',
  '__hs_gpc_banner_dismiss',
  '__hs_notify_banner_dismiss',
]);

/**
 * Cookies the site needs to work (membership login, protected pages, A/B test assignment, chat
 * window state, language choice) and Cloudflare's, which sits in front of HubSpot-hosted sites.
 * Deleting them logs the visitor out or breaks the page, so they go only when ticked.
 */
export const LOGIN_NECESSARY_COOKIES: ReadonlySet<string> = new Set([
  '__hsmem',
  'hs-membership-csrf',
  'hs_ab_test',
  'hs-messages-is-open',
  'hs-messages-hide-welcome-message',
  'hs_langswitcher_choice',
  '__cf_bm',
  '__cfruid',
  '_cfuvid',
]);

/** Password-protected pages: `<page id>_key` (pattern likely but not settled by a strong source). */
const PROTECTED_PAGE_KEY = /^\d+_key$/;

/** Legacy or rare HubSpot names that fit none of the groups above. */
export const OTHER_HUBSPOT_COOKIES: ReadonlySet<string> = new Set(['hsfirstvisit', '__hs_testcookie', 'hs_dbg', '__hsfp']);

export type ResetGroup = 'identity' | 'consent' | 'login-necessary' | 'other-hubspot' | 'not-hubspot';

export function resetGroupOf(name: string): ResetGroup {
  if (IDENTITY_COOKIES.has(name)) return 'identity';
  if (CONSENT_COOKIES.has(name)) return 'consent';
  if (LOGIN_NECESSARY_COOKIES.has(name) || PROTECTED_PAGE_KEY.test(name)) return 'login-necessary';
  if (OTHER_HUBSPOT_COOKIES.has(name)) return 'other-hubspot';
  return 'not-hubspot';
}

/**
 * Address parameters that identify the visitor to HubSpot's tracker: the cross-domain linker's
 * `__hstc`, `__hssc`, `__hsfp`; an e-mail recipient's `__hs_email`, `_hsenc`, `_hsmi`; a
 * call-to-action click's `hsCtaTracking`. Read from the query, or the fragment (see url-identity.ts).
 */
export const IDENTITY_URL_PARAMS: ReadonlySet<string> = new Set(['__hstc', '__hssc', '__hsfp', '__hs_email', '_hsenc', '_hsmi', 'hsCtaTracking']);
