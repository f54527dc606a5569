import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readEvidence, storedEvidence } from '../../../src/storage/evidence.ts';
import { NO_EVIDENCE } from '../../../src/core/verification.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/storage/${name}`, import.meta.url), 'utf8'));
}

describe('the holding counts in storage.local', () => {
  test('evidence-v1.json (frozen) is read with no blocked requests counted and written back as version 2 with the same counts', () => {
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
    expect(read.evidence.blockedCountingSince).toBeUndefined();
    expect(storedEvidence({ ...read.evidence, countingSince: 1735689600000 }))
      .toEqual({ ...(raw as Record<string, unknown>), version: 2 });
  });

  test('evidence-v2.json (frozen) is read as it is, blocked counts included, and written back unchanged', () => {
    const raw = fixture('evidence-v2.json');
    const read = readEvidence(raw);
    if (!read.ok) throw new Error(read.problem);
    expect(read.evidence.blockedCountingSince).toBe(1767225600000);
    expect(read.evidence.sites['0|gameta.test']).toEqual({ since: 1767229200000, trackingRequests: 0, blocked: { 'google-analytics': 4, meta: 2 } });
    expect(read.evidence.sites['0|hubdemo.test']?.blocked).toBeUndefined();
    expect(storedEvidence({ ...read.evidence, countingSince: 1735689600000 })).toEqual(raw);
  });

  test('malformed blocked counts are dropped, the rest of the site kept; a malformed start of blocked counting is no start', () => {
    const read = readEvidence({
      version: 2,
      countingSince: 1000,
      blockedCountingSince: 'today',
      sites: { '0|a.example': { since: 2000, trackingRequests: 0, blocked: { meta: 2, 'Bad Id': 1, matomo: -1, hotjar: 1.5, __proto__: 3 } } },
    });
    if (!read.ok) throw new Error(read.problem);
    expect(read.evidence.blockedCountingSince).toBeUndefined();
    expect(read.evidence.sites['0|a.example']).toEqual({ since: 2000, trackingRequests: 0, blocked: { meta: 2 } });
  });

  test('nothing stored, or something no version wrote, is nothing watched', () => {
    for (const raw of [undefined, null, 'text', [], {}, { version: 0, countingSince: 1, sites: {} }, { version: 1, sites: {} }, { version: 1, countingSince: -5, sites: {} }]) {
      expect(readEvidence(raw), JSON.stringify(raw)).toEqual({ ok: true, evidence: NO_EVIDENCE });
    }
  });

  test('counts written by a newer version are refused, so they are neither shown nor overwritten', () => {
    expect(readEvidence({ version: 3, countingSince: 1, sites: {} })).toEqual({ ok: false, problem: 'newer-version' });
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
