// OneTrust. Source: docs/facts/other-trackers.md section 2, after the commercetools
// cookie-consent README and OneTrust's knowledge base.
//
//   OptanonConsent   a query string: isGpcEnabled=0&datestamp=Wed+Feb+01+2023+12%3A35%3A32+GMT%2B0100+(Central+European+Standard+Time)
//                    &version=202209.1.0&consentId=7f3cf16d-…&interactionCount=1&landingPath=NotLandingPage
//                    &groups=C0001%3A1%2CC0002%3A0%2CC0003%3A1%2CC0004%3A1%2CC0005%3A1&geolocation=AT%3B9&AwaitingReconsent=false
//   OptanonAlertBoxClosed   2024-07-29T03:03:35.027Z   when the banner was closed
//
// `groups` lists `<groupId>:<0|1>`. The category flags follow OneTrust's default group ids:
//   C0002 Performance -> analytics, C0003 Functional -> functionality, C0004 Targeting -> advertisement.
// Sites can rename or renumber their groups, so each flag carries that assumption
// (`onetrust-default-groups`), shown with it and with every consent sentence built on it.
// C0001 (strictly necessary) cannot be declined and C0005 (social media) is none of the three, so
// neither sets a flag; ids a site added (e.g. IAB stacks) are listed but not mapped. `datestamp`
// is the browser's local Date.toString(), read through its numeric offset.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt, parseBooleanWord, parseInteger, stripSurroundingQuotes } from '../parse.ts';
import { YEAR_MS, countField, exactFamily, failed, flagField, idField, lifetime, listField, parseDateToString, parseIsoInstant, parseQueryString, textField, timeField, warning } from './util.ts';

const VENDOR = 'onetrust';

const CATEGORY_BY_GROUP: ReadonlyMap<string, 'analytics' | 'functionality' | 'advertisement'> = new Map([
  ['C0002', 'analytics'],
  ['C0003', 'functionality'],
  ['C0004', 'advertisement'],
]);

function decodeConsent(value: string, ctx: DecodeContext): DecodeOutcome {
  const entries = parseQueryString(stripSurroundingQuotes(value));
  const groups = entries.get('groups');
  const consentId = entries.get('consentId');
  const datestamp = entries.get('datestamp');
  if (groups === undefined && consentId === undefined && datestamp === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));

  const fields: Field[] = [];
  const warnings: Problem[] = [];
  if (groups !== undefined) {
    const accepted: string[] = [];
    const declined: string[] = [];
    const flags: Field[] = [];
    for (const entry of groups.split(',')) {
      const [group = '', state = ''] = entry.split(':');
      const choice = parseBooleanWord(state, ['1'], ['0']);
      if (group.length === 0 || !choice.ok) continue;
      (choice.value ? accepted : declined).push(group);
      const category = CATEGORY_BY_GROUP.get(group);
      if (category !== undefined && !flags.some((flag) => flag.key === category)) flags.push({ ...flagField(category, choice.value), assumption: 'onetrust-default-groups' });
    }
    fields.push(...flags, listField('groupsAccepted', accepted), listField('groupsDeclined', declined));
  }
  if (datestamp !== undefined) {
    const saved = parseDateToString(datestamp);
    if (saved === undefined) warnings.push(warning('not-timestamp', 'consentTime', excerpt(datestamp)));
    else fields.push(timeField('consentTime', saved, ctx, warnings));
  }
  if (consentId !== undefined && consentId.length > 0) fields.push(idField('consentId', consentId));
  const interactions = parseInteger(entries.get('interactionCount') ?? '');
  if (interactions.ok) fields.push(countField('bannerInteractions', interactions.value));
  const gpc = parseBooleanWord(entries.get('isGpcEnabled') ?? '', ['1'], ['0']);
  if (gpc.ok) fields.push(flagField('gpcEnabled', gpc.value));
  const reconsent = parseBooleanWord(entries.get('AwaitingReconsent') ?? '', ['true'], ['false']);
  if (reconsent.ok) fields.push(flagField('awaitingReconsent', reconsent.value));
  const geolocation = entries.get('geolocation');
  if (geolocation !== undefined && geolocation.length > 0) fields.push(textField('geolocation', geolocation));
  return ok(fields, warnings);
}

function decodeAlertBoxClosed(value: string, ctx: DecodeContext): DecodeOutcome {
  const closed = parseIsoInstant(value);
  if (closed === undefined) return failed(warning('not-timestamp', 'consentTime', excerpt(value)));
  const warnings: Problem[] = [];
  return ok([timeField('consentTime', closed, ctx, warnings)], warnings);
}

export const onetrustFamilies = [
  // Query-string parts are unescaped one by one, so an escaped `&` cannot split a part.
  exactFamily({ id: 'onetrust.consent', vendor: VENDOR, category: 'necessary', lifetime: lifetime.of(YEAR_MS), names: ['OptanonConsent'], raw: true, decode: decodeConsent }),
  exactFamily({ id: 'onetrust.alert-box-closed', vendor: VENDOR, category: 'necessary', lifetime: lifetime.of(YEAR_MS), names: ['OptanonAlertBoxClosed'], decode: decodeAlertBoxClosed }),
];
