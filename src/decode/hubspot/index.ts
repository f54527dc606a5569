// Every cookie family HubSpot's scripts write on a visitor's browser, plus the Cloudflare cookies
// that come with HubSpot's hosting. Facts: docs/facts/hubspot-cookies.md.
import type { CookieFamily } from '../types.ts';
import { cloudflareFamilies } from './cloudflare.ts';
import { consentFamilies } from './consent.ts';
import { siteFeatureFamilies } from './site-features.ts';
import { trackingFamilies } from './tracking.ts';

export const hubspotFamilies: readonly CookieFamily[] = [...trackingFamilies, ...consentFamilies, ...siteFeatureFamilies, ...cloudflareFamilies];

export { categoriesAsBannerReads, declinedByEveryBanner, detectCategoryPreferenceStyle, readCategoryPreferences, writeCategoryPreferences } from './consent.ts';
export type { CategoryPreferenceStyle, CategoryPreferences } from './consent.ts';
export { parseHstc } from './tracking.ts';
export type { HstcParts, HstcValue } from './tracking.ts';
