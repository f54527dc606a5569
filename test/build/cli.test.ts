// The built command line (dist/cli.mjs, written by `node build.mjs`) run as a user runs it: a
// child process of Node, from the repository root, with fixtures from test/fixtures/cli/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../../harness/bundle.ts';
import { decodeOutputProblems, siteAuditProblems } from '../unit/support/cli-schema.ts';

const CLI = path.join(root, 'dist', 'cli.mjs');
const FIXTURES = 'test/fixtures/cli';
const VISITOR = '0a1b2c3d4e5f40718293a4b5c6d7e8f9';
const HSTC = `114212440.${VISITOR}.1728971805584.1728971805584.1728971805584.1`;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  if (result.error !== undefined) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Row {
  readonly name: string;
  readonly source: string;
  readonly deleted: boolean;
  readonly value: string;
}

function decodeJson(...args: string[]): { rows: Row[]; contradictions: unknown[] } {
  const { code, stdout, stderr } = cli('decode', '--json', ...args);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const output: unknown = JSON.parse(stdout);
  expect(decodeOutputProblems(output)).toEqual([]);
  const { cookies, contradictions } = output as { cookies: Row[]; contradictions: unknown[] };
  return { rows: cookies, contradictions };
}

const brief = (rows: readonly Row[]) => rows.map(({ name, source, deleted, value }) => ({ name, source, deleted, value }));

