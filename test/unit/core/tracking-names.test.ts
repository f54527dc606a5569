// The badge's compact list of tracking-cookie names must agree with the decoders' categories.
import { describe, expect, test } from 'vitest';
import { families, findFamily } from '../../../src/decode/registry.ts';
import { isTrackingCookieName } from '../../../src/core/tracking-names.ts';

// One real-shaped name for every family that matches by pattern rather than by a fixed list.
const PATTERN_SAMPLES: Readonly<Record<string, string>> = {
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

function samplesOf(family: (typeof families)[number]): string[] {
  if (family.names !== undefined) return [...family.names];
  const sample = PATTERN_SAMPLES[family.id];
  return sample === undefined ? [] : [sample];
}

describe('isTrackingCookieName', () => {
  test('every family has at least one sample name that the registry maps back to it', () => {
    for (const family of families) {
      const samples = samplesOf(family);
      expect(samples.length, `${family.id} needs a sample name in PATTERN_SAMPLES`).toBeGreaterThan(0);
      for (const name of samples) expect(findFamily(name)?.id, name).toBe(family.id);
    }
  });

  test.each(families.flatMap((family) => samplesOf(family).map((name) => ({ name, id: family.id, category: family.category }))))(
    '$name ($id, $category)',
    ({ name, category }) => {
      expect(isTrackingCookieName(name)).toBe(category === 'analytics' || category === 'advertising');
    },
  );

  test('ordinary first-party cookies are not tracking cookies', () => {
    for (const name of ['cart_id', 'session', 'PHPSESSID', 'lang', '_gab', 'ga', 'mp_settings']) expect(isTrackingCookieName(name), name).toBe(false);
  });
});
