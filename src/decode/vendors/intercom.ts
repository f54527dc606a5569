// Intercom Messenger. Source: docs/facts/other-trackers.md section 1 (lifetimes from the
// Open Cookie Database; the device id's lifetime is unsettled).
//
//   intercom-id-<appId>          5f1c…   anonymous visitor UUID
//   intercom-session-<appId>     an opaque session token, empty after logout
//   intercom-device-id-<appId>   a device id
//
// The session token is a credential: Cookie Lens says whether one is present and never shows it.
import { DAY_MS, ok } from '../types.ts';
import type { DecodeOutcome } from '../types.ts';
import { excerpt } from '../parse.ts';
import { MONTH_MS, UUID, flagField, idField, lifetime, patternFamily, warning } from './util.ts';

const VENDOR = 'intercom';

function decodeId(key: string): (value: string) => DecodeOutcome {
  return (value) => ok([idField(key, value)], UUID.test(value) ? [] : [warning('unexpected-value', key, excerpt(value))]);
}

export const intercomFamilies = [
  patternFamily({ id: 'intercom.id', vendor: VENDOR, category: 'functional', lifetime: lifetime.of(9 * MONTH_MS), pattern: /^intercom-id-/, decode: decodeId('visitorId') }),
  // The shared guard refuses an empty value with `empty`, which is what a logged-out session looks like.
  patternFamily({ id: 'intercom.session', vendor: VENDOR, category: 'functional', lifetime: lifetime.of(7 * DAY_MS), pattern: /^intercom-session-/, decode: () => ok([flagField('activeSession', true)]) }),
  patternFamily({ id: 'intercom.device-id', vendor: VENDOR, category: 'functional', lifetime: lifetime.unknown, pattern: /^intercom-device-id-/, decode: decodeId('deviceId') }),
];
