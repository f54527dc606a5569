import { readdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/cli/', import.meta.url));
/** 2025-01-01T00:00:00Z */
const NOW = 1_735_689_600_000;
const VISITOR = '0a1b2c3d4e5f40718293a4b5c6d7e8f9';
const HSTC = `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.1`;
const FIRST_VISIT_ISO = '2024-10-15T05:56:45.584Z';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const inFixtures = (path: string): string => (path.startsWith('/') ? path : `${FIXTURES}${path}`);

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile: (path) => readFile(inFixtures(path), 'utf8'),
    isDirectory: async (path) => (await stat(inFixtures(path)).catch(() => undefined))?.isDirectory() === true,
    listDirectory: async (path) => (await readdir(inFixtures(path), { withFileTypes: true })).map((entry) => ({ name: entry.name, directory: entry.isDirectory() })),
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

function parseJson(text: string): unknown {
  return JSON.parse(text);
}

/** The row keys of a cookie from a Cookie header: sent to the --url host, nothing else known. */
const sent = (value: string) => ({
  host: 'www.example.com', domain: null, path: null, hostOnly: null, value, expires: null, source: 'request', deleted: false, secure: null, httpOnly: null, sameSite: null, partitioned: null,
});

/** The row keys of a cookie a response set with a Domain attribute on path /. */
const setBy = (host: string, domain: string, value: string, expires: string | null, flags: { secure: boolean; httpOnly: boolean; sameSite: string | null }) => ({
  host, domain, path: '/', hostOnly: false, value, expires, source: 'response', deleted: false, ...flags, partitioned: false,
});

const HSTC_FIELDS = {
  domainHash: '114212440',
  domainHashMatches: '.example.com',
  visitorId: VISITOR,
  firstVisit: FIRST_VISIT_ISO,
  previousVisit: FIRST_VISIT_ISO,
  currentVisit: FIRST_VISIT_ISO,
  sessionCount: 1,
};

describe('decode a Cookie header', () => {
  const header = `__hstc=${HSTC}; hubspotutk=${VISITOR}; __hssc=114212440.1.1728971805585; __hs_do_not_track=1; app_session=abc`;

  test('prints a table', async () => {
    const { code, stdout, stderr } = await run('decode', '--url', 'https://www.example.com/', header);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Cookies sent to www.example.com');
    expect(lines[2]).toMatch(/^NAME +VENDOR +CATEGORY +FIELD +VALUE$/);
    expect(lines[3]).toMatch(/^__hstc +HubSpot +analytics +Domain hash +114212440$/);
    expect(stdout).toMatch(/Written for domain +\.example\.com\n/);
    expect(stdout).toMatch(new RegExp(`First visit +${FIRST_VISIT_ISO}\n`));
    expect(stdout).toMatch(/Same ID as in __hstc +yes\n/);
    expect(stdout).toMatch(/Ignored by HubSpot +yes\n/);
    expect(stdout).toMatch(/warning +HubSpot ignores this value: only yes turns tracking off\. \(honoured: 1\)\n/);
    expect(stdout).toMatch(/app_session +- +- +- +not recognised\n/);
  });

  test('OneTrust category flags carry their condition: the site uses OneTrust\'s default groups', async () => {
    const { code, stdout } = await run('decode', '--url', 'https://www.example.com/', 'OptanonConsent=groups=C0001%3A1%2CC0002%3A0&consentId=abc');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Analytics allowed +no \(if the site uses OneTrust's default groups\)\n/);
    expect(stdout).toMatch(/Groups declined +C0002\n/);
  });

  test('--json prints CookieJson with the public field keys', async () => {
    const { code, stdout, stderr } = await run('decode', '--json', `--url=https://www.example.com/`, header);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(parseJson(stdout)).toEqual({
      contradictions: [],
      cookies: [
      { name: '__hstc', vendor: 'hubspot', category: 'analytics', recognised: true, fields: HSTC_FIELDS, problems: [], ...sent(HSTC) },
      { name: 'hubspotutk', vendor: 'hubspot', category: 'analytics', recognised: true, fields: { visitorId: VISITOR, matchesHstc: true }, problems: [], ...sent(VISITOR) },
      {
        name: '__hssc',
        vendor: 'hubspot',
        category: 'analytics',
        recognised: true,
        fields: { domainHash: '114212440', domainHashMatches: '.example.com', pageViews: 1, sessionStart: '2024-10-15T05:56:45.585Z', stale: true },
        problems: [
          {
            code: 'unexpected-value',
            field: 'stale',
            detail: '__hssrc is missing, so HubSpot ignores this cookie',
            message: "A value differs from what the site's scripts normally write.",
          },
        ],
        ...sent('114212440.1.1728971805585'),
      },
      {
        name: '__hs_do_not_track',
        vendor: 'hubspot',
        category: 'necessary',
        recognised: true,
        fields: { honoured: false },
        problems: [{ code: 'not-honoured', field: 'honoured', detail: '1', message: 'HubSpot ignores this value: only yes turns tracking off.' }],
        ...sent('1'),
      },
      { name: 'app_session', vendor: null, category: null, recognised: false, fields: {}, problems: [], ...sent('abc') },
    ]});
    expect(stdout.endsWith('\n')).toBe(true);
  });

  test('a failed decode has no fields and states the problem', async () => {
    const { stdout } = await run('decode', '--json', '--url', 'https://www.example.com/', '__hstc=1.2.3');
    expect(parseJson(stdout)).toEqual({ contradictions: [], cookies: [
      {
        name: '__hstc',
        vendor: 'hubspot',
        category: 'analytics',
        recognised: true,
        fields: {},
        problems: [{ code: 'segment-count', detail: '3 parts, expected 6', message: 'The value does not have the expected number of parts.' }],
        ...sent('1.2.3'),
      },
    ]});
  });

  test('a pasted "Cookie:" prefix is fine, and so is an empty header', async () => {
    expect(parseJson((await run('decode', '--json', '--url', 'https://www.example.com/', `Cookie: hubspotutk=${VISITOR}`)).stdout)).toMatchObject({ cookies: [{ name: 'hubspotutk', fields: { visitorId: VISITOR } }] });
    expect(await run('decode', '--url', 'https://www.example.com/', '')).toEqual({ code: 0, stdout: 'No cookies found.\n', stderr: '' });
    expect(await run('decode', '--json', '--url', 'https://www.example.com/', '')).toEqual({ code: 0, stdout: '{\n  "cookies": [],\n  "contradictions": []\n}\n', stderr: '' });
  });

  test('control characters from the site never reach the terminal raw', async () => {
    const { code, stdout } = await run('decode', '--url', 'https://www.example.com/', 'ev\u001bil=\u001b[2J; hs_ab_test=a\u0007b\u009bc');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(stdout).toContain('ev\\u001bil');
    expect(stdout).toContain('a\\u0007b\\u009bc (format uncertain)');
  });

  test('values longer than a table cell are cut in the table, not in JSON', async () => {
    const long = `hs_ab_test=${'x'.repeat(200)}`;
    expect((await run('decode', '--url', 'https://www.example.com/', long)).stdout).toContain(`${'x'.repeat(80)}…`);
    expect(parseJson((await run('decode', '--json', '--url', 'https://www.example.com/', long)).stdout)).toMatchObject({ cookies: [{ fields: { value: 'x'.repeat(200) }, value: 'x'.repeat(200) }] });
  });
});

describe('decode a HAR file', () => {
  test('--json: request and response cookies with where they live, one per host, name, domain and path, last value wins', async () => {
    const { code, stdout, stderr } = await run('decode', '--har', 'example.har', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(parseJson(stdout)).toEqual({
      contradictions: [],
      cookies: [
      { name: '__hstc', vendor: 'hubspot', category: 'analytics', recognised: true, fields: HSTC_FIELDS, problems: [], ...sent(HSTC) },
      { name: 'hubspotutk', vendor: 'hubspot', category: 'analytics', recognised: true, fields: { visitorId: VISITOR, matchesHstc: true }, problems: [], ...sent(VISITOR) },
      {
        name: '__hssc',
        vendor: 'hubspot',
        category: 'analytics',
        recognised: true,
        // The second page view's value, and live because __hssrc is there.
        fields: { domainHash: '114212440', domainHashMatches: '.example.com', pageViews: 2, sessionStart: '2024-10-15T05:56:45.585Z', stale: false },
        problems: [],
        ...sent('114212440.2.1728971805585'),
      },
      { name: '__hssrc', vendor: 'hubspot', category: 'analytics', recognised: true, fields: { value: '1' }, problems: [], ...sent('1') },
      { name: 'app_session', vendor: null, category: null, recognised: false, fields: {}, problems: [], ...sent('abc123') },
      // A `_` value: HubSpot's 2021 banner reads it as every category declined (docs/CONTROLS.md).
      { name: '__hs_cookie_cat_pref', vendor: 'hubspot', category: 'necessary', recognised: true, fields: { analytics: true, advertisement: false, functionality: true },
        problems: [{ code: 'banner-2021-declines', field: 'analytics', detail: '1:true_2:false_3:true', message: "HubSpot's 2021 cookie banner reads only `,` between categories: to it, this value declines every category. The 2024 banner reads it as shown." }],
        // Max-Age=15552000 (180 days) after the entry's time.
        ...setBy('www.example.com', '.example.com', '1:true_2:false_3:true', '2025-04-13T05:56:45.584Z', { secure: false, httpOnly: false, sameSite: 'lax' }),
      },
      {
        name: '__cf_bm',
        vendor: 'cloudflare',
        category: 'necessary',
        recognised: true,
        fields: { token: 'Xk3v9Qw2.Lr7uT0bN5mZ8pYc1eDfGhJ4aS6oVtWxK_q', issuedAt: '2024-10-15T05:56:45.000Z', version: '1.0.1.1' },
        problems: [],
        ...setBy('www.example.com', '.example.com', 'Xk3v9Qw2.Lr7uT0bN5mZ8pYc1eDfGhJ4aS6oVtWxK_q-1728971805-1.0.1.1-aGVsbG8gd29ybGQ', '2024-10-15T06:26:45.000Z', { secure: true, httpOnly: true, sameSite: 'none' }),
      },
      {
        name: '__cfruid',
        vendor: 'cloudflare',
        category: 'necessary',
        recognised: true,
        fields: { token: '0123456789abcdef0123456789abcdef01234567', issuedAt: '2024-10-15T05:56:45.000Z' },
        problems: [],
        ...setBy('js.hs-scripts.com', '.hs-scripts.com', '0123456789abcdef0123456789abcdef01234567-1728971805', null, { secure: true, httpOnly: true, sameSite: null }),
      },
      {
        name: '_cfuvid',
        vendor: 'cloudflare',
        category: 'necessary',
        recognised: true,
        fields: { token: 'Xk3v9Qw2.Lr7uT0bN5mZ8pYc1eDfGhJ4aS6oVtWxK_q', issuedAt: FIRST_VISIT_ISO, version: '0.0.1.1' },
        problems: [],
        ...setBy('js.hs-scripts.com', '.hs-scripts.com', 'Xk3v9Qw2.Lr7uT0bN5mZ8pYc1eDfGhJ4aS6oVtWxK_q-1728971805584-0.0.1.1-604800000', null, { secure: true, httpOnly: true, sameSite: null }),
      },
    ]});
  });

  test('the table groups cookies by host', async () => {
    const { code, stdout } = await run('decode', '--har', 'example.har');
    expect(code).toBe(0);
    expect(stdout.match(/^Cookies .*$/gm)).toEqual(['Cookies sent to www.example.com', 'Cookies set by www.example.com', 'Cookies set by js.hs-scripts.com']);
    expect(stdout).toMatch(/\n__cfruid +Cloudflare \(HubSpot's network provider\) +necessary +Stored +domain \.hs-scripts\.com, path \/, until the browser closes\n +Token +0123456789abcdef0123456789abcdef01234567\n/);
    expect(stdout).toMatch(/\n__cf_bm +Cloudflare \(HubSpot's network provider\) +necessary +Stored +domain \.example\.com, path \/, until 2024-10-15T06:26:45\.000Z\n/);
  });

  test('--url puts every cookie on that host', async () => {
    const { stdout } = await run('decode', '--har', 'example.har', '--url', 'https://example.com/');
    expect(stdout.match(/^Cookies .*$/gm)).toEqual(['Cookies sent to example.com', 'Cookies set by example.com']);
    // The entry whose own URL is unusable now counts too.
    expect(stdout).toMatch(/^ignored +- +- +- +not recognised$/m);
  });
});

describe('bad input exits non-zero with one line on stderr', () => {
  test.each([
    [[], 2, /missing command/],
    [['encode'], 2, /unknown command "encode"/],
    [['decode', '--verbose', 'a=1'], 2, /unknown option "--verbose"/],
    [['decode', '--url'], 2, /--url needs a value/],
    [['decode', '--url='], 2, /--url needs a value/],
    [['decode', 'a=1'], 2, /missing --url/],
    [['decode', '--url', 'https://www.example.com/'], 2, /missing the Cookie header/],
    [['decode', '--url', 'https://www.example.com/', 'a=1', 'b=2'], 2, /expected one Cookie header but got 2 arguments/],
    [['decode', '--har', 'example.har', 'a=1'], 2, /either --har FILE or a Cookie header/],
    [['decode', '--url', 'www.example.com', 'a=1'], 2, /bad URL "www\.example\.com"/],
    [['decode', '--url', 'ftp://example.com/', 'a=1'], 2, /bad URL/],
    [['decode', '--url', 'https://', 'a=1'], 2, /bad URL/],
    [['decode', '--har', 'missing.har'], 1, /cannot read missing\.har: .*ENOENT/],
    [['decode', '--har', 'not-json.har'], 1, /not-json\.har: invalid JSON/],
    [['decode', '--har', 'not-a-har.json'], 1, /not-a-har\.json: not a HAR file/],
    [['decode', '--har', 'example.har', '--url', 'nope'], 2, /bad URL "nope"/],
  ] as const)('%j exits %i', async (argv, exitCode, reason) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cookie-lens: [^\n]+\n$/);
    expect(stderr).toMatch(reason);
  });

  test('--help prints the usage and succeeds', async () => {
    for (const argv of [['--help'], ['decode', '--help'], ['-h']]) {
      const { code, stdout, stderr } = await run(...argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage:\n {2}cookie-lens decode --url URL/);
    }
  });
});
