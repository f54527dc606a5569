// CookieYes. Source: docs/facts/other-trackers.md section 2.
//
//   cookieyes-consent   consentid:d0owaVVvazVQeldUemZ0aVF5OGs1RVdLM3pPQlBaY24,consent:no,action:yes,
//                       necessary:yes,functional:no,analytics:no,performance:no,advertisement:no,other:no
//
// Category flags: analytics -> analytics, advertisement -> advertisement, functional ->
// functionality. `performance` and `other` are CookieYes categories with no counterpart here and
// are left out. `action` is empty until the visitor answers the banner; the categories then hold
// the site's defaults, which still decide what may be stored.
import { ok } from '../types.ts';
import type { DecodeOutcome, Field } from '../types.ts';
import { excerpt, parseBooleanWord } from '../parse.ts';
import { YEAR_MS, exactFamily, failed, flagField, idField, lifetime, parseColonPairs, warning } from './util.ts';

const FLAG_BY_CATEGORY: readonly (readonly [string, 'analytics' | 'advertisement' | 'functionality'])[] = [
  ['analytics', 'analytics'],
  ['advertisement', 'advertisement'],
  ['functional', 'functionality'],
];

function yesNo(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const answer = parseBooleanWord(text, ['yes'], ['no']);
  return answer.ok ? answer.value : undefined;
}

function decodeConsent(value: string): DecodeOutcome {
  const entries = parseColonPairs(value, ',');
  if (!entries.has('consentid') && !entries.has('consent')) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [];
  for (const [category, key] of FLAG_BY_CATEGORY) {
    const choice = yesNo(entries.get(category));
    if (choice !== undefined) fields.push(flagField(key, choice));
  }
  const consentGiven = yesNo(entries.get('consent'));
  if (consentGiven !== undefined) fields.push(flagField('consentGiven', consentGiven));
  // `action` is yes once the visitor has answered; empty (or no) before that.
  const action = entries.get('action');
  if (action !== undefined) fields.push(flagField('bannerAnswered', action === 'yes'));
  const consentId = entries.get('consentid');
  if (consentId !== undefined && consentId.length > 0) fields.push(idField('consentId', consentId));
  return ok(fields);
}

export const cookieyesFamilies = [
  exactFamily({ id: 'cookieyes.consent', vendor: 'cookieyes', category: 'necessary', lifetime: lifetime.of(YEAR_MS), names: ['cookieyes-consent'], decode: decodeConsent }),
];
