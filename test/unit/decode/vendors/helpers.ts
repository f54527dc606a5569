// Shared by the vendor decoder tests: find a family, decode with a context, read fields by key.
import { expect } from 'vitest';
import type { CookieFamily, DecodeContext, DecodeOutcome, Field, FieldValue, ProblemCode } from '../../../../src/decode/types.ts';
import { vendorFamilies } from '../../../../src/decode/vendors/index.ts';
import type { NamedDecodeContext } from '../../../../src/decode/vendors/util.ts';

/** 2025-10-01T00:00:00Z: after every example value in the docs. */
export const NOW = Date.UTC(2025, 9, 1);

export function family(id: string): CookieFamily {
  const found = vendorFamilies.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no family ${id}`);
  return found;
}

/** The one vendor family that claims `name`, failing the test when there is none or several. */
export function familyFor(name: string): CookieFamily {
  const matching = vendorFamilies.filter((candidate) => candidate.matches(name));
  expect(matching.map((candidate) => candidate.id), `families matching ${name}`).toHaveLength(1);
  const [only] = matching;
  if (only === undefined) throw new Error(`no family for ${name}`);
  return only;
}

export function context(overrides: Partial<NamedDecodeContext> = {}): NamedDecodeContext {
  return { now: NOW, host: 'www.example.com', ...overrides };
}

/** Decodes `value` as the cookie `name` would be, passing the name along in the context. */
export function decodeAs(name: string, value: string, overrides: Partial<NamedDecodeContext> = {}): DecodeOutcome {
  const ctx: NamedDecodeContext = context({ name, ...overrides });
  return familyFor(name).decode(value, ctx);
}

/** Fails the test unless the outcome is ok; returns its fields and warnings. */
export function decoded(outcome: DecodeOutcome): { readonly fields: readonly Field[]; readonly warnings: readonly { readonly code: ProblemCode; readonly field?: string }[] } {
  if (!outcome.ok) throw new Error(`expected a decoded value, got problem ${JSON.stringify(outcome.problem)}`);
  return outcome;
}

/** Field values by key, for `toEqual` / `toMatchObject` against hand-written expectations. */
export function valuesOf(outcome: DecodeOutcome): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of decoded(outcome).fields) values[field.key] = field.value;
  return values;
}

export function uncertainKeys(outcome: DecodeOutcome): string[] {
  return decoded(outcome)
    .fields.filter((field) => field.uncertain === true)
    .map((field) => field.key);
}

export function problemOf(outcome: DecodeOutcome): ProblemCode {
  if (outcome.ok) throw new Error(`expected a problem, got fields ${JSON.stringify(outcome.fields)}`);
  return outcome.problem.code;
}

export const text = (value: string): FieldValue => ({ kind: 'text', value });
export const id = (value: string): FieldValue => ({ kind: 'id', value });
export const instant = (epochMs: number): FieldValue => ({ kind: 'instant', epochMs });
export const count = (value: number): FieldValue => ({ kind: 'count', value });
export const flag = (value: boolean): FieldValue => ({ kind: 'flag', value });
export const domain = (value: string | null): FieldValue => ({ kind: 'domain', value });
export const list = (value: readonly string[]): FieldValue => ({ kind: 'list', value });

export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A context without the cookie name, as DecodeContext callers pass it today. */
export function plainContext(overrides: Partial<DecodeContext> = {}): DecodeContext {
  return { now: NOW, host: 'www.example.com', ...overrides };
}
