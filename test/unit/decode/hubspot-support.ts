// Shared by the hubspot*.test.ts files: look families up the way the extension does.
import { expect } from 'vitest';
import { findFamily } from '../../../src/decode/registry.ts';
import { hubspotFamilies } from '../../../src/decode/hubspot/index.ts';
import type { CookieFamily, DecodeContext, DecodeOutcome } from '../../../src/decode/types.ts';

/** 2025-01-01T00:00:00Z */
export const NOW = 1_735_689_600_000;
export const CTX: DecodeContext = { now: NOW, host: 'www.example.com' };

export function family(id: string): CookieFamily {
  const found = hubspotFamilies.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no family ${id}`);
  return found;
}

/** Decodes through the registry, as the popup and the CLI do, and checks the name's family. */
export function decodeCookie(name: string, value: string, ctx: DecodeContext = CTX): DecodeOutcome {
  const found = findFamily(name);
  expect(found, `a family for ${name}`).toBeDefined();
  return found === undefined ? { ok: false, problem: { code: 'unknown-format' } } : found.decode(value, ctx);
}

export function siblings(entries: Record<string, string>): ReadonlyMap<string, string> {
  return new Map(Object.entries(entries));
}
