// Adobe Experience Cloud Identity Service. Source: docs/facts/other-trackers.md section 1,
// after Adobe's region reference and its consent documentation.
//
//   AMCV_<OrgID>%40AdobeOrg   -637568504|MCIDTS|19354|MCMID|58702937013693114950418173561563338052|
//                             MCAAMLH-1672794732|3|MCAAMB-1672794732|RKhp…|MCOPTOUT-1587119512s|NONE|vVersion|5.1.1
//   s_ecid                    MCMID%7C37154648669072542591651943396872180891   a server-set copy of the ECID
//
// A checksum-like number comes first, then key|value pairs. MCMID is the Experience Cloud ID,
// MCIDTS a day count since the epoch (19354 = 2022-12-28), MCAAMLH-<seconds> the region hint,
// MCOPTOUT-<seconds>s the opt-out status, vVersion the VisitorAPI version. That the numbers in
// key names are times in seconds is inferred, so they are left out.
import { DAY_MS, ok } from '../types.ts';
import type { DecodeOutcome, Field } from '../types.ts';
import { excerpt, parseInteger } from '../parse.ts';
import { YEAR_MS, countField, exactFamily, failed, idField, instantField, lifetime, patternFamily, textField, warning } from './util.ts';

const VENDOR = 'adobe';

function decodeVisitorCookie(value: string): DecodeOutcome {
  const parts = value.split('|');
  const pairs = new Map<string, string>();
  // The leading checksum makes the count odd; pairs start after it.
  for (let i = parts.length % 2 === 1 ? 1 : 0; i + 1 < parts.length; i += 2) {
    const key = (parts[i] ?? '').replace(/-\d+s?$/, '');
    if (!pairs.has(key)) pairs.set(key, parts[i + 1] ?? '');
  }
  const fields: Field[] = [];
  const ecid = pairs.get('MCMID');
  if (ecid !== undefined && ecid.length > 0) fields.push(idField('experienceCloudId', ecid));
  const days = parseInteger(pairs.get('MCIDTS') ?? '');
  if (days.ok) fields.push(instantField('idSynced', days.value * DAY_MS));
  const region = parseInteger(pairs.get('MCAAMLH') ?? '');
  if (region.ok) fields.push(countField('regionHint', region.value));
  const optOut = pairs.get('MCOPTOUT');
  if (optOut !== undefined && optOut.length > 0) fields.push(textField('optOutStatus', optOut));
  const version = pairs.get('vVersion');
  if (version !== undefined && version.length > 0) fields.push(textField('libraryVersion', version));
  if (fields.length === 0) return failed(warning('unknown-format', undefined, excerpt(value)));
  return ok(fields);
}

function decodeEcid(value: string): DecodeOutcome {
  const match = /^MCMID\|(\d+)$/.exec(value);
  return match === null ? failed(warning('unknown-format', undefined, excerpt(value))) : ok([idField('experienceCloudId', match[1] ?? '')]);
}

export const adobeFamilies = [
  // The org id ends in `@AdobeOrg`, stored escaped as `%40AdobeOrg`; `AMCVS_` (a session flag) is another cookie.
  patternFamily({ id: 'adobe.amcv', vendor: VENDOR, category: 'advertising', lifetime: lifetime.of(2 * YEAR_MS), pattern: /^AMCV_.+(?:@|%40)AdobeOrg$/, decode: decodeVisitorCookie }),
  exactFamily({ id: 'adobe.s-ecid', vendor: VENDOR, category: 'advertising', lifetime: lifetime.of(63_115_200_000), names: ['s_ecid'], decode: decodeEcid }),
];
