// Didomi. Source: docs/facts/other-trackers.md section 2, after Didomi's developer docs.
//
//   didomi_token   base64 of JSON: {"user_id":"17a8626c-ba32-6c23-8dea-b0b18636bb32",
//                  "created":"2021-07-08T12:49:24.198Z","updated":"2021-07-08T12:49:24.198Z","version":2,
//                  "vendors":{"enabled":["google","c:googleana-m22KTp3Y"]},"vendors_li":{"enabled":["google"]},
//                  "purposes":{"enabled":[…],"disabled":[…]},"ac":"…"}
//
// Didomi's purposes are configured per site, so the doc gives no mapping onto Cookie Lens's
// categories: the purpose ids are listed and no category flag is set. `consentTime` is `updated`.
// The binary `didomi_dcs` and Didomi's `euconsent-v2` are other cookies.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import type { JsonRecord } from './util.ts';
import { YEAR_MS, countField, decodeBase64Text, exactFamily, failed, idField, isRecord, lifetime, listField, parseIsoInstant, parseJson, recordAt, stringAt, stringsAt, timeField, warning } from './util.ts';

function enabledAndDisabled(json: JsonRecord, key: string): { readonly enabled?: string[]; readonly disabled?: string[] } {
  const section = recordAt(json, key);
  if (section === undefined) return {};
  const enabled = stringsAt(section, 'enabled');
  const disabled = stringsAt(section, 'disabled');
  return { ...(enabled === undefined ? {} : { enabled }), ...(disabled === undefined ? {} : { disabled }) };
}

function decodeToken(value: string, ctx: DecodeContext): DecodeOutcome {
  const text = value.startsWith('{') ? value : decodeBase64Text(value);
  const json = text === undefined ? undefined : parseJson(text);
  if (!isRecord(json)) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  const userId = stringAt(json, 'user_id');
  if (userId !== undefined && userId.length > 0) fields.push(idField('consentId', userId));
  const created = parseIsoInstant(stringAt(json, 'created') ?? '');
  if (created !== undefined) fields.push(timeField('created', created, ctx, warnings));
  const updated = parseIsoInstant(stringAt(json, 'updated') ?? '');
  if (updated !== undefined) fields.push(timeField('consentTime', updated, ctx, warnings));
  const purposes = enabledAndDisabled(json, 'purposes');
  if (purposes.enabled !== undefined) fields.push(listField('purposesEnabled', purposes.enabled));
  if (purposes.disabled !== undefined) fields.push(listField('purposesDisabled', purposes.disabled));
  const vendors = enabledAndDisabled(json, 'vendors');
  if (vendors.enabled !== undefined) fields.push(countField('vendorsEnabled', vendors.enabled.length));
  if (vendors.disabled !== undefined) fields.push(countField('vendorsDisabled', vendors.disabled.length));
  if (fields.length === 0) return failed(warning('unknown-format', undefined, excerpt(value)));
  return ok(fields, warnings);
}

export const didomiFamilies = [
  exactFamily({ id: 'didomi.token', vendor: 'didomi', category: 'necessary', lifetime: lifetime.of(YEAR_MS), names: ['didomi_token'], decode: decodeToken }),
];
