// Google Ads conversion linker (gtag.js). Source: docs/facts/other-trackers.md section 1.
// Times are seconds.
//
//   _gcl_au            1.1.1765371502.1750842798          version.domainDepth?.random.created
//                      (longer variants add `.`-separated fields of unsettled meaning: ignored)
//   _gcl_aw, _gcl_dc   GCL.1750842800.CjwKCAjwvO7CBhAqEiwA…   GCL.clickTime.gclid
//
// The second field of _gcl_au only looks like _ga's domain-depth field, so it is uncertain.
import { DAY_MS, ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Problem } from '../types.ts';
import { excerpt, parseInteger } from '../parse.ts';
import { exactFamily, failed, idField, lifetime, parseTimestamp, splitFirst, textField, timeField, warning } from './util.ts';

const VENDOR = 'google-ads';

function decodeConversionLinker(value: string, ctx: DecodeContext): DecodeOutcome {
  const parts = value.split('.');
  if (parts.length < 4) return failed(warning('segment-count', undefined, `${parts.length} parts, expected at least 4`));
  const [version = '', depth = '', random = '', seconds = ''] = parts;
  if (!parseInteger(version).ok) return failed(warning('unknown-format', undefined, excerpt(version)));
  const randomNumber = parseInteger(random, { field: 'randomId' });
  if (!randomNumber.ok) return failed(randomNumber.problem);
  const created = parseTimestamp(seconds, 'seconds', 'created');
  if (!created.ok) return failed(created.problem);
  const warnings: Problem[] = [];
  return ok([textField('version', version), textField('domainDepth', depth, true), idField('randomId', random), timeField('created', created.value, ctx, warnings)], warnings);
}

function decodeClick(value: string, ctx: DecodeContext): DecodeOutcome {
  const parts = splitFirst(value, '.', 3);
  if (parts === undefined) return failed(warning('segment-count', undefined, 'expected GCL.time.gclid'));
  const [prefix = '', seconds = '', clickId = ''] = parts;
  if (prefix !== 'GCL') return failed(warning('unknown-format', undefined, excerpt(prefix)));
  const clickTime = parseTimestamp(seconds, 'seconds', 'clickTime');
  if (!clickTime.ok) return failed(clickTime.problem);
  if (clickId.length === 0) return failed(warning('empty', 'clickId'));
  const warnings: Problem[] = [];
  return ok([timeField('clickTime', clickTime.value, ctx, warnings), idField('clickId', clickId)], warnings);
}

export const googleAdsFamilies = [
  exactFamily({ id: 'google-ads.gcl-au', vendor: VENDOR, category: 'advertising', lifetime: lifetime.of(90 * DAY_MS), names: ['_gcl_au'], decode: decodeConversionLinker }),
  exactFamily({ id: 'google-ads.gcl-click', vendor: VENDOR, category: 'advertising', lifetime: lifetime.of(90 * DAY_MS), names: ['_gcl_aw', '_gcl_dc'], decode: decodeClick }),
];
