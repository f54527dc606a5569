// Mixpanel. Source: docs/facts/other-trackers.md section 1.
//
//   mp_<32-hex project token>_mixpanel   URL-encoded JSON:
//   {"distinct_id":"$device:19079a8c2582ed-04a088e2a33668-19525637-384000-19079a8c2582ed",
//    "$device_id":"19079a8c…","$initial_referrer":"https://www.google.com/",
//    "$initial_referring_domain":"www.google.com","$search_engine":"google","__mps":{},…}
//
// A `$device:` prefix on distinct_id means the visitor is still anonymous; `$user_id` appears once
// the site identifies them. The first 11 hex digits of the device id look like its creation time
// in milliseconds (inferred from three samples), so that time is uncertain. Super-property
// stores (`__mps`, …) are the site's own data and are left out.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import { YEAR_MS, failed, flagField, idField, isRecord, lifetime, parseJson, patternFamily, stringAt, textField, timeField, warning } from './util.ts';

const ANONYMOUS_PREFIX = '$device:';

function decodeProject(value: string, ctx: DecodeContext): DecodeOutcome {
  const json = parseJson(value);
  if (!isRecord(json)) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  const distinctId = stringAt(json, 'distinct_id');
  if (distinctId !== undefined && distinctId.length > 0) {
    fields.push(idField('distinctId', distinctId), flagField('anonymous', distinctId.startsWith(ANONYMOUS_PREFIX)));
  }
  const deviceId = stringAt(json, '$device_id');
  if (deviceId !== undefined && deviceId.length > 0) {
    fields.push(idField('deviceId', deviceId));
    const prefix = /^[0-9a-f]{11}/.exec(deviceId)?.[0];
    if (prefix !== undefined) fields.push(timeField('created', parseInt(prefix, 16), ctx, warnings, true));
  }
  const userId = stringAt(json, '$user_id');
  if (userId !== undefined && userId.length > 0) fields.push(idField('userId', userId));
  const referrer = stringAt(json, '$initial_referrer');
  if (referrer !== undefined && referrer.length > 0) fields.push(textField('initialReferrer', referrer));
  const referringDomain = stringAt(json, '$initial_referring_domain');
  if (referringDomain !== undefined && referringDomain.length > 0) fields.push(textField('initialReferringDomain', referringDomain));
  const searchEngine = stringAt(json, '$search_engine');
  if (searchEngine !== undefined && searchEngine.length > 0) fields.push(textField('searchEngine', searchEngine));
  return ok(fields, warnings);
}

export const mixpanelFamilies = [
  patternFamily({ id: 'mixpanel.project', vendor: 'mixpanel', category: 'analytics', lifetime: lifetime.of(YEAR_MS), pattern: /^mp_[0-9a-f]{32}_mixpanel$/, decode: decodeProject }),
];
