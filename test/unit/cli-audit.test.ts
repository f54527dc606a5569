// `cookie-lens decode` on the new inputs: HAR cookies arrays, deletions, sanitised and empty HARs,
// consent contradictions, and many HAR files or a directory (one summary per site).
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runInProcess } from './support/cli-run.ts';
import { runCli } from '../../src/cli/main.ts';
import { contradictionsOf, decodeReports } from '../../src/cli/audit.ts';
import type { HarCookie } from '../../src/cli/har.ts';
import type { NameFactsLookup } from '../../src/explain/json.ts';

/** 2025-01-01T00:00:00Z */
const NOW = 1_735_689_600_000;
const run = (...argv: string[]) => runInProcess(argv, NOW);
const VISITOR = '0a1b2c3d4e5f40718293a4b5c6d7e8f9';
const HSTC = `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.1`;

function json(text: string): unknown {
  return JSON.parse(text);
}

describe('one HAR file', () => {
  test.each([
    ['headers only', 'headers-only.har'],
    ['cookies arrays only', 'arrays-only.har'],
    ['both, counted once', 'both.har'],
  ])('%s: the same cookies', async (_title, file) => {
    const { code, stdout, stderr } = await run('decode', '--json', '--har', file);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const output = json(stdout) as { cookies: unknown[]; contradictions: unknown[] };
    expect({ cookies: output.cookies.slice(0, 2), contradictions: output.contradictions }).toMatchObject({
      cookies: [
        { name: '__hstc', source: 'request', host: 'www.example.com', value: HSTC, deleted: false, fields: { visitorId: VISITOR } },
        { name: '__hs_do_not_track', source: 'response', domain: '.example.com', path: '/', hostOnly: false, value: 'yes', expires: '2025-04-13T05:56:45.584Z', deleted: false, fields: { honoured: true } },
      ],
      contradictions: [],
    });
  });

  test('a deletion is reported as one, never decoded as a live empty value', async () => {
    const { stdout } = await run('decode', '--json', '--har', 'both.har');
    const output = json(stdout) as { cookies: unknown[] };
    expect(output.cookies).toHaveLength(3);
    expect(output.cookies[2]).toEqual({
      name: 'hubspotutk', vendor: 'hubspot', category: 'analytics', recognised: true, fields: {}, problems: [],
      host: 'www.example.com', domain: '.example.com', path: '/', hostOnly: false, value: '', expires: '2024-10-15T05:56:45.584Z', source: 'response', deleted: true,
      secure: false, httpOnly: false, sameSite: null, partitioned: false,
    });
    const table = (await run('decode', '--har', 'both.har')).stdout;
    expect(table).toMatch(/\nhubspotutk +HubSpot +analytics +- +deleted by the response on \.example\.com path \/\n/);
    expect(table).not.toMatch(/empty/i);
  });

  test('the demo site: contradictions against the OneTrust choice, with times', async () => {
    const { code, stdout } = await run('decode', '--json', '--har', 'demo-site.har');
    expect(code).toBe(0);
    const { contradictions } = json(stdout) as { contradictions: unknown[] };
    expect(contradictions.slice(0, 2)).toEqual([
      { site: 'hubdemo.test', consentCookie: 'OptanonConsent', manager: 'onetrust', category: 'analytics', declinedAt: '2024-10-15T05:56:45.000Z', cookie: '_ga', vendor: 'google-analytics', lastWrite: '2024-10-15T05:56:45.584Z', lastWriteBasis: 'expiry', assumption: 'onetrust-default-groups' },
      { site: 'hubdemo.test', consentCookie: 'OptanonConsent', manager: 'onetrust', category: 'analytics', declinedAt: '2024-10-15T05:56:45.000Z', cookie: '_ga_DEMO42XY', vendor: 'google-analytics', lastWrite: '2024-10-15T05:56:45.000Z', lastWriteBasis: 'decoded', assumption: 'onetrust-default-groups' },
    ]);
    // _gcl_au was sent with the page, then the server deleted it: not present at the end, so not a contradiction.
    expect(contradictions.map((c) => (c as { cookie: string }).cookie)).toEqual(['_ga', '_ga_DEMO42XY', '__hstc', 'hubspotutk', '__hssc', '__hssrc', '_fbp', '_fbc']);
    const table = (await run('decode', '--har', 'demo-site.har')).stdout;
    expect(table).toContain('\nConsent against reality\n\n  If the site uses OneTrust\'s default groups: analytics declined in OptanonConsent (OneTrust) on 2024-10-15, yet _ga (Google Analytics) is present, last written 2024-10-15 (estimated from its expiry)\n');
    expect(table).toMatch(/\n_gcl_au +Google Ads +advertising +- +deleted by the response on \.hubdemo\.test path \/\n/);
  });

  test('a Cookie header: the legacy opt-out against the cookies sent with it', async () => {
    const { stdout } = await run('decode', '--json', '--url', 'https://www.example.com/', `__hs_opt_out=yes; hubspotutk=${VISITOR}; _ga=GA1.1.804271633.1718000000`);
    expect(json(stdout)).toMatchObject({
      contradictions: [
        { site: 'example.com', consentCookie: '__hs_opt_out', manager: 'hubspot', category: 'analytics', declinedAt: null, cookie: 'hubspotutk', vendor: 'hubspot', lastWrite: null, lastWriteBasis: null, assumption: null },
        { site: 'example.com', consentCookie: '__hs_opt_out', manager: 'hubspot', category: 'analytics', declinedAt: null, cookie: '_ga', vendor: 'google-analytics', lastWrite: null, lastWriteBasis: null, assumption: null },
      ],
    });
  });

  test.each([
    ['sanitised.har', 3, 'cookie-lens: sanitised.har: this HAR looks sanitised: no cookie data\n'],
    ['empty-log.har', 1, 'cookie-lens: empty-log.har: the HAR is empty: log.entries has no entries\n'],
  ])('%s exits %i with one line', async (file, exitCode, message) => {
    for (const extra of [[], ['--json']]) {
      expect(await run('decode', ...extra, '--har', file)).toEqual({ code: exitCode, stdout: '', stderr: message });
    }
  });
});

