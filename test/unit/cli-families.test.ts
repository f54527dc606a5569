// The command-line decoder covers every family with the same JSON shape
// (name, vendor, category, recognised, fields, problems), and attributes unknown names from the
// Open Cookie Database.
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { families } from '../../src/decode/registry.ts';

/**
 * One cookie name per family with the vendor and category the decoder must report, written out
 * here (from the vendors' cookie documentation as the decoders cite it), never read from the code
 * under test. A family added without a row fails the first test.
 */
const EXPECTED: readonly (readonly [family: string, name: string, vendor: string, category: string])[] = [
  ['hubspot.hstc', "__hstc", 'hubspot', 'analytics'],
  ['hubspot.hubspotutk', "hubspotutk", 'hubspot', 'analytics'],
  ['hubspot.hssc', "__hssc", 'hubspot', 'analytics'],
  ['hubspot.hssrc', "__hssrc", 'hubspot', 'analytics'],
  ['hubspot.messagesutk', "messagesUtk", 'hubspot', 'functional'],
  ['hubspot.cookie-cat-pref', "__hs_cookie_cat_pref", 'hubspot', 'necessary'],
  ['hubspot.do-not-track', "__hs_do_not_track", 'hubspot', 'necessary'],
  ['hubspot.opt-out', "__hs_opt_out", 'hubspot', 'necessary'],
  ['hubspot.initial-opt-in', "__hs_initial_opt_in", 'hubspot', 'necessary'],
  ['hubspot.gpc-banner-dismiss', "__hs_gpc_banner_dismiss", 'hubspot', 'necessary'],
  ['hubspot.notify-banner-dismiss', "__hs_notify_banner_dismiss", 'hubspot', 'necessary'],
  ['hubspot.messages-is-open', "hs-messages-is-open", 'hubspot', 'necessary'],
  ['hubspot.messages-hide-welcome', "hs-messages-hide-welcome-message", 'hubspot', 'necessary'],
  ['hubspot.hsmem', "__hsmem", 'hubspot', 'necessary'],
  ['hubspot.membership-csrf', "hs-membership-csrf", 'hubspot', 'necessary'],
  ['hubspot.ab-test', "hs_ab_test", 'hubspot', 'necessary'],
  ['hubspot.password-key', "123456_key", 'hubspot', 'necessary'],
  ['hubspot.langswitcher', "hs_langswitcher_choice", 'hubspot', 'necessary'],
  ['hubspot.hsfirstvisit', "hsfirstvisit", 'hubspot', 'analytics'],
  ['hubspot.testcookie', "__hs_testcookie", 'hubspot', 'analytics'],
  ['hubspot.hs-dbg', "hs_dbg", 'hubspot', 'analytics'],
  ['hubspot.hsfp', "__hsfp", 'hubspot', 'analytics'],
  ['cloudflare.cf-bm', "__cf_bm", 'cloudflare', 'necessary'],
  ['cloudflare.cfruid', "__cfruid", 'cloudflare', 'necessary'],
  ['cloudflare.cfuvid', "_cfuvid", 'cloudflare', 'necessary'],
  ['google-analytics.ga', "_ga", 'google-analytics', 'analytics'],
  ['google-analytics.ga-session', "_ga_ABC123XYZ", 'google-analytics', 'analytics'],
  ['google-analytics.gid', "_gid", 'google-analytics', 'analytics'],
  ['google-analytics.gat', "_gat_UA-12345-1", 'google-analytics', 'analytics'],
  ['google-analytics.gac', "_gac_UA-12345-1", 'google-analytics', 'advertising'],
  ['google-analytics.utma', "__utma", 'google-analytics', 'analytics'],
  ['google-analytics.utmb', "__utmb", 'google-analytics', 'analytics'],
  ['google-analytics.utmc', "__utmc", 'google-analytics', 'analytics'],
  ['google-analytics.utmz', "__utmz", 'google-analytics', 'analytics'],
  ['google-ads.gcl-au', "_gcl_au", 'google-ads', 'advertising'],
  ['google-ads.gcl-click', "_gcl_aw", 'google-ads', 'advertising'],
  ['meta.fbp', "_fbp", 'meta', 'advertising'],
  ['meta.fbc', "_fbc", 'meta', 'advertising'],
  ['matomo.id', "_pk_id.1.1fff", 'matomo', 'analytics'],
  ['matomo.ses', "_pk_ses.1.1fff", 'matomo', 'analytics'],
  ['matomo.ref', "_pk_ref.1.1fff", 'matomo', 'analytics'],
  ['hotjar.session-user', "_hjSessionUser_123456", 'hotjar', 'analytics'],
  ['hotjar.session', "_hjSession_123456", 'hotjar', 'analytics'],
  ['microsoft-clarity.clck', "_clck", 'microsoft-clarity', 'analytics'],
  ['microsoft-clarity.clsk', "_clsk", 'microsoft-clarity', 'analytics'],
  ['linkedin.li-fat-id', "li_fat_id", 'linkedin', 'advertising'],
  ['linkedin.bcookie', "bcookie", 'linkedin', 'advertising'],
  ['linkedin.lidc', "lidc", 'linkedin', 'functional'],
  ['linkedin.li-sugr', "li_sugr", 'linkedin', 'advertising'],
  ['tiktok.ttp', "_ttp", 'tiktok', 'advertising'],
  ['marketo.mkto-trk', "_mkto_trk", 'marketo', 'advertising'],
  ['pardot.visitor-id', "visitor_id12345", 'pardot', 'advertising'],
  ['pardot.visitor-id-hash', "visitor_id12345-hash", 'pardot', 'advertising'],
  ['pardot.pi-opt-in', "pi_opt_in12345", 'pardot', 'necessary'],
  ['segment.anonymous-id', "ajs_anonymous_id", 'segment', 'analytics'],
  ['segment.user-id', "ajs_user_id", 'segment', 'analytics'],
  ['segment.group-id', "ajs_group_id", 'segment', 'analytics'],
  ['segment.other', "ajs_user_traits", 'segment', 'analytics'],
  ['mixpanel.project', "mp_0123456789abcdef0123456789abcdef_mixpanel", 'mixpanel', 'analytics'],
  ['amplitude.session', "AMP_0123456789", 'amplitude', 'analytics'],
  ['amplitude.marketing', "AMP_MKTG_0123456789", 'amplitude', 'analytics'],
  ['intercom.id', "intercom-id-abc123", 'intercom', 'functional'],
  ['intercom.session', "intercom-session-abc123", 'intercom', 'functional'],
  ['intercom.device-id', "intercom-device-id-abc123", 'intercom', 'functional'],
  ['adobe.amcv', "AMCV_0123456789ABCDEF%40AdobeOrg", 'adobe', 'advertising'],
  ['adobe.s-ecid', "s_ecid", 'adobe', 'advertising'],
  ['drift.aid', "driftt_aid", 'drift', 'functional'],
  ['drift.campaign-refresh', "drift_campaign_refresh", 'drift', 'functional'],
  ['drift.bootstrapped', "DFTT_END_USER_PREV_BOOTSTRAPPED", 'drift', 'functional'],
  ['microsoft-advertising.uetsid', "_uetsid", 'microsoft-advertising', 'advertising'],
  ['microsoft-advertising.uetvid', "_uetvid", 'microsoft-advertising', 'advertising'],
  ['onetrust.consent', "OptanonConsent", 'onetrust', 'necessary'],
  ['onetrust.alert-box-closed', "OptanonAlertBoxClosed", 'onetrust', 'necessary'],
  ['cookiebot.consent', "CookieConsent", 'cookiebot', 'necessary'],
  ['iab-tcf.tc-string', "euconsent-v2", 'iab-tcf', 'necessary'],
  ['iab-gpp.gpp', "__gpp", 'iab-gpp', 'necessary'],
  ['iab-gpp.gpp-sid', "__gpp_sid", 'iab-gpp', 'necessary'],
  ['iab-usp.us-privacy', "us_privacy", 'iab-usp', 'necessary'],
  ['cookieyes.consent', "cookieyes-consent", 'cookieyes', 'necessary'],
  ['complianz.statistics', "cmplz_statistics", 'complianz', 'necessary'],
  ['complianz.marketing', "cmplz_marketing", 'complianz', 'necessary'],
  ['complianz.preferences', "cmplz_preferences", 'complianz', 'necessary'],
  ['complianz.functional', "cmplz_functional", 'complianz', 'necessary'],
  ['complianz.statistics-anonymous', "cmplz_statistics-anonymous", 'complianz', 'necessary'],
  ['complianz.consent-mode', "cmplz_consent_mode", 'complianz', 'necessary'],
  ['complianz.state', "cmplz_banner-status", 'complianz', 'necessary'],
  ['didomi.token', "didomi_token", 'didomi', 'necessary'],
  ['klaro.consent', "klaro", 'klaro', 'necessary'],
  ['vanilla-cookieconsent.cc-cookie', "cc_cookie", 'vanilla-cookieconsent', 'necessary'],
  ['borlabs.consent', "borlabs-cookie", 'borlabs', 'necessary'],
];

