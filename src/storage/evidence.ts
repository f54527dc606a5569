// The counts behind "is my choice holding?" (src/core/verification.ts), in storage.local under a
// key of their own (`cookieLensEvidence`, src/browser/storage-keys.ts), beside the settings root rather than in it: they change with
// every tracking request, and a write to the root rebuilds the rule index and re-enforces every
// open tab. Versioned like the root; pure; never throws.
//
// Evidence is not a setting: a piece that fails validation is dropped, not set aside. A value
// written by a newer Cookie Lens is not read and must not be overwritten.
//
// Adding version 2: add EvidenceV2 beside EvidenceV1 (frozen), a pure step from V1 in
// `readEvidence`, and test/fixtures/storage/evidence-v2.json, frozen from then on.
import { NO_EVIDENCE, type Evidence, type Verification } from '../core/verification.ts';
import { isRecord } from './validate-v1.ts';

export const CURRENT_EVIDENCE_VERSION = 1;

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

/**
 * Whatever is stored under EVIDENCE_KEY, as the current Evidence. Nothing stored, or something no
 * version wrote: nothing watched (and the background may start afresh over it).
 */
export function readEvidence(raw: unknown): EvidenceRead {
  if (!isRecord(raw)) return { ok: true, evidence: NO_EVIDENCE };
  const version = raw['version'];
  if (typeof version === 'number' && version > CURRENT_EVIDENCE_VERSION) return { ok: false, problem: 'newer-version' };
  if (version !== 1) return { ok: true, evidence: NO_EVIDENCE };
  const v1 = readEvidenceV1(raw);
  if (v1 === undefined) return { ok: true, evidence: NO_EVIDENCE };
  const sites: Record<string, Verification> = v1.sites;
  return { ok: true, evidence: { countingSince: v1.countingSince, sites } };
}

/** The evidence as stored. Only counts that have begun are stored. */
export function storedEvidence(evidence: Evidence & { readonly countingSince: number }): EvidenceV1 {
  return { version: CURRENT_EVIDENCE_VERSION, countingSince: evidence.countingSince, sites: evidence.sites };
}

/** The evidence for display: a read that failed shows as nothing watched. */
export function evidenceOrNone(raw: unknown): Evidence {
  const read = readEvidence(raw);
  return read.ok ? read.evidence : NO_EVIDENCE;
}
