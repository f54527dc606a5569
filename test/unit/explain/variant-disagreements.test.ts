// Two variants of one cookie with different visitor ids (or first visits): the summary says so,
// telling the variants apart by scope.
import { describe, expect, test } from 'vitest';
import { variantDisagreements } from '../../../src/explain/variant-disagreements.ts';
import { buildSiteReport } from '../../../src/explain/report.ts';
import { lookupNameFacts } from '../../../src/explain/name-facts.ts';
import { siteFromUrl } from '../../../src/core/site.ts';
import type { CookieRecord } from '../../../src/model/cookie.ts';

const parsed = siteFromUrl('https://www.hubdemo.test/');
if (!parsed.ok) throw new Error('demo site');
const site = parsed.site;
const NOW = Date.UTC(2024, 9, 15);
const ID_A = '5d1c7e9a3b2f4e608a1b2c3d4e5f6a7b';
const ID_B = 'e8f7a6b5c4d34e2f9a0b1c2d3e4f5a6b';
const T1 = 1718000000000;
const T2 = 1719000000000;
const hstc = (id: string, first: number): string => `200321585.${id}.${first}.${first}.${first}.1`;

function cookie(name: string, value: string, extra: Partial<CookieRecord> = {}): CookieRecord {
  return { name, value, domain: '.hubdemo.test', hostOnly: false, path: '/', secure: false, httpOnly: false, sameSite: 'lax', storeId: '0', ...extra };
}
const hostOnly = { domain: 'www.hubdemo.test', hostOnly: true };
const report = (cookies: CookieRecord[]) => buildSiteReport(cookies, site, NOW, lookupNameFacts).views;

describe('variantDisagreements', () => {
  test('two __hstc variants with different visitor ids: one finding, the Domain variant first, told apart by scope', () => {
    const found = variantDisagreements(report([cookie('__hstc', hstc(ID_B, T2), hostOnly), cookie('__hstc', hstc(ID_A, T1))]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: '__hstc', vendor: 'hubspot', field: 'visitorId', distinct: 2 });
    expect(found[0]?.variants.map((v) => [v.scope, v.domain, v.path, v.value])).toEqual([
      ['domain', '.hubdemo.test', '/', { kind: 'id', value: ID_A }],
      ['host-only', 'www.hubdemo.test', '/', { kind: 'id', value: ID_B }],
    ]);
  });

  test('the same visitor id with different first visits is reported as first visits', () => {
    const found = variantDisagreements(report([cookie('__hstc', hstc(ID_A, T1)), cookie('__hstc', hstc(ID_A, T2), { path: '/shop' })]));
    expect(found.map((d) => [d.field, d.variants.map((v) => [v.path, v.value])])).toEqual([
      ['firstVisit', [['/', { kind: 'instant', epochMs: T1 }], ['/shop', { kind: 'instant', epochMs: T2 }]]],
    ]);
  });

  test('variants that agree, a single cookie, a variant whose id is no hex id, undecodable ones and ids in another case say nothing', () => {
    expect(variantDisagreements(report([cookie('__hstc', hstc(ID_A, T1)), cookie('__hstc', hstc(ID_A, T1), hostOnly)]))).toEqual([]);
    expect(variantDisagreements(report([cookie('__hstc', hstc(ID_A, T1))]))).toEqual([]);
    expect(variantDisagreements(report([cookie('__hstc', hstc(ID_A, T1)), cookie('__hstc', 'garbage', hostOnly)]))).toEqual([]);
    expect(variantDisagreements(report([cookie('__hstc', hstc(ID_A, T1)), cookie('__hstc', '', hostOnly)]))).toEqual([]);
    expect(variantDisagreements(report([cookie('__hstc', hstc(ID_A, T1)), cookie('__hstc', hstc(ID_A.toUpperCase(), T1), hostOnly)]))).toEqual([]);
  });

  test('a partitioned variant is named by the site it is kept under; three ids count three', () => {
    const ID_C = '0123456789abcdef0123456789abcdef';
    const found = variantDisagreements(report([
      cookie('__hstc', hstc(ID_A, T1)),
      cookie('__hstc', hstc(ID_B, T1), hostOnly),
      cookie('__hstc', hstc(ID_C, T1), { ...hostOnly, secure: true, partitionKey: { topLevelSite: 'https://hubdemo.test' } }),
    ]));
    expect(found[0]?.distinct).toBe(3);
    expect(found[0]?.variants.map((v) => v.partitionSite)).toEqual([undefined, undefined, 'https://hubdemo.test']);
  });

  test('other families with visitor ids are compared too (Google Analytics _ga has none: its client id is not a visitorId field)', () => {
    const names = variantDisagreements(report([cookie('hubspotutk', ID_A.replace(/-/g, '')), cookie('hubspotutk', ID_B, hostOnly)])).map((d) => d.name);
    expect(names).toEqual(['hubspotutk']);
  });
});