async function decodeJson(header: string): Promise<unknown[]> {
  let out = '';
  const code = await runCli(['decode', '--json', '--url', 'https://www.example.com/', header], {
    stdout: (s) => { out += s; },
    stderr: () => undefined,
    readFile: () => Promise.reject(new Error('no files here')),
    now: () => Date.UTC(2026, 10, 29),
  });
  expect(code).toBe(0);
  const parsed: unknown = JSON.parse(out);
  const cookies: unknown = typeof parsed === 'object' && parsed !== null && 'cookies' in parsed ? parsed.cookies : undefined;
  expect(Array.isArray(cookies)).toBe(true);
  return Array.isArray(cookies) ? cookies : [];
}

describe('cookie-lens decode --json', () => {
  test('every family has a row below', () => {
    expect(EXPECTED.map(([family]) => family).sort()).toEqual(families.map((family) => family.id).sort());
  });

  test.each(EXPECTED.map(([family, name, vendor, category]) => ({ family, name, vendor, category })))('$family: $name is $vendor, $category', async ({ name, vendor, category }) => {
    const [entry] = await decodeJson(`${name}=x`);
    expect(Object.keys(entry as object).sort()).toEqual([
      'category', 'deleted', 'domain', 'expires', 'fields', 'host', 'hostOnly', 'httpOnly', 'name', 'partitioned', 'path', 'problems', 'recognised', 'sameSite', 'secure', 'source', 'value', 'vendor',
    ]);
    expect(entry).toMatchObject({ name, vendor, category, recognised: true });
  });

  test('documented values decode to their fields (GA, Meta, OneTrust)', async () => {
    // docs/facts/other-trackers.md formats: _ga = GA1.<depth>.<random>.<first visit s>; _fbp = fb.<n>.<ms>.<random>.
    const out = await decodeJson('_ga=GA1.1.804271633.1718000000; _fbp=fb.1.1718000000123.1406383152; OptanonConsent=groups=C0001%3A1%2CC0002%3A0');
    expect(out[0]).toMatchObject({ name: '_ga', vendor: 'google-analytics', fields: { clientId: '804271633.1718000000', firstVisit: '2024-06-10T06:13:20.000Z' } });
    expect(out[1]).toMatchObject({ name: '_fbp', vendor: 'meta', category: 'advertising' });
    expect(JSON.stringify(out[1])).toContain('2024-06-10T06:13:20.123Z');
    expect(out[2]).toMatchObject({ name: 'OptanonConsent', vendor: 'onetrust', fields: { analytics: false } });
  });

  test('a name without a decoder gets vendor and category from the Open Cookie Database, with no fields', async () => {
    const [known, unknown] = await decodeJson('PHPSESSID=abc; zz_nobody_knows_me=1');
    expect(known).toMatchObject({ name: 'PHPSESSID', vendor: 'PHP.net', category: 'functional', recognised: true, fields: {}, problems: [] });
    expect(unknown).toMatchObject({ name: 'zz_nobody_knows_me', vendor: null, category: null, recognised: false, fields: {}, problems: [] });
  });
});
