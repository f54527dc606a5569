// Every tracker and consent-manager family except HubSpot's, one module per vendor. Formats,
// units and sources: docs/facts/other-trackers.md. The IAB TCF and GPP families reach
// their libraries only through `load()`, so those libraries stay out of the main bundle.
import type { CookieFamily } from '../types.ts';
import { adobeFamilies } from './adobe.ts';
import { amplitudeFamilies } from './amplitude.ts';
import { borlabsFamilies } from './borlabs.ts';
import { clarityFamilies } from './clarity.ts';
import { complianzFamilies } from './complianz.ts';
import { cookiebotFamilies } from './cookiebot.ts';
import { cookieyesFamilies } from './cookieyes.ts';
import { didomiFamilies } from './didomi.ts';
import { driftFamilies } from './drift.ts';
import { googleAdsFamilies } from './google-ads.ts';
import { googleAnalyticsFamilies } from './google-analytics.ts';
import { hotjarFamilies } from './hotjar.ts';
import { gppFamilies } from './iab-gpp.ts';
import { tcfFamilies } from './iab-tcf.ts';
import { intercomFamilies } from './intercom.ts';
import { klaroFamilies } from './klaro.ts';
import { linkedinFamilies } from './linkedin.ts';
import { marketoFamilies } from './marketo.ts';
import { matomoFamilies } from './matomo.ts';
import { metaFamilies } from './meta.ts';
import { microsoftUetFamilies } from './microsoft-uet.ts';
import { mixpanelFamilies } from './mixpanel.ts';
import { onetrustFamilies } from './onetrust.ts';
import { pardotFamilies } from './pardot.ts';
import { segmentFamilies } from './segment.ts';
import { tiktokFamilies } from './tiktok.ts';
import { usPrivacyFamilies } from './us-privacy.ts';
import { vanillaCookieconsentFamilies } from './vanilla-cookieconsent.ts';

export const trackerFamilies: readonly CookieFamily[] = [
  ...googleAnalyticsFamilies,
  ...googleAdsFamilies,
  ...metaFamilies,
  ...matomoFamilies,
  ...hotjarFamilies,
  ...clarityFamilies,
  ...linkedinFamilies,
  ...tiktokFamilies,
  ...marketoFamilies,
  ...pardotFamilies,
  ...segmentFamilies,
  ...mixpanelFamilies,
  ...amplitudeFamilies,
  ...intercomFamilies,
  ...adobeFamilies,
  ...driftFamilies,
  ...microsoftUetFamilies,
];

export const consentManagerFamilies: readonly CookieFamily[] = [
  ...onetrustFamilies,
  ...cookiebotFamilies,
  ...tcfFamilies,
  ...gppFamilies,
  ...usPrivacyFamilies,
  ...cookieyesFamilies,
  ...complianzFamilies,
  ...didomiFamilies,
  ...klaroFamilies,
  ...vanillaCookieconsentFamilies,
  ...borlabsFamilies,
];

export const vendorFamilies: readonly CookieFamily[] = [...trackerFamilies, ...consentManagerFamilies];
