// Guards for the pieces of a version 1 store (also the rules of a version 1 rules file).
// Stored data is untrusted: it may be corrupt, hand-edited, or written by a buggy build.
// Each reader returns a fresh object with only the known fields, or says what is wrong.
import type { CookieRecordV1, PartitionKeyV1, SetAsideEntry, SetAsideReason, SiteRuleV1, UndoSnapshotV1 } from './schema.ts';

export type Read<T> = { ok: true; value: T } | { ok: false; detail: string };

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Array.isArray would type the items as `any`; this keeps them `unknown`. */
export function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

// Host name characters browsers accept: lower-case letters, digits, `-`, `_`, and non-ASCII
// (tab URLs carry punycode, but nothing is lost if one does not).
const LABEL = /^[a-z0-9_\u0080-\uffff-]{1,63}$/;
const BRACKETED_IPV6 = /^\[[0-9a-f:.]+\]$/;

/**
 * A site key as siteFromUrl produces it: a lower-case host name or a bracketed IPv6 address.
 * Checked by syntax only, not against the Public Suffix List, so a list update never sets a
 * stored rule aside; it keeps out URLs, upper case, empty labels and stray punctuation.
 */
export function isSiteKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253) return false;
  // A valid single-label host, but as a key of a plain object it would reach the prototype.
  if (value === '__proto__') return false;
  if (BRACKETED_IPV6.test(value)) return true;
  return value.split('.').every((label) => LABEL.test(label));
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const OPT_OUT_LEVELS_V1: ReadonlySet<unknown> = new Set(['off', 'cookies', 'block']);
const SAME_SITE_V1: ReadonlySet<unknown> = new Set(['no_restriction', 'lax', 'strict', 'unspecified']);

function isOptOutLevelV1(value: unknown): value is SiteRuleV1['optOut'] {
  return OPT_OUT_LEVELS_V1.has(value);
}

function isSameSiteV1(value: unknown): value is CookieRecordV1['sameSite'] {
  return SAME_SITE_V1.has(value);
}

export function readRuleV1(value: unknown): Read<SiteRuleV1> {
  if (!isRecord(value)) return { ok: false, detail: 'a rule must be an object' };
  const { site, doNotTrack, optOut, since, managed } = value;
  if (!isSiteKey(site)) return { ok: false, detail: '"site" must be a lower-case host name' };
  if (typeof doNotTrack !== 'boolean') return { ok: false, detail: '"doNotTrack" must be true or false' };
  if (!isOptOutLevelV1(optOut)) return { ok: false, detail: '"optOut" must be "off", "cookies" or "block"' };
  if (!isFiniteNumber(since) || since < 0) return { ok: false, detail: '"since" must be a time in milliseconds' };
  if (managed !== undefined && typeof managed !== 'boolean') return { ok: false, detail: '"managed" must be true or false' };
  return { ok: true, value: { site, doNotTrack, optOut, since, ...(managed === undefined ? {} : { managed }) } };
}

function readPartitionKeyV1(value: unknown): PartitionKeyV1 | null {
  if (!isRecord(value)) return null;
  const { topLevelSite, hasCrossSiteAncestor } = value;
  if (typeof topLevelSite !== 'string') return null;
  if (hasCrossSiteAncestor === undefined) return { topLevelSite };
  return typeof hasCrossSiteAncestor === 'boolean' ? { topLevelSite, hasCrossSiteAncestor } : null;
}

export function readCookieV1(value: unknown): Read<CookieRecordV1> {
  if (!isRecord(value)) return { ok: false, detail: 'a cookie must be an object' };
  const { name, domain, hostOnly, path, secure, httpOnly, sameSite, expirationDate, storeId, partitionKey, firstPartyDomain } = value;
  const cookieValue = value['value'];
  if (typeof name !== 'string' || typeof cookieValue !== 'string') return { ok: false, detail: 'cookie name and value must be text' };
  if (typeof domain !== 'string' || domain === '' || typeof path !== 'string' || typeof storeId !== 'string') {
    return { ok: false, detail: 'cookie domain, path and store must be text' };
  }
  if (typeof hostOnly !== 'boolean' || typeof secure !== 'boolean' || typeof httpOnly !== 'boolean') {
    return { ok: false, detail: 'cookie hostOnly, secure and httpOnly must be true or false' };
  }
  if (!isSameSiteV1(sameSite)) return { ok: false, detail: 'cookie sameSite is not a known value' };
  if (expirationDate !== undefined && !isFiniteNumber(expirationDate)) return { ok: false, detail: 'cookie expirationDate must be a number' };
  if (firstPartyDomain !== undefined && typeof firstPartyDomain !== 'string') return { ok: false, detail: 'cookie firstPartyDomain must be text' };
  const key = partitionKey === undefined ? undefined : readPartitionKeyV1(partitionKey);
  if (key === null) return { ok: false, detail: 'cookie partitionKey is malformed' };
  return {
    ok: true,
    value: {
      name,
      value: cookieValue,
      domain,
      hostOnly,
      path,
      secure,
      httpOnly,
      sameSite,
      storeId,
      ...(expirationDate === undefined ? {} : { expirationDate }),
      ...(key === undefined ? {} : { partitionKey: key }),
      ...(firstPartyDomain === undefined ? {} : { firstPartyDomain }),
    },
  };
}

/** A snapshot is all or nothing: restoring part of one would not give the old identity back. */
export function readSnapshotV1(value: unknown): Read<UndoSnapshotV1> {
  if (!isRecord(value)) return { ok: false, detail: 'a snapshot must be an object' };
  const { site, storeId, takenAt, cookies, id } = value;
  if (!isSiteKey(site)) return { ok: false, detail: '"site" must be a lower-case host name' };
  if (typeof storeId !== 'string' || typeof id !== 'string') return { ok: false, detail: '"storeId" and "id" must be text' };
  if (!isFiniteNumber(takenAt)) return { ok: false, detail: '"takenAt" must be a time in milliseconds' };
  if (!isList(cookies)) return { ok: false, detail: '"cookies" must be a list' };
  const read: CookieRecordV1[] = [];
  for (const [index, item] of cookies.entries()) {
    const cookie = readCookieV1(item);
    if (!cookie.ok) return { ok: false, detail: `cookie ${index}: ${cookie.detail}` };
    read.push(cookie.value);
  }
  return { ok: true, value: { site, storeId, takenAt, cookies: read, id } };
}

const SET_ASIDE_REASONS: ReadonlySet<unknown> = new Set<SetAsideReason>([
  'wrong-type',
  'unknown-field',
  'invalid-rule',
  'key-mismatch',
  'invalid-snapshot',
  'invalid-entry',
  'unreadable-root',
]);

function isSetAsideReason(value: unknown): value is SetAsideReason {
  return SET_ASIDE_REASONS.has(value);
}

export function readSetAsideEntry(value: unknown): Read<SetAsideEntry> {
  if (!isRecord(value)) return { ok: false, detail: 'an entry must be an object' };
  const { raw, from, reason, detail } = value;
  if (typeof raw !== 'string' || typeof from !== 'string' || typeof detail !== 'string' || !isSetAsideReason(reason)) {
    return { ok: false, detail: 'an entry needs text "raw", "from", "detail" and a known "reason"' };
  }
  return { ok: true, value: { raw, from, reason, detail } };
}

/** JSON text of an untrusted value, for the set-aside list. Never throws (cycles, BigInt). */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `[${typeof value} that cannot be written as JSON]`;
  }
}
