// LinkedIn Insight Tag and linkedin.com. Source: docs/facts/other-trackers.md section 1.
// LinkedIn stores some values in double quotes, which the shared clean-up strips.
//
//   li_fat_id   85929337-d448-42da-a095-0b3c5500fa50          first-party, after a LinkedIn ad click
//   bcookie     "v=2&3da7cbe9-1e10-4108-8734-c492859ca8d8"    on .linkedin.com: version and browser id
//   lidc        "b=VB86:s=V:r=V:…:i=1688454620:t=1688474844:v=2:sig=AQEP…"   on .linkedin.com: routing
//   li_sugr     8ed73a04-54e0-42cf-b27e-9f28d4c2ea3f          on .linkedin.com: identity matching
//
// In lidc, `i=` looks like the issue time and `t=` like the expiry, both in seconds; the doc
// infers this from samples only, so both are uncertain and the other keys are left out.
import { DAY_MS, ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import { UUID, YEAR_MS, exactFamily, failed, idField, instantField, lifetime, parseTimestamp, textField, timeField, warning } from './util.ts';

const VENDOR = 'linkedin';

/** An opaque identifier: shown as stored, with a warning when it is not the usual UUID. */
function decodeOpaqueId(key: string): (value: string) => DecodeOutcome {
  return (value) => ok([idField(key, value)], UUID.test(value) ? [] : [warning('unexpected-value', key, excerpt(value))]);
}

function decodeBrowserCookie(value: string): DecodeOutcome {
  const match = /^v=(\d+)&(.+)$/.exec(value);
  if (match === null) return failed(warning('unknown-format', undefined, excerpt(value)));
  const [, version = '', browserId = ''] = match;
  return ok([textField('version', version), idField('browserId', browserId)]);
}

function decodeRouting(value: string, ctx: DecodeContext): DecodeOutcome {
  const pairs = new Map<string, string>();
  for (const part of value.split(':')) {
    const equals = part.indexOf('=');
    if (equals > 0 && !pairs.has(part.slice(0, equals))) pairs.set(part.slice(0, equals), part.slice(equals + 1));
  }
  if (pairs.size === 0) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  const issued = parseTimestamp(pairs.get('i') ?? '', 'seconds', 'issuedAt');
  if (issued.ok) fields.push(timeField('issuedAt', issued.value, ctx, warnings, true));
  const expires = parseTimestamp(pairs.get('t') ?? '', 'seconds', 'storedExpiry');
  if (expires.ok) fields.push(instantField('storedExpiry', expires.value, true));
  return ok(fields, warnings);
}

export const linkedinFamilies = [
  exactFamily({ id: 'linkedin.li-fat-id', vendor: VENDOR, category: 'advertising', lifetime: lifetime.of(30 * DAY_MS), names: ['li_fat_id'], decode: decodeOpaqueId('memberIndirectId') }),
  exactFamily({ id: 'linkedin.bcookie', vendor: VENDOR, category: 'advertising', lifetime: lifetime.of(YEAR_MS), names: ['bcookie'], decode: decodeBrowserCookie }),
  // The doc describes lidc as data-centre routing, so it is functional rather than advertising.
  exactFamily({ id: 'linkedin.lidc', vendor: VENDOR, category: 'functional', lifetime: lifetime.of(DAY_MS), names: ['lidc'], decode: decodeRouting }),
  exactFamily({ id: 'linkedin.li-sugr', vendor: VENDOR, category: 'advertising', lifetime: lifetime.of(90 * DAY_MS), names: ['li_sugr'], decode: decodeOpaqueId('browserId') }),
];
