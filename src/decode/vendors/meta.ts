// Meta (Facebook) Pixel. Source: docs/facts/other-trackers.md section 1, after Meta's
// Conversions API page on fbp and fbc. Times are milliseconds.
//
//   _fbp   fb.1.1596403881668.1116446470     version.subdomainIndex.created.random
//   _fbc   fb.1.1554763741205.IwAR2F4-dbP0…  version.subdomainIndex.created.fbclid
//
// subdomainIndex: 0 = `com`, 1 = `example.com`, 2 = `www.example.com`. The fbclid is
// case-sensitive and kept exactly as stored. Both lifetimes are unsettled (the doc gives 90 days
// for _fbp with doubts, and no default for _fbc), so neither is stated.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Problem } from '../types.ts';
import { excerpt, parseInteger } from '../parse.ts';
import { countField, exactFamily, failed, idField, lifetime, parseTimestamp, splitFirst, timeField, warning } from './util.ts';

const VENDOR = 'meta';

function decodePixelCookie(value: string, ctx: DecodeContext, lastKey: 'randomId' | 'clickId'): DecodeOutcome {
  const parts = splitFirst(value, '.', 4);
  if (parts === undefined) return failed(warning('segment-count', undefined, 'expected fb.index.time.id'));
  const [version = '', indexText = '', msText = '', last = ''] = parts;
  if (version !== 'fb') return failed(warning('unknown-format', undefined, excerpt(version)));
  const index = parseInteger(indexText, { field: 'subdomainIndex' });
  if (!index.ok) return failed(index.problem);
  const created = parseTimestamp(msText, 'ms', 'created');
  if (!created.ok) return failed(created.problem);
  // _fbp may carry a further `.`-separated suffix after the random number; only the number is the id.
  const id = lastKey === 'randomId' ? (last.split('.')[0] ?? '') : last;
  if (id.length === 0) return failed(warning('empty', lastKey));
  if (lastKey === 'randomId' && !parseInteger(id).ok) return failed(warning('not-integer', lastKey, excerpt(id)));
  const warnings: Problem[] = [];
  return ok([countField('subdomainIndex', index.value), timeField('created', created.value, ctx, warnings), idField(lastKey, id)], warnings);
}

export const metaFamilies = [
  exactFamily({ id: 'meta.fbp', vendor: VENDOR, category: 'advertising', lifetime: lifetime.unknown, names: ['_fbp'], decode: (value, ctx) => decodePixelCookie(value, ctx, 'randomId') }),
  exactFamily({ id: 'meta.fbc', vendor: VENDOR, category: 'advertising', lifetime: lifetime.unknown, names: ['_fbc'], decode: (value, ctx) => decodePixelCookie(value, ctx, 'clickId') }),
];
