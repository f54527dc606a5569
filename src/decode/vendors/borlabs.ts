// Borlabs Cookie (WordPress). Source: docs/facts/other-trackers.md section 2.
//
//   borlabs-cookie   URL-encoded JSON with consents:{essential:[…],marketing:[…],statistics:[…]}:
//                    each accepted category with the services accepted in it
//
// A listed `statistics` category sets analytics to true, a listed `marketing` category sets
// advertisement to true. A missing category is most likely declined, but the doc does not settle
// it, so those false flags are uncertain. Borlabs has no separate functionality category here.
import { ok } from '../types.ts';
import type { DecodeOutcome, Field } from '../types.ts';
import { excerpt } from '../parse.ts';
import { YEAR_MS, exactFamily, failed, flagField, idField, isRecord, lifetime, listField, parseJson, recordAt, stringAt, warning } from './util.ts';

const FLAG_BY_CATEGORY: readonly (readonly [string, 'analytics' | 'advertisement'])[] = [
  ['statistics', 'analytics'],
  ['marketing', 'advertisement'],
];

function decodeConsent(value: string): DecodeOutcome {
  const json = parseJson(value);
  const consents = isRecord(json) ? recordAt(json, 'consents') : undefined;
  if (!isRecord(json) || consents === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));
  const categories = Object.keys(consents);
  const services: string[] = [];
  for (const category of categories) {
    const list: unknown = consents[category];
    if (Array.isArray(list)) for (const service of list) if (typeof service === 'string') services.push(service);
  }
  const fields: Field[] = FLAG_BY_CATEGORY.map(([category, flag]) => (categories.includes(category) ? flagField(flag, true) : flagField(flag, false, true)));
  fields.push(listField('categoriesAccepted', categories), listField('servicesAccepted', services));
  const uid = stringAt(json, 'uid');
  if (uid !== undefined && uid.length > 0) fields.push(idField('consentId', uid));
  return ok(fields);
}

export const borlabsFamilies = [
  exactFamily({ id: 'borlabs.consent', vendor: 'borlabs', category: 'necessary', lifetime: lifetime.of(YEAR_MS), names: ['borlabs-cookie'], decode: decodeConsent }),
];
