// The counts behind "is my choice holding?" (src/core/verification.ts), in storage.local under a
// key of their own (`cookieLensEvidence`, src/browser/storage-keys.ts), beside the settings root rather than in it: they change with
// every tracking request, and a write to the root rebuilds the rule index and re-enforces every
// open tab. Versioned like the root; pure; never throws.
//
// Evidence is not a setting: a piece that fails validation is dropped, not set aside. A value
// written by a newer Cookie Lens is not read and must not be overwritten.
//
// Version 2 added the per-vendor counts of blocked requests (`blocked`, `blockedCountingSince`);
// a version 1 value reads as version 2 with none counted. Adding version 3: add EvidenceV3 beside
// the frozen ones, a pure step from V2 in `readEvidence`, and test/fixtures/storage/evidence-v3.json,
// frozen from then on.
import { NO_EVIDENCE, type Evidence, type Verification } from '../core/verification.ts';
import { isRecord } from './validate-v1.ts';

export const CURRENT_EVIDENCE_VERSION = 2;

// ---- Version 1. Frozen. --------------------------------------------------------------------

export interface VerificationV1 {
  readonly since: number;
  readonly trackingRequests: number;
  readonly firstRequestAt?: number;
  readonly lastRequestAt?: number;
  readonly lastRequestHost?: string;
  readonly hstcRefreshedAt?: number;
  readonly hsscRefreshedAt?: number;
}

export interface EvidenceV1 {
  readonly version: 1;
  readonly countingSince: number;
  /** Keyed by `${storeId}|${site}`. */
  readonly sites: Readonly<Record<string, VerificationV1>>;
}

// ---- Version 2. Frozen. --------------------------------------------------------------------

export interface VerificationV2 extends VerificationV1 {
  /** Requests the blocking stopped, by vendor id. */
  readonly blocked?: Readonly<Record<string, number>>;
}

export interface EvidenceV2 {
  readonly version: 2;
  readonly countingSince: number;
  /** When blocked requests began to be counted; absent where they never were. */
  readonly blockedCountingSince?: number;
  readonly sites: Readonly<Record<string, VerificationV2>>;
}

/** Version 1 counted no blocked requests: the same counts, none blocked, never counted. */
export function evidenceV1ToV2(v1: EvidenceV1): EvidenceV2 {
  return { version: 2, countingSince: v1.countingSince, sites: v1.sites };
}

export type EvidenceRead =
  | { readonly ok: true; readonly evidence: Evidence }
  /** Written by a newer Cookie Lens: show nothing, write nothing. */
  | { readonly ok: false; readonly problem: 'newer-version' };

const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

function readVerificationV1(value: unknown): VerificationV1 | undefined {
  if (!isRecord(value) || !isTime(value['since']) || !isCount(value['trackingRequests'])) return undefined;
  const time = (name: string): Record<string, number> => {
    const x = value[name];
    return isTime(x) ? { [name]: x } : {};
  };
  const host = value['lastRequestHost'];
  return {
    since: value['since'],
    trackingRequests: value['trackingRequests'],
    ...time('firstRequestAt'),
    ...time('lastRequestAt'),
    ...(typeof host === 'string' && host.length <= 253 ? { lastRequestHost: host } : {}),
    ...time('hstcRefreshedAt'),
    ...time('hsscRefreshedAt'),
  };
}

function readEvidenceV1(root: Readonly<Record<string, unknown>>): EvidenceV1 | undefined {
  const since = root['countingSince'];
  if (!isTime(since)) return undefined;
  const sites = root['sites'];
  const kept: [string, VerificationV1][] = [];
  if (isRecord(sites)) {
    for (const [key, piece] of Object.entries(sites)) {
      const read = readVerificationV1(piece);
      if (read !== undefined && key.includes('|')) kept.push([key, read]);
    }
  }
  // fromEntries defines own properties, so a key such as `__proto__` cannot reach the prototype.
  return { version: 1, countingSince: since, sites: Object.fromEntries(kept) };
}

const VENDOR_ID = /^[a-z0-9-]{1,64}$/;

function readVerificationV2(value: unknown): VerificationV2 | undefined {
  const v1 = readVerificationV1(value);
  if (v1 === undefined || !isRecord(value)) return undefined;
  const raw = value['blocked'];
  if (!isRecord(raw)) return v1;
  const blocked: Record<string, number> = Object.fromEntries(
    Object.entries(raw).flatMap(([vendor, count]) => (VENDOR_ID.test(vendor) && isCount(count) ? [[vendor, count] as const] : [])),
  );
  return Object.keys(blocked).length === 0 ? v1 : { ...v1, blocked };
}

function readEvidenceV2(root: Readonly<Record<string, unknown>>): EvidenceV2 | undefined {
  const since = root['countingSince'];
  if (!isTime(since)) return undefined;
  const blockedSince = root['blockedCountingSince'];
  const sites = root['sites'];
  const kept: [string, VerificationV2][] = [];
  if (isRecord(sites)) {
    for (const [key, piece] of Object.entries(sites)) {
      const read = readVerificationV2(piece);
      if (read !== undefined && key.includes('|')) kept.push([key, read]);
    }
  }
  return { version: 2, countingSince: since, ...(isTime(blockedSince) ? { blockedCountingSince: blockedSince } : {}), sites: Object.fromEntries(kept) };
}

/**
 * Whatever is stored under EVIDENCE_KEY, as the current Evidence. Nothing stored, or something no
 * version wrote: nothing watched (and the background may start afresh over it).
 */
export function readEvidence(raw: unknown): EvidenceRead {
  if (!isRecord(raw)) return { ok: true, evidence: NO_EVIDENCE };
  const version = raw['version'];
  if (typeof version === 'number' && version > CURRENT_EVIDENCE_VERSION) return { ok: false, problem: 'newer-version' };
  let v2: EvidenceV2 | undefined;
  if (version === 1) {
    const v1 = readEvidenceV1(raw);
    v2 = v1 === undefined ? undefined : evidenceV1ToV2(v1);
  } else if (version === 2) {
    v2 = readEvidenceV2(raw);
  }
  if (v2 === undefined) return { ok: true, evidence: NO_EVIDENCE };
  const sites: Record<string, Verification> = v2.sites;
  return { ok: true, evidence: { countingSince: v2.countingSince, sites, ...(v2.blockedCountingSince === undefined ? {} : { blockedCountingSince: v2.blockedCountingSince }) } };
}

/** The evidence as stored. Only counts that have begun are stored. */
export function storedEvidence(evidence: Evidence & { readonly countingSince: number }): EvidenceV2 {
  return {
    version: CURRENT_EVIDENCE_VERSION,
    countingSince: evidence.countingSince,
    ...(evidence.blockedCountingSince === undefined ? {} : { blockedCountingSince: evidence.blockedCountingSince }),
    sites: evidence.sites,
  };
}

/** The evidence for display: a read that failed shows as nothing watched. */
export function evidenceOrNone(raw: unknown): Evidence {
  const read = readEvidence(raw);
  return read.ok ? read.evidence : NO_EVIDENCE;
}
