// The badge's compact list of tracking-cookie names must agree with the decoders' categories.
import { describe, expect, test } from 'vitest';
import { families, findFamily } from '../../../src/decode/registry.ts';
import { isTrackingCookieName } from '../../../src/core/tracking-names.ts';
import { samplesOf } from '../support/family-samples.ts';

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
