// Every cookie family Cookie Lens decodes, and the one lookup from a cookie name to its family.
import type { CookieFamily, DecodeContext, DecodeOutcome } from './types.ts';
import { hubspotFamilies } from './hubspot/index.ts';
import { vendorFamilies } from './vendors/index.ts';

export const families: readonly CookieFamily[] = [...hubspotFamilies, ...vendorFamilies];

// Most names are exact; a Map answers those in one probe, the pattern families are tried after.
const byExactName = new Map<string, CookieFamily>();
const patternFamilies: CookieFamily[] = [];
for (const family of families) {
  if (family.names === undefined) patternFamilies.push(family);
  else for (const name of family.names) byExactName.set(name, family);
}

export function findFamily(name: string): CookieFamily | undefined {
  const exact = byExactName.get(name);
  if (exact !== undefined) return exact;
  for (const family of patternFamilies) if (family.matches(name)) return family;
  return undefined;
}

/**
 * Decodes one cookie value with its family's decoder. A decoder that throws is a bug in
 * Cookie Lens, but the visitor still gets the raw value and a stated problem, never a crash.
 */
export function runDecoder(
  decode: (value: string, ctx: DecodeContext) => DecodeOutcome,
  value: string,
  ctx: DecodeContext,
): DecodeOutcome {
  try {
    return decode(value, ctx);
  } catch (error) {
    return { ok: false, problem: { code: 'library-error', detail: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * Decodes with a family's own decoder, loading it first when it lives in a large library
 * (`family.load`). A library that fails to load is a stated problem, like any other.
 */
export async function decodeLoaded(family: CookieFamily, value: string, ctx: DecodeContext): Promise<DecodeOutcome> {
  if (family.load === undefined) return runDecoder(family.decode, value, ctx);
  let decode: (value: string, ctx: DecodeContext) => DecodeOutcome;
  try {
    decode = await family.load();
  } catch (error) {
    return { ok: false, problem: { code: 'decoder-not-loaded', detail: error instanceof Error ? error.message : String(error) } };
  }
  return runDecoder(decode, value, ctx);
}