describe('dist/cli.mjs', () => {
  test('--help: the usage on stdout, exit 0', () => {
    const { code, stdout, stderr } = cli('--help');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      'Usage:',
      "  cookie-lens decode --url URL 'COOKIE HEADER' [--json]",
      '  cookie-lens decode --har FILE.har [--url URL] [--json]',
      '  cookie-lens decode --har DIR|FILE [--har DIR|FILE ...] [--json]',
    ]);
  });

  test('a Cookie header: a table, and JSON', () => {
    const table = cli('decode', '--url', 'https://www.example.com/', `__hstc=${HSTC}; hubspotutk=${VISITOR}`);
    expect({ code: table.code, stderr: table.stderr }).toEqual({ code: 0, stderr: '' });
    expect(table.stdout.split('\n').slice(0, 4)).toEqual([
      'Cookies sent to www.example.com',
      '',
      'NAME        VENDOR   CATEGORY   FIELD                   VALUE',
      '__hstc      HubSpot  analytics  Domain hash             114212440',
    ]);
    expect(table.stdout).toContain('\nhubspotutk  HubSpot  analytics  Visitor ID              0a1b2c3d4e5f40718293a4b5c6d7e8f9\n');
    const { rows } = decodeJson('--url', 'https://www.example.com/', `__hstc=${HSTC}; hubspotutk=${VISITOR}`);
    expect(brief(rows)).toEqual([
      { name: '__hstc', source: 'request', deleted: false, value: HSTC },
      { name: 'hubspotutk', source: 'request', deleted: false, value: VISITOR },
    ]);
  });

  test('a HAR with headers only, with arrays only, and with both give the same cookies', () => {
    const expected = [
      { name: '__hstc', source: 'request', deleted: false, value: HSTC },
      { name: '__hs_do_not_track', source: 'response', deleted: false, value: 'yes' },
    ];
    expect(brief(decodeJson('--har', `${FIXTURES}/headers-only.har`).rows)).toEqual(expected);
    expect(brief(decodeJson('--har', `${FIXTURES}/arrays-only.har`).rows)).toEqual(expected);
    // both.har also deletes hubspotutk; every cookie is in its headers and its arrays, and counts once.
    expect(brief(decodeJson('--har', `${FIXTURES}/both.har`).rows)).toEqual([...expected, { name: 'hubspotutk', source: 'response', deleted: true, value: '' }]);
  });

  test('the demo site HAR: contradictions in the JSON', () => {
    const { contradictions } = decodeJson('--har', `${FIXTURES}/demo-site.har`);
    expect(contradictions).toHaveLength(8);
    expect(contradictions[0]).toEqual({
      site: 'hubdemo.test', consentCookie: 'OptanonConsent', manager: 'onetrust', category: 'analytics', declinedAt: '2024-10-15T05:56:45.000Z',
      cookie: '_ga', vendor: 'google-analytics', lastWrite: '2024-10-15T05:56:45.584Z', lastWriteBasis: 'expiry', assumption: 'onetrust-default-groups',
    });
  });

  test('a directory: one JSON line per site', () => {
    const { code, stdout, stderr } = cli('decode', '--json', '--har', `${FIXTURES}/crawl`);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines: unknown[] = stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    for (const line of lines) expect(siteAuditProblems(line)).toEqual([]);
    expect(lines.map((line) => { const { site, files } = line as { site: string; files: string[] }; return { site, files }; })).toEqual([
      { site: 'example.com', files: [`${FIXTURES}/crawl/example-com.har`] },
      { site: 'hubdemo.test', files: [`${FIXTURES}/crawl/hubdemo/1-home.har`, `${FIXTURES}/crawl/hubdemo/2-pricing.har`] },
    ]);
    const table = cli('decode', '--har', `${FIXTURES}/crawl`);
    expect(table.code).toBe(0);
    expect(table.stdout.match(/^Site .*$/gm)).toEqual(['Site example.com (1 file, 3 cookies)', 'Site hubdemo.test (2 files, 11 cookies)']);
  });

  test('a directory holding a named pipe called *.har: the pipe is left alone, the audit does not hang', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cookie-lens-fifo-'));
    try {
      copyFileSync(path.join(root, FIXTURES, 'headers-only.har'), path.join(dir, 'a.har'));
      const made = spawnSync('mkfifo', [path.join(dir, 'b.har')], { encoding: 'utf8' });
      expect(made.status, `mkfifo (coreutils) must work here: ${made.stderr}`).toBe(0);
      const { code, stdout, stderr } = cli('decode', '--json', '--har', dir);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { files: string[] }).files)).toEqual([[path.join(dir, 'a.har')]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('bad input: a non-zero exit and one line on stderr, nothing on stdout', () => {
    const notJson = readFileSync(path.join(root, FIXTURES, 'not-json.har'), 'utf8');
    // The JSON error text is Node's own (it differs between Node versions), so it is asked of Node.
    let nodeJsonError = '';
    try {
      JSON.parse(notJson);
    } catch (error) {
      nodeJsonError = error instanceof Error ? error.message.replace(/\s+/g, ' ') : '';
    }

    test.each([
      ['a missing file', [`${FIXTURES}/missing.har`], 1, `cookie-lens: cannot read ${FIXTURES}/missing.har: ENOENT: no such file or directory, open '${FIXTURES}/missing.har'\n`],
      ['not JSON', [`${FIXTURES}/not-json.har`], 1, `cookie-lens: ${FIXTURES}/not-json.har: invalid JSON: ${nodeJsonError}\n`],
      ['JSON that is not a HAR', [`${FIXTURES}/not-a-har.json`], 1, `cookie-lens: ${FIXTURES}/not-a-har.json: not a HAR file: there is no log.entries list\n`],
      ['an empty log', [`${FIXTURES}/empty-log.har`], 1, `cookie-lens: ${FIXTURES}/empty-log.har: the HAR is empty: log.entries has no entries\n`],
      ['a sanitised HAR', [`${FIXTURES}/sanitised.har`], 3, `cookie-lens: ${FIXTURES}/sanitised.har: this HAR looks sanitised: no cookie data\n`],
    ])('%s', (_title, files, exitCode, message) => {
      expect(nodeJsonError).not.toBe('');
      for (const json of [[], ['--json']]) {
        expect(cli('decode', ...json, ...files.flatMap((file) => ['--har', file]))).toEqual({ code: exitCode, stdout: '', stderr: message });
      }
    });

    test('a bad command line exits 2', () => {
      expect(cli('decode', '--verbose')).toEqual({ code: 2, stdout: '', stderr: 'cookie-lens: unknown option "--verbose"\n' });
      expect(cli()).toEqual({ code: 2, stdout: '', stderr: 'cookie-lens: missing command (try: cookie-lens decode --help)\n' });
    });
  });
});
