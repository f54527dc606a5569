// Hotjar. Source: docs/facts/other-trackers.md section 1. Values are base64 of JSON; times
// are milliseconds.
//
//   _hjSessionUser_<siteId>  {"id":"cac4629f-…","created":1747197725885,"existing":true}
//   _hjSession_<siteId>      new: {"id":"3ef8fa70-…","c":1774433141359,"s":1,"r":1,"sb":0,…}
//                            old: {"id":"…","created":1693692947290,"inSample":false}
//
// The first 8 hex digits of the user id are the id Hotjar's own dashboard shows. The short
// session flags (s, r, sb, sr, se, fs, sp) have no settled meaning and are left out.
import { DAY_MS, MINUTE_MS, ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import type { JsonRecord } from './util.ts';
import { booleanAt, decodeBase64Text, failed, flagField, idField, isRecord, lifetime, numberAt, parseJson, patternFamily, stringAt, timeField, timestampFromNumber, warning } from './util.ts';

const VENDOR = 'hotjar';

function readJson(value: string): JsonRecord | undefined {
  // Some installs store the JSON itself rather than its base64.
  const text = value.startsWith('{') ? value : decodeBase64Text(value);
  const json = text === undefined ? undefined : parseJson(text);
  return isRecord(json) ? json : undefined;
}

function decodeSessionUser(value: string, ctx: DecodeContext): DecodeOutcome {
  const json = readJson(value);
  if (json === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));
  const id = stringAt(json, 'id');
  if (id === undefined || id.length === 0) return failed(warning('unknown-format', 'visitorId', 'no id'));
  const fields: Field[] = [idField('visitorId', id)];
  const warnings: Problem[] = [];
  if (/^[0-9a-f]{8}/i.test(id)) fields.push(idField('dashboardUserId', id.slice(0, 8)));
  const created = timestampFromNumber(numberAt(json, 'created'), 'ms');
  if (created !== undefined) fields.push(timeField('firstVisit', created, ctx, warnings));
  const existing = booleanAt(json, 'existing');
  if (existing !== undefined) fields.push(flagField('returningVisitor', existing));
  return ok(fields, warnings);
}

function decodeSession(value: string, ctx: DecodeContext): DecodeOutcome {
  const json = readJson(value);
  if (json === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));
  const id = stringAt(json, 'id');
  if (id === undefined || id.length === 0) return failed(warning('unknown-format', 'sessionId', 'no id'));
  const fields: Field[] = [idField('sessionId', id)];
  const warnings: Problem[] = [];
  const start = timestampFromNumber(numberAt(json, 'c') ?? numberAt(json, 'created'), 'ms');
  if (start !== undefined) fields.push(timeField('sessionStart', start, ctx, warnings));
  return ok(fields, warnings);
}

export const hotjarFamilies = [
  patternFamily({ id: 'hotjar.session-user', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(365 * DAY_MS), pattern: /^_hjSessionUser_\d+$/, decode: decodeSessionUser }),
  patternFamily({ id: 'hotjar.session', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(30 * MINUTE_MS), pattern: /^_hjSession_\d+$/, decode: decodeSession }),
];
