// Microsoft Clarity. Source: docs/facts/other-trackers.md section 1, after clarity-js
// `src/data/metadata.ts`. Older code separates fields with `|` (often stored as `%7C`), current
// code with `^`; both are accepted.
//
//   _clck   ojvuj3|2|fw1|0|1965           userId(base 36).version.expiryDay(base 36).consent.dob
//   _clsk   d9hl|1748200929441|1|1|e.clarity.ms/collect   sessionId.lastActivityMs.page.upgrade.uploadHost
//
// `fw1` is day 20593 since the epoch, 2026-05-20. The consent field is 1 after explicit consent
// through Clarity's own API. `dob` has no settled meaning and is left out; the upgrade flag's
// meaning is not explained by the source either, so it is shown as uncertain.
import { DAY_MS, ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt, parseBooleanWord, parseInteger } from '../parse.ts';
import { YEAR_MS, countField, exactFamily, failed, flagField, idField, instantField, lifetime, parseBase36, parseTimestamp, textField, timeField, warning } from './util.ts';

const VENDOR = 'microsoft-clarity';
const SEPARATOR = /[|^]/;

function decodeUser(value: string): DecodeOutcome {
  const parts = value.split(SEPARATOR);
  if (parts.length < 3) return failed(warning('segment-count', undefined, `${parts.length} parts, expected at least 3`));
  const [userId = '', version = '', expiryText = '', consentText] = parts;
  if (parseBase36(userId) === undefined) return failed(warning('unknown-format', 'visitorId', excerpt(userId)));
  const expiryDay = parseBase36(expiryText);
  if (expiryDay === undefined) return failed(warning('not-timestamp', 'storedExpiry', excerpt(expiryText)));
  // The stored expiry is meant to lie in the future, so it gets no future-timestamp warning.
  const fields: Field[] = [idField('visitorId', userId), textField('version', version), instantField('storedExpiry', expiryDay * DAY_MS)];
  if (consentText !== undefined) {
    const consent = parseBooleanWord(consentText, ['1'], ['0'], 'explicitConsent');
    if (consent.ok) fields.push(flagField('explicitConsent', consent.value));
  }
  return ok(fields);
}

function decodeSession(value: string, ctx: DecodeContext): DecodeOutcome {
  const parts = value.split(SEPARATOR);
  if (parts.length < 3) return failed(warning('segment-count', undefined, `${parts.length} parts, expected at least 3`));
  const [sessionId = '', activityText = '', pageText = '', upgradeText, host] = parts;
  if (parseBase36(sessionId) === undefined) return failed(warning('unknown-format', 'sessionId', excerpt(sessionId)));
  const activity = parseTimestamp(activityText, 'ms', 'lastActivity');
  if (!activity.ok) return failed(activity.problem);
  const page = parseInteger(pageText, { field: 'pageViews' });
  if (!page.ok) return failed(page.problem);
  const warnings: Problem[] = [];
  const fields: Field[] = [idField('sessionId', sessionId), timeField('lastActivity', activity.value, ctx, warnings), countField('pageViews', page.value)];
  const upgrade = upgradeText === undefined ? undefined : parseBooleanWord(upgradeText, ['1'], ['0']);
  if (upgrade?.ok === true) fields.push(flagField('upgraded', upgrade.value, true));
  if (host !== undefined && host.length > 0) fields.push(textField('uploadHost', host));
  return ok(fields, warnings);
}

export const clarityFamilies = [
  exactFamily({ id: 'microsoft-clarity.clck', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(YEAR_MS), names: ['_clck'], decode: decodeUser }),
  exactFamily({ id: 'microsoft-clarity.clsk', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(DAY_MS), names: ['_clsk'], decode: decodeSession }),
];
