// Real-shaped cookie names for every registered family: the fixed names of those that have them,
// and one sample for each family that matches by pattern. Shared by the tests that must cover
// every family (the badge's name list, the command-line decoder).
import type { CookieFamily } from '../../../src/decode/types.ts';

// One real-shaped name for every family that matches by pattern rather than by a fixed list.
export const PATTERN_SAMPLES: Readonly<Record<string, string>> = {
  'hubspot.password-key': '123456_key',
  'google-analytics.ga-session': '_ga_ABC123XYZ',
  'google-analytics.gat': '_gat_UA-12345-1',
  'google-analytics.gac': '_gac_UA-12345-1',
  'matomo.id': '_pk_id.1.1fff',
  'matomo.ses': '_pk_ses.1.1fff',
  'matomo.ref': '_pk_ref.1.1fff',
  'hotjar.session-user': '_hjSessionUser_123456',
  'hotjar.session': '_hjSession_123456',
  'pardot.visitor-id': 'visitor_id12345',
  'pardot.visitor-id-hash': 'visitor_id12345-hash',
  'pardot.pi-opt-in': 'pi_opt_in12345',
  'segment.other': 'ajs_user_traits',
  'mixpanel.project': 'mp_0123456789abcdef0123456789abcdef_mixpanel',
  'amplitude.session': 'AMP_0123456789',
  'amplitude.marketing': 'AMP_MKTG_0123456789',
  'intercom.id': 'intercom-id-abc123',
  'intercom.session': 'intercom-session-abc123',
  'intercom.device-id': 'intercom-device-id-abc123',
  'adobe.amcv': 'AMCV_0123456789ABCDEF%40AdobeOrg',
  'complianz.state': 'cmplz_banner-status',
};

export function samplesOf(family: CookieFamily): string[] {
  if (family.names !== undefined) return [...family.names];
  const sample = PATTERN_SAMPLES[family.id];
  return sample === undefined ? [] : [sample];
}