describe('many HAR files: one summary per site', () => {
  test('a directory, recursively, in name order; files of one site in a row are summed', async () => {
    const { code, stdout, stderr } = await run('decode', '--json', '--har', 'crawl');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n').map(json);
    expect(lines).toMatchObject([
      {
        site: 'example.com',
        files: ['crawl/example-com.har'],
        trackers: [{ vendor: 'hubspot', categories: ['necessary', 'analytics'], cookies: ['__hs_opt_out', 'hubspotutk', '__hstc'], deleted: [] }],
        contradictions: [{ cookie: 'hubspotutk', category: 'analytics' }, { cookie: '__hstc', category: 'analytics' }],
      },
      {
        site: 'hubdemo.test',
        files: ['crawl/hubdemo/1-home.har', 'crawl/hubdemo/2-pricing.har'],
        trackers: [
          { vendor: 'google-analytics', cookies: ['_ga', '_ga_DEMO42XY'], deleted: [] },
          { vendor: 'google-ads', cookies: [], deleted: ['_gcl_au'] },
          { vendor: 'meta', cookies: ['_fbp', '_fbc'], deleted: [] },
          { vendor: 'onetrust', cookies: ['OptanonConsent', 'OptanonAlertBoxClosed'], deleted: [] },
          { vendor: 'hubspot', cookies: ['__hstc', 'hubspotutk', '__hssc', '__hssrc'], deleted: [] },
        ],
      },
    ]);
    const [example] = lines as { trackers: { knows: Record<string, unknown> }[] }[];
    expect(example?.trackers[0]?.knows).toEqual({
      '__hs_opt_out.declined': true,
      'hubspotutk.visitorId': VISITOR,
      'hubspotutk.matchesHstc': true,
      '__hstc.domainHash': '114212440',
      '__hstc.domainHashMatches': '.example.com',
      '__hstc.visitorId': VISITOR,
      '__hstc.firstVisit': '2024-10-15T05:56:45.584Z',
      '__hstc.previousVisit': '2024-10-15T05:56:45.584Z',
      '__hstc.currentVisit': '2024-10-15T05:56:45.584Z',
      '__hstc.sessionCount': 1,
    });
    // The deletion in the second file replaces the cookie the first one set: no contradiction for it.
    expect(JSON.stringify(lines[1])).not.toContain('"cookie":"_gcl_au"');
  });

  test('the table: what each tracker knows, then the contradictions', async () => {
    const { code, stdout } = await run('decode', '--har', 'crawl');
    expect(code).toBe(0);
    expect(stdout.match(/^Site .*$/gm)).toEqual(['Site example.com (1 file, 3 cookies)', 'Site hubdemo.test (2 files, 11 cookies)']);
    expect(stdout).toMatch(/\nTRACKER +CATEGORY +KNOWS +VALUE\nHubSpot +necessary, analytics +__hs_opt_out\.declined +true\n +hubspotutk\.visitorId +0a1b2c3d4e5f40718293a4b5c6d7e8f9\n/);
    expect(stdout).toMatch(/\nGoogle Ads +advertising +_gcl_au +deleted\n/);
    expect(stdout).toContain('\n  analytics declined in __hs_opt_out (HubSpot), yet hubspotutk (HubSpot) is present\n');
  });

  test('several --har files: the same as their directory', async () => {
    const separate = await run('decode', '--json', '--har', 'crawl/example-com.har', '--har', 'crawl/hubdemo/1-home.har', '--har', 'crawl/hubdemo/2-pricing.har');
    const together = await run('decode', '--json', '--har', 'crawl');
    expect(separate).toEqual(together);
  });

  test('streams: a site is written before the next site’s file is read, and only once its files are done', async () => {
    const harOf = (host: string): string => JSON.stringify({ log: { entries: [{ request: { url: `https://${host}/`, headers: [{ name: 'Cookie', value: 'hubspotutk=1' }] } }] } });
    const files: Record<string, string> = { '/crawl/1.har': harOf('www.a.test'), '/crawl/2.har': harOf('shop.a.test'), '/crawl/3.har': harOf('www.b.test'), '/crawl/4.har': harOf('www.c.test') };
    const events: string[] = [];
    const code = await runCli(['decode', '--json', '--har', '/crawl'], {
      stdout: (s) => events.push(`line ${String((JSON.parse(s) as { site: string }).site)}`),
      stderr: (s) => events.push(`error ${s}`),
      readFile: async (file) => {
        events.push(`read ${file}`);
        return files[file] ?? '';
      },
      isDirectory: async (file) => file === '/crawl',
      listDirectory: async () => Object.keys(files).reverse().map((file) => ({ name: file.slice('/crawl/'.length), directory: false })),
      drained: async () => {
        events.push('drained');
      },
      now: () => NOW,
    });
    expect(code).toBe(0);
    expect(events).toEqual([
      'read /crawl/1.har', 'read /crawl/2.har', 'read /crawl/3.har', 'line a.test', 'drained', 'read /crawl/4.har', 'line b.test', 'drained', 'line c.test', 'drained',
    ]);
  });

  describe('bad files on the way', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'cookie-lens-audit-'));
      await mkdir(path.join(dir, 'empty'));
      await writeFile(path.join(dir, 'a-broken.har'), '{"log": ');
      await writeFile(path.join(dir, 'b-sanitised.har'), JSON.stringify({ log: { entries: [{ request: { url: 'https://x.test/', headers: [] }, response: { headers: [] } }] } }));
      await writeFile(path.join(dir, 'c-good.har'), JSON.stringify({ log: { entries: [{ request: { url: 'https://www.c.test/', headers: [{ name: 'Cookie', value: 'hubspotutk=1' }] } }] } }));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    test('each is reported on its own line, the others are still audited, and the exit code tells', async () => {
      const { code, stdout, stderr } = await run('decode', '--json', '--har', dir);
      expect(code).toBe(1);
      expect(stderr.split('\n')).toEqual([
        `cookie-lens: ${dir}/a-broken.har: invalid JSON: Unexpected end of JSON input`,
        `cookie-lens: ${dir}/b-sanitised.har: this HAR looks sanitised: no cookie data`,
        '',
      ]);
      expect(stdout.trimEnd().split('\n').map(json)).toMatchObject([{ site: 'c.test', files: [`${dir}/c-good.har`] }]);
    });

    test('a file name with control characters is escaped in the message', async () => {
      const hostile = await mkdtemp(path.join(tmpdir(), 'cookie-lens-hostile-'));
      try {
        await writeFile(path.join(hostile, 'evil\u001b[2J\nname.har'), 'nope');
        const { code, stderr } = await run('decode', '--har', hostile);
        expect(code).toBe(1);
        expect(stderr).toBe(`cookie-lens: ${hostile}/evil\\u001b[2J name.har: invalid JSON: Unexpected token 'o', "nope" is not valid JSON\n`);
      } finally {
        await rm(hostile, { recursive: true, force: true });
      }
    });

    test('a directory without HAR files', async () => {
      expect(await run('decode', '--har', `${dir}/empty`)).toEqual({ code: 1, stdout: '', stderr: `cookie-lens: ${dir}/empty: no .har files in this directory\n` });
    });

    test('only sanitised files: exit 3', async () => {
      const { code, stderr } = await run('decode', '--har', `${dir}/b-sanitised.har`, '--har', `${dir}/b-sanitised.har`);
      expect(code).toBe(3);
      expect(stderr).toBe(`cookie-lens: ${dir}/b-sanitised.har: this HAR looks sanitised: no cookie data\n`.repeat(2));
    });

    test('a missing file among several', async () => {
      const { code, stderr, stdout } = await run('decode', '--har', `${dir}/c-good.har`, '--har', 'missing.har');
      expect(code).toBe(1);
      expect(stderr).toMatch(/^cookie-lens: cannot read missing\.har: ENOENT: no such file or directory, open '[^']*missing\.har'\n$/);
      expect(stdout).toMatch(/^Site c\.test \(1 file, 1 cookies\)\n/);
    });
  });
});

