// Complianz (WordPress). Source: docs/facts/other-trackers.md section 2. One cookie per
// category holds `allow` or `deny`; a few more record the banner's state.
//
//   cmplz_statistics=deny   cmplz_marketing=allow   cmplz_preferences=allow   cmplz_functional=allow
//   cmplz_statistics-anonymous=allow   cmplz_banner-status=dismissed   cmplz_policy_id=38
//   cmplz_consent_mode=security_storage,functionality_storage,analytics_storage,ad_storage,…
//   cmplz_consented_services, cmplz_saved_categories, cmplz_id; older complianz_consent_status
//
// Category flags: cmplz_statistics -> analytics, cmplz_marketing -> advertisement,
// cmplz_preferences -> functionality. cmplz_functional is Complianz's always-allowed category and
// anonymous statistics are not tracking, so those two set no flag. cmplz_consent_mode lists the
// Google Consent Mode signals granted.
import { ok } from '../types.ts';
import type { DecodeOutcome } from '../types.ts';
import { excerpt, parseBooleanWord } from '../parse.ts';
import { YEAR_MS, exactFamily, failed, flagField, lifetime, listField, patternFamily, textField, warning } from './util.ts';

const VENDOR = 'complianz';

function decodeChoice(flagKey?: 'analytics' | 'advertisement' | 'functionality'): (value: string) => DecodeOutcome {
  return (value) => {
    const allowed = parseBooleanWord(value, ['allow'], ['deny'], 'allowed');
    if (!allowed.ok) return failed(warning(allowed.problem.code, 'allowed', excerpt(value)));
    return ok(flagKey === undefined ? [flagField('allowed', allowed.value)] : [flagField('allowed', allowed.value), flagField(flagKey, allowed.value)]);
  };
}

function decodeState(value: string): DecodeOutcome {
  return ok([textField('value', value)]);
}

const lifetimeOneYear = lifetime.of(YEAR_MS);
const CATEGORY_COOKIES = ['cmplz_statistics', 'cmplz_marketing', 'cmplz_preferences', 'cmplz_functional', 'cmplz_statistics-anonymous', 'cmplz_consent_mode'];

export const complianzFamilies = [
  exactFamily({ id: 'complianz.statistics', vendor: VENDOR, category: 'necessary', lifetime: lifetimeOneYear, names: ['cmplz_statistics'], decode: decodeChoice('analytics') }),
  exactFamily({ id: 'complianz.marketing', vendor: VENDOR, category: 'necessary', lifetime: lifetimeOneYear, names: ['cmplz_marketing'], decode: decodeChoice('advertisement') }),
  exactFamily({ id: 'complianz.preferences', vendor: VENDOR, category: 'necessary', lifetime: lifetimeOneYear, names: ['cmplz_preferences'], decode: decodeChoice('functionality') }),
  exactFamily({ id: 'complianz.functional', vendor: VENDOR, category: 'necessary', lifetime: lifetimeOneYear, names: ['cmplz_functional'], decode: decodeChoice() }),
  exactFamily({ id: 'complianz.statistics-anonymous', vendor: VENDOR, category: 'necessary', lifetime: lifetimeOneYear, names: ['cmplz_statistics-anonymous'], decode: decodeChoice() }),
  exactFamily({
    id: 'complianz.consent-mode', vendor: VENDOR, category: 'necessary', lifetime: lifetimeOneYear, names: ['cmplz_consent_mode'],
    decode: (value) => ok([listField('consentModeGranted', value.split(',').map((signal) => signal.trim()).filter((signal) => signal.length > 0))]),
  }),
  patternFamily({ id: 'complianz.state', vendor: VENDOR, category: 'necessary', lifetime: lifetimeOneYear, pattern: /^(?:cmplz_|complianz_)/, except: CATEGORY_COOKIES, decode: decodeState }),
];
