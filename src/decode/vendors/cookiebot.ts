// Cookiebot (Usercentrics). Source: docs/facts/other-trackers.md section 2, after
// Cookiebot's developer documentation (the `consent.*` properties).
//
//   CookieConsent   a URL-encoded JavaScript object literal, not JSON (unquoted keys, single-quoted strings):
//   {stamp:'G+6rYDfrzwrZItFRfHCbe8iQIFLhMDCgjBS+/Oq/gZe0Lovh65ODgg==',necessary:true,preferences:false,
//    statistics:false,marketing:false,method:'explicit',ver:1,utc:1705162226478,region:'ae'}
//
// Category flags: statistics -> analytics, marketing -> advertisement, preferences -> functionality
// (necessary cannot be declined). `utc` is the time of consent in ms, `method` explicit or implied,
// `stamp` the consent id (`'-1'`, seen with implied consent, is no id). Salesforce Experience
// Cloud writes another cookie of the same name, so only a value starting with `{stamp:` is read.
// The literal is read by a small parser that accepts strings, numbers, booleans and null: it
// never evaluates anything.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import { YEAR_MS, exactFamily, failed, flagField, idField, lifetime, textField, timeField, timestampFromNumber, warning } from './util.ts';

type LiteralValue = string | number | boolean | null;

const KEY = /[A-Za-z_$][\w$]*/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const WORD = /true|false|null/y;

/** Reads `{key:value,…}` with flat values; undefined for anything else. */
export function parseFlatObjectLiteral(text: string): Map<string, LiteralValue> | undefined {
  const entries = new Map<string, LiteralValue>();
  let at = 0;
  const skipSpace = (): void => {
    while (at < text.length && /\s/.test(text.charAt(at))) at++;
  };
  const sticky = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    at = pattern.lastIndex;
    return match[0];
  };
  const quoted = (): string | undefined => {
    const quote = text.charAt(at);
    let value = '';
    for (at++; at < text.length; at++) {
      const char = text.charAt(at);
      if (char === quote) {
        at++;
        return value;
      }
      if (char === '\\') {
        at++;
        value += text.charAt(at);
      } else value += char;
    }
    return undefined; // unterminated
  };

  skipSpace();
  if (text.charAt(at) !== '{') return undefined;
  at++;
  for (;;) {
    skipSpace();
    if (text.charAt(at) === '}') break;
    const key = sticky(KEY);
    skipSpace();
    if (key === undefined || text.charAt(at) !== ':') return undefined;
    at++;
    skipSpace();
    const first = text.charAt(at);
    let value: LiteralValue;
    if (first === "'" || first === '"') {
      const string = quoted();
      if (string === undefined) return undefined;
      value = string;
    } else {
      const number = sticky(NUMBER);
      const word = number === undefined ? sticky(WORD) : undefined;
      if (number !== undefined) value = Number(number);
      else if (word !== undefined) value = word === 'null' ? null : word === 'true';
      else return undefined;
    }
    if (!entries.has(key)) entries.set(key, value);
    skipSpace();
    if (text.charAt(at) === ',') at++;
    else if (text.charAt(at) !== '}') return undefined;
  }
  at++;
  skipSpace();
  return at === text.length ? entries : undefined;
}

const FLAG_BY_CATEGORY: readonly (readonly [string, 'analytics' | 'advertisement' | 'functionality'])[] = [
  ['statistics', 'analytics'],
  ['marketing', 'advertisement'],
  ['preferences', 'functionality'],
];

function decodeConsent(value: string, ctx: DecodeContext): DecodeOutcome {
  if (!value.startsWith('{stamp:')) return failed(warning('unknown-format', undefined, 'not a Cookiebot value'));
  const entries = parseFlatObjectLiteral(value);
  if (entries === undefined) return failed(warning('unknown-format', undefined, excerpt(value)));
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  for (const [category, key] of FLAG_BY_CATEGORY) {
    const choice = entries.get(category);
    if (typeof choice === 'boolean') fields.push(flagField(key, choice));
  }
  const consentTime = timestampFromNumber(entries.get('utc'), 'ms');
  if (consentTime !== undefined) fields.push(timeField('consentTime', consentTime, ctx, warnings));
  const method = entries.get('method');
  if (typeof method === 'string' && method.length > 0) fields.push(textField('consentMethod', method));
  const stamp = entries.get('stamp');
  if (typeof stamp === 'string' && stamp.length > 0 && stamp !== '-1') fields.push(idField('consentId', stamp));
  const region = entries.get('region');
  if (typeof region === 'string' && region.length > 0) fields.push(textField('region', region));
  return ok(fields, warnings);
}

export const cookiebotFamilies = [
  exactFamily({ id: 'cookiebot.consent', vendor: 'cookiebot', category: 'necessary', lifetime: lifetime.of(YEAR_MS), names: ['CookieConsent'], decode: decodeConsent }),
];
