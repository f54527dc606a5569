// "Last written": the browser keeps no write time, so Cookie Lens orders by the write it saw
// itself, else by the latest past time the decoded value carries (a lower bound), else "not known".
import { describe, expect, test } from 'vitest';
import { lastWritten, valueWriteTime } from '../../../src/explain/last-written.ts';
import { arrangeRows } from '../../../src/explain/arrange.ts';
import { buildSiteReport, type CookieView } from '../../../src/explain/report.ts';
import { lookupNameFacts } from '../../../src/explain/name-facts.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { DecodeOutcome } from '../../../src/decode/types.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';

const parsed = siteFromUrl('https://www.example.com/');
if (!parsed.ok) throw new Error('example site');
const NOW = Date.UTC(2024, 9, 15, 12, 0, 0);
// Times written into the values below (and nowhere else).
const HSTC_FIRST = Date.UTC(2024, 8, 1, 9, 0, 0);
const HSTC_CURRENT = Date.UTC(2024, 9, 14, 8, 30, 0);
const GA_FIRST_S = Date.UTC(2024, 5, 1, 10, 0, 0) / 1000;
const GA4_START_S = Date.UTC(2024, 9, 15, 11, 0, 0) / 1000;
const GA4_LAST_HIT_S = Date.UTC(2024, 9, 15, 11, 20, 0) / 1000;

function cookie(name: string, value = 'x'): CookieRecord {
  return { name, value, domain: '.example.com', hostOnly: false, path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0' };
}

const views = buildSiteReport([
  cookie('zz_own_pref'),
  cookie('__hstc', `1.0a1b2c3d4e5f40718293a4b5c6d7e8f9.${HSTC_FIRST}.${HSTC_FIRST}.${HSTC_CURRENT}.2`),
  cookie('_ga', `GA1.1.123456789.${GA_FIRST_S}`),
  cookie('aa_own_pref'),
  cookie('_ga_B2', `GS2.1.s${GA4_START_S}$o3$g1$t${GA4_LAST_HIT_S}$j60$l0$h0`),
  cookie('mm_seen'),
], parsed.site, NOW, lookupNameFacts).views;

function view(name: string): CookieView {
  const found = views.find((v) => v.cookie.name === name);
  if (found === undefined) throw new Error(name);
  return found;
}

describe('valueWriteTime', () => {
  test('the latest past time a decoded value carries, and which field it is', () => {
    expect(valueWriteTime(view('__hstc').outcome, NOW)).toEqual({ at: HSTC_CURRENT, field: 'currentVisit' });
    expect(valueWriteTime(view('_ga').outcome, NOW)).toEqual({ at: GA_FIRST_S * 1000, field: 'firstVisit' });
    expect(valueWriteTime(view('_ga_B2').outcome, NOW)?.at).toBe(GA4_LAST_HIT_S * 1000);
  });

  test('nothing for unknown names, failed decodes, future times, uncertain fields and stored expiries', () => {
    expect(valueWriteTime(view('zz_own_pref').outcome, NOW)).toBeNull();
    expect(valueWriteTime({ ok: false, problem: { code: 'empty' } }, NOW)).toBeNull();
    const only = (key: string, epochMs: number, uncertain = false): DecodeOutcome => ({ ok: true, warnings: [], fields: [{ key, value: { kind: 'instant', epochMs }, ...(uncertain ? { uncertain } : {}) }] });
    expect(valueWriteTime(only('created', NOW + 60_000), NOW)).toBeNull();
    expect(valueWriteTime(only('created', NOW - 60_000, true), NOW)).toBeNull();
    expect(valueWriteTime(only('storedExpiry', NOW - 60_000), NOW)).toBeNull();
    expect(valueWriteTime(only('created', NOW - 60_000), NOW)).toEqual({ at: NOW - 60_000, field: 'created' });
  });
});

describe('lastWritten', () => {
  test('a write Cookie Lens saw wins over the value\'s own time; neither is "unknown"', () => {
    expect(lastWritten(NOW - 5, view('__hstc').outcome, NOW)).toEqual({ kind: 'seen', at: NOW - 5 });
    expect(lastWritten(undefined, view('__hstc').outcome, NOW)).toEqual({ kind: 'value', at: HSTC_CURRENT, field: 'currentVisit' });
    expect(lastWritten(undefined, view('aa_own_pref').outcome, NOW)).toEqual({ kind: 'unknown' });
  });
});

describe('arrangeRows by last write', () => {
  const seen = new Map([['mm_seen', NOW - 1000], ['_ga', NOW - 2000]]);
  const writtenOf = (v: CookieView) => lastWritten(seen.get(v.cookie.name), v.outcome, NOW);

  test('seen writes newest first, then the values\' times newest first, then the unknown by name', () => {
    const groups = arrangeRows(views, 'written', (vendor) => vendor, writtenOf);
    expect(groups.map((g) => g.key)).toEqual(['written:seen', 'written:value', 'written:unknown']);
    expect(groups.map((g) => g.views.map((v) => v.cookie.name))).toEqual([
      ['mm_seen', '_ga'],
      ['_ga_B2', '__hstc'],
      ['aa_own_pref', 'zz_own_pref'],
    ]);
  });

  test('without any seen write (the toolbar popup) the values\' times still order the rows', () => {
    const groups = arrangeRows(views, 'written', (vendor) => vendor, (v) => lastWritten(undefined, v.outcome, NOW));
    expect(groups.map((g) => g.views.map((v) => v.cookie.name))).toEqual([
      ['_ga_B2', '__hstc', '_ga'],
      ['aa_own_pref', 'mm_seen', 'zz_own_pref'],
    ]);
  });
});
