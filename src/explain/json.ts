// The JSON form of a decoded cookie, shared by the command-line decoder and anything else that
// exports decoded cookies. Field keys are the families' field keys: a public contract.
import type { Category, DecodeContext, DecodeOutcome, Field, FieldAssumption, Problem, ProblemCode } from '../decode/types.ts';
import { decodeLoaded, findFamily } from '../decode/registry.ts';
import type { CookieFamily } from '../decode/types.ts';
import { messageKeyPart } from '../i18n/messages.ts';
import { attributeCookie } from './attribution.ts';
import type { Translator } from '../i18n/messages.ts';
import type { ConsentCategory, Contradiction, LastWrite } from '../core/consent-check.ts';

export type JsonFieldValue = string | number | boolean | string[] | null;

export interface CookieJsonProblem {
  code: ProblemCode;
  field?: string;
  detail?: string;
  /** The problem code in words, in the translator's language. */
  message: string;
}

export interface CookieJson {
  name: string;
  /** Vendor id (`hubspot`), not its display name, so the JSON stays the same in every language. */
  vendor: string | null;
  category: Category | null;
  recognised: boolean;
  fields: Record<string, JsonFieldValue>;
  /** The failure when the value could not be decoded, otherwise the warnings; empty when all is well. */
  problems: CookieJsonProblem[];
}

/** Vendor and category for a cookie name no family decodes (e.g. from the Open Cookie Database). */
export type NameFactsLookup = (name: string) => { vendor: string; category: Category } | undefined;

/** ISO 8601 in UTC, or null for an instant a Date cannot hold (toISOString would throw). */
export function instantToIso(epochMs: number): string | null {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

interface ConvertedFields {
  readonly json: Record<string, JsonFieldValue>;
  /** Instants that could not be written as dates; their JSON value is null. */
  readonly problems: readonly Problem[];
}

function convertFields(fields: readonly Field[]): ConvertedFields {
  const json: Record<string, JsonFieldValue> = {};
  const problems: Problem[] = [];
  for (const { key, value } of fields) {
    switch (value.kind) {
      case 'text':
      case 'id':
      case 'domain':
      case 'count':
      case 'flag':
        json[key] = value.value;
        break;
      case 'duration':
        json[key] = value.ms;
        break;
      case 'list':
        json[key] = [...value.value];
        break;
      case 'instant': {
        const iso = instantToIso(value.epochMs);
        json[key] = iso;
        if (iso === null) problems.push({ code: 'not-timestamp', field: key, detail: `${value.epochMs} is outside the range of dates` });
        break;
      }
    }
  }
  return { json, problems };
}

/**
 * Fields as JSON values: instants as ISO 8601 UTC strings (null when out of range), counts and
 * durations (ms) as numbers, flags as booleans, domains as a string or null, lists as arrays.
 */
export function fieldsToJson(fields: readonly Field[]): Record<string, JsonFieldValue> {
  return convertFields(fields).json;
}

export function problemToJson(problem: Problem, translate: Translator): CookieJsonProblem {
  const message = translate.dynamic(`problem_${messageKeyPart(problem.code)}`) ?? problem.code;
  const json: CookieJsonProblem = { code: problem.code, message };
  if (problem.field !== undefined) json.field = problem.field;
  if (problem.detail !== undefined) json.detail = problem.detail;
  return json;
}

/** What Cookie Lens could make of one cookie: its family and outcome, or nothing for an unknown name. */
export type DecodedCookie = { readonly family: CookieFamily; readonly outcome: DecodeOutcome } | undefined;

/**
 * Finds the cookie's family and runs its decoder, loading it first when the family is backed by
 * a heavy library. Never rejects: a failed load becomes the `decoder-not-loaded` problem.
 */
export async function decodeCookie(name: string, value: string, ctx: DecodeContext): Promise<DecodedCookie> {
  const family = findFamily(name);
  if (family === undefined) return undefined;
  return { family, outcome: await decodeLoaded(family, value, { ...ctx, name }) };
}

/**
 * The JSON description of an already decoded cookie. `lookupNameFacts` is the one place for
 * knowledge about names Cookie Lens does not decode: when it knows the name, vendor and category
 * are filled in and `recognised` is true, with no fields.
 */
export function decodedToJson(name: string, decoded: DecodedCookie, translate: Translator, lookupNameFacts?: NameFactsLookup): CookieJson {
  const who = attributeCookie(decoded?.family, () => lookupNameFacts?.(name));
  if (who.by !== 'decoder' || decoded === undefined) {
    const facts = who.by === 'database' ? who.facts : undefined;
    return { name, vendor: facts?.vendor ?? null, category: facts?.category ?? null, recognised: facts !== undefined, fields: {}, problems: [] };
  }
  const { family, outcome } = decoded;
  const base = { name, vendor: family.vendor, category: family.category, recognised: true };
  if (!outcome.ok) return { ...base, fields: {}, problems: [problemToJson(outcome.problem, translate)] };
  const converted = convertFields(outcome.fields);
  const problems = [...outcome.warnings, ...converted.problems].map((problem) => problemToJson(problem, translate));
  return { ...base, fields: converted.json, problems };
}

/**
 * Decodes one cookie and describes it as JSON. Never rejects for a bad value: undecodable values
 * come back with `fields: {}` and the reason in `problems`. See decodedToJson for `lookupNameFacts`.
 */
export async function cookieToJson(
  name: string,
  value: string,
  ctx: DecodeContext,
  translate: Translator,
  lookupNameFacts?: NameFactsLookup,
): Promise<CookieJson> {
  return decodedToJson(name, await decodeCookie(name, value, ctx), translate, lookupNameFacts);
}

/**
 * A consent-against-reality finding as JSON (see core/consent-check.ts): `cookie` is present
 * although `consentCookie` (written by `manager`) declines its `category`. Times are ISO 8601 UTC
 * or null; `lastWriteBasis` says whether `lastWrite` was read from the value (`decoded`) or
 * estimated from the expiry and the documented lifetime (`expiry`).
 */
export interface ContradictionJson {
  consentCookie: string;
  manager: string;
  category: ConsentCategory;
  declinedAt: string | null;
  cookie: string;
  vendor: string;
  lastWrite: string | null;
  lastWriteBasis: LastWrite['basis'] | null;
  /** The category holds only under this assumption (OneTrust's default group ids), or null. */
  assumption: FieldAssumption | null;
}

export function contradictionToJson(contradiction: Contradiction): ContradictionJson {
  return {
    consentCookie: contradiction.consentCookie,
    manager: contradiction.manager,
    category: contradiction.category,
    declinedAt: contradiction.declinedAt === undefined ? null : instantToIso(contradiction.declinedAt),
    cookie: contradiction.cookie,
    vendor: contradiction.vendor,
    lastWrite: contradiction.lastWrite === undefined ? null : instantToIso(contradiction.lastWrite.epochMs),
    lastWriteBasis: contradiction.lastWrite?.basis ?? null,
    assumption: contradiction.assumption ?? null,
  };
}
