import { expect, test } from 'vitest';
import { ANALYTICS_COOKIES, IDENTITY_COOKIES, resetGroupOf } from '../../../src/core/hubspot-sets.ts';

test.each([
  ['__hstc', 'identity'],
  ['hubspotutk', 'identity'],
  ['__hssc', 'identity'],
  ['__hssrc', 'identity'],
  ['messagesUtk', 'identity'],
  ['__hs_cookie_cat_pref', 'consent'],
  ['__hs_opt_out', 'consent'],
  ['__hs_initial_opt_in', 'consent'],
  ['__hs_do_not_track', 'consent'],
  ['__hs_gpc_banner_dismiss', 'consent'],
  ['__hs_notify_banner_dismiss', 'consent'],
  ['__hsmem', 'login-necessary'],
  ['hs-membership-csrf', 'login-necessary'],
  ['hs_ab_test', 'login-necessary'],
  ['12345_key', 'login-necessary'],
  ['7_key', 'login-necessary'],
  ['hs-messages-is-open', 'login-necessary'],
  ['hs-messages-hide-welcome-message', 'login-necessary'],
  ['hs_langswitcher_choice', 'login-necessary'],
  ['__cf_bm', 'login-necessary'],
  ['__cfruid', 'login-necessary'],
  ['_cfuvid', 'login-necessary'],
  ['hsfirstvisit', 'other-hubspot'],
  ['__hs_testcookie', 'other-hubspot'],
  ['hs_dbg', 'other-hubspot'],
  ['__hsfp', 'other-hubspot'],
  ['_ga', 'not-hubspot'],
  ['session_key', 'not-hubspot'],
  ['12a_key', 'not-hubspot'],
  ['_key', 'not-hubspot'],
  ['__HSTC', 'not-hubspot'],
  ['', 'not-hubspot'],
])('%s is in group %s', (name, group) => {
  expect(resetGroupOf(name)).toBe(group);
});

test('the analytics cookies opt-out deletes are all identity cookies too', () => {
  expect([...ANALYTICS_COOKIES].sort()).toEqual(['__hssc', '__hssrc', '__hstc', 'hubspotutk']);
  for (const name of ANALYTICS_COOKIES) expect(IDENTITY_COOKIES.has(name)).toBe(true);
});
