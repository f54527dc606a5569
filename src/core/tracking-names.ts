// Which cookie names are tracking cookies (analytics or advertising), for the toolbar badge. The
// background cannot carry every decoder within its size budget, so this is a compact list; a
// unit test (test/unit/core/tracking-names.test.ts) holds it to the decoders' own categories.

const EXACT: ReadonlySet<string> = new Set([
  // HubSpot (docs/facts/hubspot-cookies.md)
  '__hstc', 'hubspotutk', '__hssc', '__hssrc', 'hsfirstvisit', '__hs_testcookie', 'hs_dbg', '__hsfp',
  // Google Analytics and Ads
  '_ga', '_gid', '__utma', '__utmb', '__utmc', '__utmz', '_gcl_au', '_gcl_aw', '_gcl_dc',
  // Meta, Microsoft, LinkedIn, TikTok, Marketo, Segment, Adobe
  '_fbp', '_fbc', '_clck', '_clsk', '_uetsid', '_uetvid', 'li_fat_id', 'bcookie', 'li_sugr', '_ttp', '_mkto_trk',
  'ajs_anonymous_id', 'ajs_user_id', 'ajs_group_id', 's_ecid',
]);

// Name prefixes of families whose names carry an id (`_ga_<container>`, `_pk_id.<site>.<hash>`).
const PREFIXES: readonly string[] = [
  '_ga_', '_gat', '_dc_gtm_', '_gac_', '_pk_id.', '_pk_ses.', '_pk_ref.', '_hjSessionUser_', '_hjSession_',
  'visitor_id', 'ajs_', 'AMP_', 'AMCV_',
];

/** Mixpanel names its cookie `mp_<token>_mixpanel`. */
const MIXPANEL = /^mp_.+_mixpanel$/;

export function isTrackingCookieName(name: string): boolean {
  if (EXACT.has(name)) return true;
  for (const prefix of PREFIXES) if (name.startsWith(prefix)) return true;
  return MIXPANEL.test(name);
}
