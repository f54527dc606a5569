// vanilla-cookieconsent (orestbida/cookieconsent). Source: docs/facts/other-trackers.md
// section 2, after its v2 configuration comments and real cc_cookie values.
//
//   cc_cookie   v3: {"categories":["necessary","analytics"],"revision":0,"data":null,
//                    "consentTimestamp":"2025-04-16T01:32:51.025Z","consentId":"24ef…","services":{…},
//                    "languageCode":"en","lastConsentTimestamp":"…","expirationTime":1747854156824}
//               v2: {"level":[…],"consent_date":…,"consent_uuid":…}
//
// The value lists the accepted categories, whose names each site chooses. A listed `analytics`,
// `marketing`/`ads`/`advertising`/`targeting` or `functionality`/`preferences` category sets that
// flag to true. A name that is missing may mean declined or may mean the site has no such
// category, so the false flag is marked uncertain.
import { DAY_MS, ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import { exactFamily, failed, flagField, idField, isRecord, lifetime, listField, parseIsoInstant, parseJson, stringAt, stringsAt, timeField, warning } from './util.ts';

const NAMES_BY_FLAG: readonly (readonly ['analytics' | 'advertisement' | 'functionality', readonly string[]])[] = [
  ['analytics', ['analytics']],
  ['advertisement', ['marketing', 'ads', 'advertising', 'advertisement', 'targeting']],
  ['functionality', ['functionality', 'functional', 'preferences']],
];

/** Accepted names set a certain true; a flag whose names are all missing is an uncertain false. */
export function acceptedCategoryFlags(accepted: readonly string[]): Field[] {
  return NAMES_BY_FLAG.map(([flag, names]) => (names.some((name) => accepted.includes(name)) ? flagField(flag, true) : flagField(flag, false, true)));
}

function decodeConsent(value: string, ctx: DecodeContext): DecodeOutcome {
  const json = parseJson(value);
  if (!isRecord(json)) return failed(warning('unknown-format', undefined, excerpt(value)));
  const accepted = stringsAt(json, 'categories') ?? stringsAt(json, 'level');
  if (accepted === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [...acceptedCategoryFlags(accepted), listField('categoriesAccepted', accepted)];
  const warnings: Problem[] = [];
  const consentTime = parseIsoInstant(stringAt(json, 'lastConsentTimestamp') ?? stringAt(json, 'consentTimestamp') ?? stringAt(json, 'consent_date') ?? '');
  if (consentTime !== undefined) fields.push(timeField('consentTime', consentTime, ctx, warnings));
  const consentId = stringAt(json, 'consentId') ?? stringAt(json, 'consent_uuid');
  if (consentId !== undefined && consentId.length > 0) fields.push(idField('consentId', consentId));
  return ok(fields, warnings);
}

export const vanillaCookieconsentFamilies = [
  exactFamily({ id: 'vanilla-cookieconsent.cc-cookie', vendor: 'vanilla-cookieconsent', category: 'necessary', lifetime: lifetime.of(182 * DAY_MS), names: ['cc_cookie'], decode: decodeConsent }),
];
