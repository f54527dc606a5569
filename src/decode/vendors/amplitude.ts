// Amplitude Browser SDK 2. Source: docs/facts/other-trackers.md section 1, after Amplitude's
// "Cookies and consent management" page. Values are base64 of URL-encoded JSON; times are ms.
//
//   AMP_<first 10 characters of the API key>
//     {"deviceId":"47b6a9f9-…","sessionId":1748200937879,"optOut":false,
//      "lastEventTime":1748201234576,"lastEventId":14,"pageCounter":2}
//   AMP_MKTG_<same>   {"referrer":…,"referring_domain":…} plus UTM values
//
// The session id is the session's start time. The SDK stores the user id base64-encoded.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt, percentDecodeUntilStable } from '../parse.ts';
import type { JsonRecord } from './util.ts';
import {
  YEAR_MS,
  booleanAt,
  countField,
  decodeBase64Text,
  failed,
  flagField,
  idField,
  isRecord,
  lifetime,
  numberAt,
  parseJson,
  patternFamily,
  stringAt,
  textField,
  timeField,
  timestampFromNumber,
  warning,
} from './util.ts';

const VENDOR = 'amplitude';

function readJson(value: string): JsonRecord | undefined {
  const text = value.startsWith('{') ? value : decodeBase64Text(value);
  const unescaped = text === undefined ? undefined : percentDecodeUntilStable(text);
  const json = unescaped?.ok === true ? parseJson(unescaped.value) : undefined;
  return isRecord(json) ? json : undefined;
}

function decodeSession(value: string, ctx: DecodeContext): DecodeOutcome {
  const json = readJson(value);
  if (json === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  const deviceId = stringAt(json, 'deviceId');
  if (deviceId !== undefined && deviceId.length > 0) fields.push(idField('deviceId', deviceId));
  const userId = stringAt(json, 'userId');
  if (userId !== undefined && userId.length > 0) fields.push(idField('userId', decodeBase64Text(userId) ?? userId));
  const sessionStart = timestampFromNumber(numberAt(json, 'sessionId'), 'ms');
  if (sessionStart !== undefined) fields.push(timeField('sessionStart', sessionStart, ctx, warnings));
  const lastEvent = timestampFromNumber(numberAt(json, 'lastEventTime'), 'ms');
  if (lastEvent !== undefined) fields.push(timeField('lastEventTime', lastEvent, ctx, warnings));
  const eventId = numberAt(json, 'lastEventId');
  if (eventId !== undefined && Number.isSafeInteger(eventId) && eventId >= 0) fields.push(countField('lastEventId', eventId));
  const pages = numberAt(json, 'pageCounter');
  if (pages !== undefined && Number.isSafeInteger(pages) && pages >= 0) fields.push(countField('pageViews', pages));
  const optOut = booleanAt(json, 'optOut');
  if (optOut !== undefined) fields.push(flagField('optedOut', optOut));
  return ok(fields, warnings);
}

const MARKETING_KEYS: readonly (readonly [string, string])[] = [
  ['referrer', 'initialReferrer'],
  ['referring_domain', 'initialReferringDomain'],
  ['utm_source', 'campaignSource'],
  ['utm_medium', 'campaignMedium'],
  ['utm_campaign', 'campaignName'],
  ['utm_term', 'campaignTerm'],
  ['utm_content', 'campaignContent'],
];

function decodeMarketing(value: string): DecodeOutcome {
  const json = readJson(value);
  if (json === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [];
  for (const [jsonKey, key] of MARKETING_KEYS) {
    const text = stringAt(json, jsonKey);
    if (text !== undefined && text.length > 0) fields.push(textField(key, text));
  }
  return ok(fields);
}

export const amplitudeFamilies = [
  patternFamily({ id: 'amplitude.session', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(YEAR_MS), pattern: /^AMP_[0-9A-Za-z]{10}$/, decode: decodeSession }),
  patternFamily({ id: 'amplitude.marketing', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(YEAR_MS), pattern: /^AMP_MKTG_[0-9A-Za-z]{10}$/, decode: decodeMarketing }),
];
