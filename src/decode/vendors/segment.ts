// Segment analytics.js. Source: docs/facts/other-trackers.md section 1, after Segment's
// identity docs and Customer.io's cookie page.
//
//   ajs_anonymous_id   %22c72107e0-886b-4e13-88c8-5cb782099de3%22   a JSON string: the anonymous UUID
//   ajs_user_id        %22239148037%22 or null                      the site's own user id once identified
//   ajs_group_id       the site's account or group id, same shape
//
// The classic library stores JSON-encoded strings, so the shared clean-up decodes the escapes and
// strips the quotes; analytics-next may store the bare value. `null` means not set.
// Other `ajs_` names belong to Segment too; their values are shown as stored.
import { ok } from '../types.ts';
import type { DecodeOutcome } from '../types.ts';
import { YEAR_MS, exactFamily, flagField, idField, lifetime, patternFamily, textField, warning } from './util.ts';

const VENDOR = 'segment';
const KNOWN = ['ajs_anonymous_id', 'ajs_user_id', 'ajs_group_id'];

/** `identifiedKey` names the flag that says whether the id is set at all (user and group ids). */
function decodeIdentity(key: string, identifiedKey?: string): (value: string) => DecodeOutcome {
  return (value) => {
    const isSet = value !== 'null';
    if (identifiedKey === undefined) return isSet ? ok([idField(key, value)]) : ok([], [warning('unexpected-value', key, 'null')]);
    return ok(isSet ? [flagField(identifiedKey, true), idField(key, value)] : [flagField(identifiedKey, false)]);
  };
}

export const segmentFamilies = [
  exactFamily({ id: 'segment.anonymous-id', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(YEAR_MS), names: ['ajs_anonymous_id'], decode: decodeIdentity('anonymousId') }),
  exactFamily({ id: 'segment.user-id', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(YEAR_MS), names: ['ajs_user_id'], decode: decodeIdentity('userId', 'identified') }),
  exactFamily({ id: 'segment.group-id', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(YEAR_MS), names: ['ajs_group_id'], decode: decodeIdentity('groupId', 'inGroup') }),
  patternFamily({ id: 'segment.other', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(YEAR_MS), pattern: /^ajs_/, except: KNOWN, decode: (value) => ok([textField('value', value)]) }),
];
