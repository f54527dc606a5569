// How HubSpot's banners write and read `__hs_cookie_cat_pref` (see consent.ts for the cookie's
// decoder). A module without imports, so the background's opt-out plan (src/core/plans.ts) can use
// it without taking the decoders along.

export interface CategoryPreferences {
  readonly analytics: boolean;
  readonly advertisement: boolean;
  readonly functionality: boolean;
}

/** `legacy` separates entries with `,` (the 2021 banner, read by both), the 2024 banner with `_`. */
export type CategoryPreferenceStyle = 'legacy' | 'banner2024';

export const CATEGORY_BY_ID: Readonly<Record<string, keyof CategoryPreferences>> = { 1: 'analytics', 2: 'advertisement', 3: 'functionality' };

export function writeCategoryPreferences(preferences: CategoryPreferences, style: CategoryPreferenceStyle): string {
  const separator = style === 'legacy' ? ',' : '_';
  return `1:${preferences.analytics}${separator}2:${preferences.advertisement}${separator}3:${preferences.functionality}`;
}

/** The style a stored value was written in; a value without `_` is taken as legacy. */
export function detectCategoryPreferenceStyle(value: string): CategoryPreferenceStyle {
  return value.includes('_') ? 'banner2024' : 'legacy';
}

export type HubspotBanner = 'banner2021' | 'banner2024';

/**
 * What a HubSpot banner reads from a `__hs_cookie_cat_pref` value: entries split on `,` (the 2021
 * banner always; the 2024 banner when the value has one, else on `_`); an entry counts only when it
 * is exactly `id:value`; a category is allowed only by the word `true`; missing means declined.
 * Never fails: a banner turns any value into a choice.
 */
export function categoriesAsBannerReads(raw: string, banner: HubspotBanner): CategoryPreferences {
  const separator = banner === 'banner2021' || raw.includes(',') ? ',' : '_';
  const consent = { analytics: false, advertisement: false, functionality: false };
  for (const entry of raw.split(separator)) {
    const parts = entry.split(':');
    if (parts.length !== 2) continue;
    const [id, value] = parts;
    const category = id !== undefined && Object.hasOwn(CATEGORY_BY_ID, id) ? CATEGORY_BY_ID[id] : undefined;
    if (category !== undefined) consent[category] = value === 'true';
  }
  return consent;
}

/**
 * True when every HubSpot banner reads the value as analytics, advertisement and functionality
 * declined, whether or not it undoes `%` escapes first. Not an empty value.
 */
export function declinedByEveryBanner(raw: string): boolean {
  const unwrapped = percentDecoded(raw);
  const readings = unwrapped !== null && unwrapped !== raw ? [raw, unwrapped] : [raw];
  // An empty value may count as no cookie at all, which leaves the banner waiting for a choice.
  if (readings.some((value) => value === '')) return false;
  return readings.every((value) =>
    (['banner2021', 'banner2024'] as const).every((banner) => {
      const read = categoriesAsBannerReads(value, banner);
      return !read.analytics && !read.advertisement && !read.functionality;
    }),
  );
}


/** The value with `%` escapes undone, as a banner reading it through decodeURIComponent sees it; null when malformed. */
function percentDecoded(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
