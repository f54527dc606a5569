// IAB US Privacy string (CCPA), the predecessor of GPP's uspv1 section. Source:
// docs/facts/other-trackers.md section 2; the field order matches the uspv1 section of the
// IAB's own GPP library (Version, Notice, OptOutSale, LspaCovered).
//
//   us_privacy, usprivacy   1YNN   version, notice given, opted out of sale, covered by the LSPA
//
// Each letter is Y, N, or `-` for "does not apply", which sets no field.
import { ok } from '../types.ts';
import type { DecodeOutcome, Field } from '../types.ts';
import { excerpt } from '../parse.ts';
import { countField, exactFamily, failed, flagField, lifetime, warning } from './util.ts';

/** The three Y/N answers as fields; `-` or anything else sets none. */
export function usPrivacyFields(notice: unknown, optOutSale: unknown, lspaCovered: unknown): Field[] {
  const fields: Field[] = [];
  const answer = (key: string, letter: unknown): void => {
    if (letter === 'Y' || letter === 'N') fields.push(flagField(key, letter === 'Y'));
  };
  answer('noticeGiven', notice);
  answer('saleOptedOut', optOutSale);
  answer('lspaCovered', lspaCovered);
  return fields;
}

function decodeUsPrivacy(value: string): DecodeOutcome {
  const match = /^(\d)([YN-])([YN-])([YN-])$/i.exec(value);
  if (match === null) return failed(warning('unknown-format', undefined, excerpt(value)));
  const [, version = '', notice = '', optOutSale = '', lspa = ''] = match;
  return ok([countField('version', Number(version)), ...usPrivacyFields(notice.toUpperCase(), optOutSale.toUpperCase(), lspa.toUpperCase())]);
}

export const usPrivacyFamilies = [
  exactFamily({ id: 'iab-usp.us-privacy', vendor: 'iab-usp', category: 'necessary', lifetime: lifetime.unknown, names: ['us_privacy', 'usprivacy'], decode: decodeUsPrivacy }),
];
