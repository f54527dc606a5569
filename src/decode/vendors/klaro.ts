// Klaro. Source: docs/facts/other-trackers.md section 2, after the klaro_consent_manager
// documentation and published configs.
//
//   klaro   %7B%22necessary-cookies%22%3Atrue%2C%22google-analytics%22%3Afalse%7D
//           i.e. {"necessary-cookies":true,"google-analytics":false}: service name -> accepted
//
// Choices are per service, named by the site, and which category a service belongs to lives in
// the site's configuration: no category flag is set. The cookie name is configurable; only the
// default is recognised. Lifetimes vary between configurations, so none is stated.
import { ok } from '../types.ts';
import type { DecodeOutcome } from '../types.ts';
import { excerpt } from '../parse.ts';
import { exactFamily, failed, isRecord, lifetime, listField, parseJson, warning } from './util.ts';

function decodeServices(value: string): DecodeOutcome {
  const json = parseJson(value);
  if (!isRecord(json)) return failed(warning('unknown-format', undefined, excerpt(value)));
  const accepted: string[] = [];
  const declined: string[] = [];
  for (const [service, choice] of Object.entries(json)) {
    if (choice === true) accepted.push(service);
    else if (choice === false) declined.push(service);
  }
  if (accepted.length === 0 && declined.length === 0) return failed(warning('unknown-format', undefined, excerpt(value)));
  return ok([listField('servicesAccepted', accepted), listField('servicesDeclined', declined)]);
}

export const klaroFamilies = [
  exactFamily({ id: 'klaro.consent', vendor: 'klaro', category: 'necessary', lifetime: lifetime.unknown, names: ['klaro'], decode: decodeServices }),
];
