// Microsoft Advertising Universal Event Tracking (Bing Ads). Source: docs/facts/other-trackers.md
// section 1. Both lifetimes are disputed (the doc: 1 day and 13 months; the Open Cookie Database:
// 30 minutes and 16 days), so none is stated.
//
//   _uetsid, _uetvid   a9e146d0a38f11f0aad69db22019f777|wt20pu|2|fzy|0|2106
//
// Only the first part, a 32-hex id, is settled; the base-36 parts after it may be times or days
// (as in Clarity) and are left out.
import { ok } from '../types.ts';
import type { DecodeOutcome } from '../types.ts';
import { parseHexId } from '../parse.ts';
import { exactFamily, failed, idField, lifetime } from './util.ts';

const VENDOR = 'microsoft-advertising';

function decodeUet(key: string): (value: string) => DecodeOutcome {
  return (value) => {
    const id = parseHexId(value.split('|')[0] ?? '', { field: key, length: 32 });
    return id.ok ? ok([idField(key, id.value)]) : failed(id.problem);
  };
}

export const microsoftUetFamilies = [
  exactFamily({ id: 'microsoft-advertising.uetsid', vendor: VENDOR, category: 'advertising', lifetime: lifetime.unknown, names: ['_uetsid'], decode: decodeUet('sessionId') }),
  exactFamily({ id: 'microsoft-advertising.uetvid', vendor: VENDOR, category: 'advertising', lifetime: lifetime.unknown, names: ['_uetvid'], decode: decodeUet('visitorId') }),
];
