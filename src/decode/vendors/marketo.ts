// Marketo Munchkin (Adobe). Source: docs/facts/other-trackers.md section 1, after Marketo's
// Munchkin API reference (`createTrackingCookie`).
//
//   _mkto_trk   id:112-TZM-766&token:_mch-aws.amazon.com-1701693326512-48258
//               account id, then `_mch-` + cookie domain + creation time (ms) + a 5-digit random number
//               hashed variant: token:_mch-instructure.com-1261fb15c0ebbd00867a136414ae0516 (no time)
import { DAY_MS, ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import { exactFamily, failed, idField, lifetime, parseColonPairs, parseTimestamp, textField, timeField, warning } from './util.ts';

const TIMED_TOKEN = /^_mch-(.+)-(\d{12,13})-(\d+)$/;
const HASHED_TOKEN = /^_mch-(.+)-([0-9a-f]{32})$/;

function decodeTracking(value: string, ctx: DecodeContext): DecodeOutcome {
  const pairs = parseColonPairs(value, '&');
  const accountId = pairs.get('id');
  const token = pairs.get('token');
  if (accountId === undefined && token === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  if (accountId !== undefined && accountId.length > 0) fields.push(idField('accountId', accountId));
  if (token === undefined) return ok(fields, warnings);
  const timed = TIMED_TOKEN.exec(token);
  const hashed = timed === null ? HASHED_TOKEN.exec(token) : null;
  if (timed !== null) {
    const [, domain = '', msText = '', random = ''] = timed;
    const created = parseTimestamp(msText, 'ms', 'created');
    if (!created.ok) return failed(created.problem);
    fields.push(textField('tokenDomain', domain), timeField('created', created.value, ctx, warnings), idField('randomId', random));
  } else if (hashed !== null) {
    const [, domain = '', hash = ''] = hashed;
    fields.push(textField('tokenDomain', domain), idField('tokenHash', hash));
  } else {
    fields.push(idField('token', token));
    warnings.push(warning('unexpected-value', 'token', excerpt(token)));
  }
  return ok(fields, warnings);
}

export const marketoFamilies = [
  // The Open Cookie Database credits this cookie to OneTrust; it is Marketo's (doc section 1).
  exactFamily({ id: 'marketo.mkto-trk', vendor: 'marketo', category: 'advertising', lifetime: lifetime.of(730 * DAY_MS), names: ['_mkto_trk'], decode: decodeTracking }),
];
