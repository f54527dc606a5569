// The command-line decoder covers every family with the same JSON shape
// (name, vendor, category, recognised, fields, problems), and attributes unknown names from the
// Open Cookie Database.
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { families } from '../../src/decode/registry.ts';
import { samplesOf } from './support/family-samples.ts';

async function decodeJson(header: string): Promise<unknown[]> {
  let out = '';
  const code = await runCli(['decode', '--json', '--url', 'https://www.example.com/', header], {
    stdout: (s) => { out += s; },
    stderr: () => undefined,
    readFile: () => Promise.reject(new Error('no files here')),
    now: () => Date.UTC(2026, 10, 29),
  });
  expect(code).toBe(0);
  const parsed: unknown = JSON.parse(out);
  const cookies: unknown = typeof parsed === 'object' && parsed !== null && 'cookies' in parsed ? parsed.cookies : undefined;
  expect(Array.isArray(cookies)).toBe(true);
  return Array.isArray(cookies) ? cookies : [];
}

describe('cookie-lens decode --json', () => {
  test.each(families.map((family) => ({ id: family.id, family, name: samplesOf(family)[0] ?? '' })))('$id', async ({ family, name }) => {
    const [entry] = await decodeJson(`${name}=x`);
    expect(Object.keys(entry as object).sort()).toEqual([
      'category', 'deleted', 'domain', 'expires', 'fields', 'host', 'hostOnly', 'httpOnly', 'name', 'partitioned', 'path', 'problems', 'recognised', 'sameSite', 'secure', 'source', 'value', 'vendor',
    ]);
    expect(entry).toMatchObject({ name, vendor: family.vendor, category: family.category, recognised: true });
  });

  test('documented values decode to their fields (GA, Meta, OneTrust)', async () => {
    // docs/facts/other-trackers.md formats: _ga = GA1.<depth>.<random>.<first visit s>; _fbp = fb.<n>.<ms>.<random>.
    const out = await decodeJson('_ga=GA1.1.804271633.1718000000; _fbp=fb.1.1718000000123.1406383152; OptanonConsent=groups=C0001%3A1%2CC0002%3A0');
    expect(out[0]).toMatchObject({ name: '_ga', vendor: 'google-analytics', fields: { clientId: '804271633.1718000000', firstVisit: '2024-06-10T06:13:20.000Z' } });
    expect(out[1]).toMatchObject({ name: '_fbp', vendor: 'meta', category: 'advertising' });
    expect(JSON.stringify(out[1])).toContain('2024-06-10T06:13:20.123Z');
    expect(out[2]).toMatchObject({ name: 'OptanonConsent', vendor: 'onetrust', fields: { analytics: false } });
  });

  test('a name without a decoder gets vendor and category from the Open Cookie Database, with no fields', async () => {
    const [known, unknown] = await decodeJson('PHPSESSID=abc; zz_nobody_knows_me=1');
    expect(known).toMatchObject({ name: 'PHPSESSID', recognised: true, fields: {}, problems: [] });
    expect((known as { vendor: unknown }).vendor).toEqual(expect.any(String));
    expect(unknown).toMatchObject({ name: 'zz_nobody_knows_me', vendor: null, category: null, recognised: false, fields: {}, problems: [] });
  });
});
