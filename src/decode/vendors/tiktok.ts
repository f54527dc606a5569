// TikTok Pixel. Source: docs/facts/other-trackers.md section 1.
//
//   _ttp   new: 01K1A8BXG7CFS8QC92XKKJD081_.tt.1   a ULID, then a suffix of unsettled meaning
//          old: kEDQ0tJexuVClkJ41P2SHjupLEY        an opaque 27-character id
//
// A ULID's first 10 Crockford base-32 characters are a time in milliseconds; `01K1A8BXG7` is
// 1753764722183. That this is the cookie's creation time is inferred from two samples (it
// matched the `_fbp` written on the same page within 300 ms), so it is shown as uncertain.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import { MONTH_MS, exactFamily, failed, idField, lifetime, parseCrockfordBase32, timeField, warning } from './util.ts';

// Upper case only, and either the whole value or followed by `_`: old-style ids are mixed case.
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}(?=_|$)/;

function decodeTtp(value: string, ctx: DecodeContext): DecodeOutcome {
  const ulid = ULID.exec(value)?.[0];
  if (ulid === undefined) {
    if (/^[A-Za-z0-9_-]{20,40}$/.test(value)) return ok([idField('visitorId', value)]);
    return failed(warning('unknown-format', undefined, excerpt(value)));
  }
  const fields: Field[] = [idField('visitorId', ulid)];
  const warnings: Problem[] = [];
  const created = parseCrockfordBase32(ulid.slice(0, 10));
  if (created !== undefined) fields.push(timeField('created', created, ctx, warnings, true));
  return ok(fields, warnings);
}

export const tiktokFamilies = [
  exactFamily({ id: 'tiktok.ttp', vendor: 'tiktok', category: 'advertising', lifetime: lifetime.of(13 * MONTH_MS), names: ['_ttp'], decode: decodeTtp }),
];