describe('present at the end of the capture', () => {
  const base = { domain: null, path: null, hostOnly: null, expires: null, secure: null, httpOnly: null, sameSite: null, partitioned: null, source: 'request', deleted: false } as const;
  const optOut: HarCookie = { ...base, name: '__hs_opt_out', value: 'yes', host: 'www.a.test', seen: { at: 1000, entry: 0 } };
  const sentGa = (host: string, at: number): HarCookie => ({ ...base, name: '_ga', value: 'GA1.1.804271633.1728971805', host, seen: { at, entry: 1 } });
  const deletedGa = (domain: string, hostOnly: boolean, at: number): HarCookie => ({
    ...base, name: '_ga', value: '', host: 'www.a.test', domain, path: '/', hostOnly, expires: at, source: 'response', deleted: true, seen: { at, entry: 2 },
  });
  const noFacts: NameFactsLookup = () => undefined;
  const found = async (cookies: HarCookie[]) => contradictionsOf(await decodeReports(cookies, NOW), noFacts, NOW).map((c) => c.cookie);

  test.each([
    ['nothing deleted', [optOut, sentGa('www.a.test', 1000)], ['_ga']],
    ['deleted later on a domain covering the host', [optOut, sentGa('www.a.test', 1000), deletedGa('.a.test', false, 2000)], []],
    ['deleted later, same time, a later entry', [optOut, sentGa('www.a.test', 1000), deletedGa('.a.test', false, 1000)], []],
    ['deleted later on that host only', [optOut, sentGa('www.a.test', 1000), deletedGa('www.a.test', true, 2000)], []],
    ['deleted before it was sent again', [optOut, sentGa('www.a.test', 3000), deletedGa('.a.test', false, 2000)], ['_ga']],
    ['deleted on another host', [optOut, sentGa('shop.a.test', 1000), deletedGa('www.a.test', true, 2000)], ['_ga']],
    ['deleted on a sibling domain', [optOut, sentGa('www.a.test', 1000), deletedGa('.b.a.test', false, 2000)], ['_ga']],
  ] as const)('%s', async (_title, cookies, expected) => {
    expect(await found([...cookies])).toEqual(expected);
  });
});
