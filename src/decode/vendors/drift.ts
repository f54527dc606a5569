// Drift chat. Source: docs/facts/other-trackers.md section 1 (the two-year lifetime comes
// from the Open Cookie Database's `drift_` entry and is uncertain, so none is stated).
//
//   driftt_aid, drift_aid              c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9   anonymous visitor UUID (usually the same in both)
//   drift_campaign_refresh             a UUID for the campaign refresh
//   DFTT_END_USER_PREV_BOOTSTRAPPED    a boolean flag
import { ok } from '../types.ts';
import type { DecodeOutcome } from '../types.ts';
import { excerpt, parseBooleanWord } from '../parse.ts';
import { UUID, exactFamily, failed, flagField, idField, lifetime, warning } from './util.ts';

const VENDOR = 'drift';

function decodeUuid(key: string): (value: string) => DecodeOutcome {
  return (value) => ok([idField(key, value)], UUID.test(value) ? [] : [warning('unexpected-value', key, excerpt(value))]);
}

function decodeBootstrapped(value: string): DecodeOutcome {
  const flag = parseBooleanWord(value, ['true'], ['false'], 'previouslyLoaded');
  return flag.ok ? ok([flagField('previouslyLoaded', flag.value)]) : failed(flag.problem);
}

export const driftFamilies = [
  exactFamily({ id: 'drift.aid', vendor: VENDOR, category: 'functional', lifetime: lifetime.unknown, names: ['driftt_aid', 'drift_aid'], decode: decodeUuid('visitorId') }),
  exactFamily({ id: 'drift.campaign-refresh', vendor: VENDOR, category: 'functional', lifetime: lifetime.unknown, names: ['drift_campaign_refresh'], decode: decodeUuid('campaignRefreshId') }),
  exactFamily({ id: 'drift.bootstrapped', vendor: VENDOR, category: 'functional', lifetime: lifetime.unknown, names: ['DFTT_END_USER_PREV_BOOTSTRAPPED'], decode: decodeBootstrapped }),
];
