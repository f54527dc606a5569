// Matomo (formerly Piwik). Source: docs/facts/other-trackers.md section 1 and 1.4, after
// piwik.js (`setVisitorIdCookie`, `updateDomainHash`, the referrer cookie's field order). Times
// are seconds.
//
//   _pk_id.<siteId>.<hash4>   Matomo 4+: d09ebc08c43b8045.1723388297.         visitorId.created.
//                             before 4:  uuid.createTs.visitCount.currentVisitTs.lastVisitTs[.lastEcommerceOrderTs]
//   _pk_ses.<siteId>.<hash4>  1   (a session is active)
//   _pk_ref.<siteId>.<hash4>  ["campaign","keyword",1723388297,"https://ref.example/…"]   (URL-encoded JSON)
//
// <hash4> is the first four hex digits of SHA-1 over the cookie domain (configured, else the
// page's host) followed by the cookie path (default `/`): `app.hextree.io/` gives 8d33. When the
// caller passes the cookie's name, the decoder says which domain it was written for.
import { MINUTE_MS, ok } from '../types.ts';
import type { DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt, parseHexId, parseInteger } from '../parse.ts';
import {
  MONTH_MS,
  countField,
  domainField,
  failed,
  flagField,
  idField,
  lifetime,
  matchMatomoNameHash,
  parseJson,
  parseTimestamp,
  patternFamily,
  textField,
  timeField,
  timestampFromNumber,
  warning,
} from './util.ts';
import type { NamedDecodeContext } from './util.ts';

const VENDOR = 'matomo';
const COOKIE_NAME = /^_pk_(?:id|ses|ref)\.(\d+)\.([0-9a-f]{4})$/;

/** Site id and, when one of the host's domains hashes to the name's suffix, that domain. */
function nameFields(ctx: NamedDecodeContext, fields: Field[], warnings: Problem[]): void {
  const match = ctx.name === undefined ? null : COOKIE_NAME.exec(ctx.name);
  if (match === null) return;
  const [, siteId = '', suffix = ''] = match;
  fields.push(idField('siteId', siteId));
  const matched = matchMatomoNameHash(suffix, ctx);
  fields.push(domainField('nameHashMatches', matched));
  if (matched === null) warnings.push(warning('domain-mismatch', 'nameHashMatches', `no candidate domain of ${excerpt(ctx.host, 64)} hashes to ${suffix}`));
}

function decodeVisitorId(value: string, ctx: NamedDecodeContext): DecodeOutcome {
  const parts = value.split('.');
  // A trailing `.` leaves an empty last part in both layouts.
  if (parts.length > 2 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2 && parts.length !== 5 && parts.length !== 6) return failed(warning('segment-count', undefined, `${parts.length} parts, expected 2, 5 or 6`));
  const [visitorText = '', createdText = '', visitsText = '', currentText = '', lastText = '', orderText = ''] = parts;
  const visitorId = parseHexId(visitorText, { field: 'visitorId', length: 16 });
  if (!visitorId.ok) return failed(visitorId.problem);
  const created = parseTimestamp(createdText, 'seconds', 'firstVisit');
  if (!created.ok) return failed(created.problem);
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  nameFields(ctx, fields, warnings);
  fields.push(idField('visitorId', visitorId.value), timeField('firstVisit', created.value, ctx, warnings));
  if (parts.length === 2) return ok(fields, warnings);

  // The layout before Matomo 4 also counts visits and keeps the current and previous visit times.
  const visits = parseInteger(visitsText, { field: 'sessionCount' });
  if (!visits.ok) return failed(visits.problem);
  const current = parseTimestamp(currentText, 'seconds', 'currentVisit');
  if (!current.ok) return failed(current.problem);
  fields.push(countField('sessionCount', visits.value), timeField('currentVisit', current.value, ctx, warnings));
  // The previous visit is empty on a first visit.
  if (lastText.length > 0) {
    const last = parseTimestamp(lastText, 'seconds', 'previousVisit');
    if (!last.ok) return failed(last.problem);
    if (last.value > current.value) warnings.push(warning('order', 'currentVisit', 'previous visit is later than the current visit'));
    fields.push(timeField('previousVisit', last.value, ctx, warnings));
  }
  if (orderText.length > 0) {
    const order = parseTimestamp(orderText, 'seconds', 'lastOrder');
    if (!order.ok) return failed(order.problem);
    fields.push(timeField('lastOrder', order.value, ctx, warnings));
  }
  return ok(fields, warnings);
}

function decodeSession(value: string, ctx: NamedDecodeContext): DecodeOutcome {
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  nameFields(ctx, fields, warnings);
  if (value === '1') fields.push(flagField('sessionActive', true));
  else {
    fields.push(textField('value', value));
    warnings.push(warning('unexpected-value', 'value', excerpt(value)));
  }
  return ok(fields, warnings);
}

function decodeReferrer(value: string, ctx: NamedDecodeContext): DecodeOutcome {
  const json = parseJson(value);
  if (!Array.isArray(json)) return failed(warning('unknown-format', undefined, excerpt(value)));
  const [campaign, keyword, time, url]: unknown[] = json;
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  nameFields(ctx, fields, warnings);
  if (typeof campaign === 'string' && campaign.length > 0) fields.push(textField('campaignName', campaign));
  if (typeof keyword === 'string' && keyword.length > 0) fields.push(textField('campaignKeyword', keyword));
  const referralTime = timestampFromNumber(time, 'seconds');
  if (referralTime !== undefined) fields.push(timeField('referralTime', referralTime, ctx, warnings));
  if (typeof url === 'string' && url.length > 0) fields.push(textField('referrerUrl', url));
  return ok(fields, warnings);
}

export const matomoFamilies = [
  patternFamily({ id: 'matomo.id', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(13 * MONTH_MS), pattern: /^_pk_id\./, decode: decodeVisitorId }),
  patternFamily({ id: 'matomo.ses', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(30 * MINUTE_MS), pattern: /^_pk_ses\./, decode: decodeSession }),
  patternFamily({ id: 'matomo.ref', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(6 * MONTH_MS), pattern: /^_pk_ref\./, decode: decodeReferrer }),
];
