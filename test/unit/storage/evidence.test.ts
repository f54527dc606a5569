import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readEvidence, storedEvidence } from '../../../src/storage/evidence.ts';
import { NO_EVIDENCE } from '../../../src/core/verification.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/storage/${name}`, import.meta.url), 'utf8'));
}

describe('the holding counts in storage.local', () => {
  test('evidence-v1.json (frozen) is read as it is and written back unchanged', () => {
    const raw = fixture('evidence-v1.json');
    const read = readEvidence(raw);
    if (!read.ok) throw new Error(read.problem);
    expect(read.evidence.countingSince).toBe(1735689600000);
    expect(read.evidence.sites['0|hubdemo.test']).toEqual({
      since: 1735693200000,
      trackingRequests: 3,
      firstRequestAt: 1735696800000,
      lastRequestAt: 1735700400000,
      lastRequestHost: 'track-eu1.hubspot.com',
      hstcRefreshedAt: 1735700000000,
      hsscRefreshedAt: 1735700100000,
    });
    expect(read.evidence.sites['firefox-container-1|example.com']).toEqual({ since: 1735689600000, trackingRequests: 0 });
    expect(storedEvidence({ countingSince: 1735689600000, sites: read.evidence.sites })).toEqual(raw);
  });

  test('nothing stored, or something no version wrote, is nothing watched', () => {
    for (const raw of [undefined, null, 'text', [], {}, { version: 0, countingSince: 1, sites: {} }, { version: 1, sites: {} }, { version: 1, countingSince: -5, sites: {} }]) {
      expect(readEvidence(raw), JSON.stringify(raw)).toEqual({ ok: true, evidence: NO_EVIDENCE });
    }
  });

  test('counts written by a newer version are refused, so they are neither shown nor overwritten', () => {
    expect(readEvidence({ version: 2, countingSince: 1, sites: {} })).toEqual({ ok: false, problem: 'newer-version' });
  });

  test('malformed counts are dropped (they are only evidence); the valid ones are kept', () => {
    const read = readEvidence({
      version: 1,
      countingSince: 1000,
      sites: {
        '0|good.example': { since: 2000, trackingRequests: 1, lastRequestHost: 'track.hubspot.com', lastRequestAt: 'yesterday', extra: true },
        '0|negative.example': { since: 2000, trackingRequests: -1 },
        '0|fraction.example': { since: 2000, trackingRequests: 1.5 },
        'no-store-separator': { since: 2000, trackingRequests: 0 },
        '0|not-an-object.example': 7,
        '__proto__': { since: 2000, trackingRequests: 0 },
      },
    });
    if (!read.ok) throw new Error(read.problem);
    expect(read.evidence.sites).toEqual({ '0|good.example': { since: 2000, trackingRequests: 1, lastRequestHost: 'track.hubspot.com' } });
    expect(Object.getPrototypeOf(read.evidence.sites)).toBe(Object.prototype);
  });
});
