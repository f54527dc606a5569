// The vendor facts table against the decoders: the same vendor ids, every decoded analytics or
// advertising cookie of a listed vendor counted as its identity, and host lookups that match a
// vendor's real hosts and paths but not look-alikes.
import { describe, expect, test } from 'vitest';
import { families, findFamily } from '../../../src/decode/registry.ts';
import { TRACKER_VENDORS, isTrackerVendorId, vendorOfIdentityCookie, vendorOfRequest } from '../../../src/core/vendors.ts';
import { samplesOf } from '../support/family-samples.ts';
import enTrackers from '../../../locales/en/trackers.json' with { type: 'json' };
import enHubspot from '../../../locales/en/hubspot.json' with { type: 'json' };

const vendorNames: Record<string, unknown> = { ...enTrackers, ...enHubspot };

describe('vendor facts table', () => {
  test('every vendor is a decoder vendor with a display name', () => {
    const decoderVendors = new Set(families.map((family) => family.vendor));
    for (const vendor of TRACKER_VENDORS) {
      expect(decoderVendors.has(vendor.id), vendor.id).toBe(true);
      expect(Object.hasOwn(vendorNames, `vendor_${vendor.id.replaceAll('-', '_')}`), vendor.id).toBe(true);
    }
  });

  // HubSpot's own groups live in src/core/hubspot-sets.ts: its legacy names (hsfirstvisit, __hsfp, ...)
  // are a group of their own there, shown but not removed by default.
  test.each(families.filter((family) => isTrackerVendorId(family.vendor) && family.vendor !== 'hubspot' && (family.category === 'analytics' || family.category === 'advertising'))
    .flatMap((family) => samplesOf(family).map((name) => ({ name, vendor: family.vendor, id: family.id }))))(
    'decoded tracking cookie $name ($id) is an identity cookie of $vendor',
    ({ name, vendor }) => {
      expect(vendorOfIdentityCookie(name)).toBe(vendor);
    },
  );

  test('every exact identity name the decoders know belongs to the same vendor there', () => {
    for (const vendor of TRACKER_VENDORS) {
      for (const name of vendor.identityNames) {
        const family = findFamily(name);
        if (family !== undefined) expect(family.vendor, name).toBe(vendor.id);
        expect(vendorOfIdentityCookie(name), name).toBe(vendor.id);
      }
    }
  });

  test('names that carry an id (real examples from the vendors\' documentation)', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['_ga_QEHZPBE5HH', 'google-analytics'], ['_gat_UA-12345-1', 'google-analytics'], ['_dc_gtm_UA-12345-1', 'google-analytics'],
      ['_gac_UA-12345-1', 'google-analytics'], ['_pk_id.1.8d33', 'matomo'], ['_pk_ses.12.2a0b', 'matomo'], ['_hjSessionUser_123456', 'hotjar'],
      ['_hjSession_123456', 'hotjar'], ['AMP_0123456789', 'amplitude'], ['AMP_MKTG_0123456789', 'amplitude'],
      ['mp_0123456789abcdef0123456789abcdef_mixpanel', 'mixpanel'], ['visitor_id12345', 'pardot'], ['visitor_id12345-hash', 'pardot'],
      ['AMCV_0123ABC%40AdobeOrg', 'adobe'], ['intercom-id-abc123', 'intercom'],
    ];
    for (const [name, vendor] of cases) expect(vendorOfIdentityCookie(name), name).toBe(vendor);
  });

  test('login, consent, necessary and look-alike names are nobody\'s identity', () => {
    for (const name of [
      'shop_session', 'cart_id', '__hsmem', '__hs_cookie_cat_pref', '__hs_do_not_track', 'OptanonConsent', 'CookieConsent', 'euconsent-v2',
      'pi_opt_in12345', '_ga_lowercase', '_gax', '_pk_idx', 'visitor_idx', 'mp_settings', 'AMP_short', '_fbpx', 'ga', '',
    ]) expect(vendorOfIdentityCookie(name), name).toBeUndefined();
  });

  test('requests: real script and collection hosts and paths, not look-alikes', () => {
    const cases: ReadonlyArray<readonly [string, string, string | undefined]> = [
      ['region1.google-analytics.com', '/g/collect', 'google-analytics'],
      ['www.google-analytics.com', '/analytics.js', 'google-analytics'],
      ['www.googletagmanager.com', '/gtag/js', 'google-analytics'],
      ['www.googletagmanager.com', '/gtm.js', undefined],
      ['connect.facebook.net', '/en_US/fbevents.js', 'meta'],
      ['www.facebook.com', '/tr/', 'meta'],
      ['www.facebook.com', '/login', undefined],
      ['track.hubspot.com', '/__ptq.gif', 'hubspot'],
      ['js.hs-analytics.net', '/analytics/1.js', 'hubspot'],
      ['js.hs-scripts.com', '/1.js', undefined],
      ['static.hotjar.com', '/c/hotjar-1.js', 'hotjar'],
      ['Q.CLARITY.MS', '/collect', 'microsoft-clarity'],
      ['notgoogle-analytics.com', '/g/collect', undefined],
      ['google-analytics.com.evil.test', '/g/collect', undefined],
    ];
    for (const [host, path, vendor] of cases) expect(vendorOfRequest(host, path), `${host}${path}`).toBe(vendor);
  });

  test('a self-hosted Matomo counts only on the site\'s own hosts', () => {
    expect(vendorOfRequest('www.gameta.test', '/matomo.php', true)).toBe('matomo');
    expect(vendorOfRequest('www.gameta.test', '/piwik.js', true)).toBe('matomo');
    expect(vendorOfRequest('www.gameta.test', '/matomo.php', false)).toBeUndefined();
    expect(vendorOfRequest('www.gameta.test', '/shop.php', true)).toBeUndefined();
  });
});
