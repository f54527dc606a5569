// docs/cli-output.schema.json describes what `cookie-lens decode --json` really prints.
import { describe, expect, test } from 'vitest';
import { runInProcess } from './support/cli-run.ts';
import { decodeOutputProblems, outputProblems, siteAuditProblems } from './support/cli-schema.ts';

/** 2025-01-01T00:00:00Z */
const NOW = 1_735_689_600_000;

function parsed(text: string): unknown {
  return JSON.parse(text);
}

describe('decode --json output fits the schema', () => {
  test.each([
    ['a Cookie header with a consent contradiction', ['--url', 'https://www.example.com/', '__hs_opt_out=yes; hubspotutk=0a1b2c3d4e5f40718293a4b5c6d7e8f9; _ga=GA1.1.1.1728971805; nobody_knows=1']],
    ['an empty Cookie header', ['--url', 'https://www.example.com/', '']],
    ['a HAR with headers', ['--har', 'example.har']],
    ['the demo site HAR (arrays, deletions, contradictions)', ['--har', 'demo-site.har']],
    ['a HAR with arrays only', ['--har', 'arrays-only.har']],
    ['a HAR with both', ['--har', 'both.har']],
  ])('%s', async (_title, args) => {
    const { code, stdout } = await runInProcess(['decode', '--json', ...args], NOW);
    expect(code).toBe(0);
    const output = parsed(stdout);
    expect(decodeOutputProblems(output)).toEqual([]);
    expect(outputProblems(output)).toEqual([]);
  });

  test('the outputs that should carry contradictions and deletions do (the schema is not checked on empty lists only)', async () => {
    const demo = parsed((await runInProcess(['decode', '--json', '--har', 'demo-site.har'], NOW)).stdout);
    expect(demo).toMatchObject({ contradictions: expect.arrayContaining([expect.objectContaining({ cookie: '_ga' })]) });
    expect(demo).toMatchObject({ cookies: expect.arrayContaining([expect.objectContaining({ name: '_gcl_au', deleted: true })]) });
  });

  test('every line of a directory audit fits the site form', async () => {
    const { code, stdout } = await runInProcess(['decode', '--json', '--har', 'crawl'], NOW);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(siteAuditProblems(parsed(line))).toEqual([]);
      expect(outputProblems(parsed(line))).toEqual([]);
    }
  });
});

describe('the schema can fail', () => {
  const row = {
    name: 'a', vendor: null, category: null, recognised: false, fields: {}, problems: [],
    host: 'a.test', domain: null, path: null, hostOnly: null, value: '1', expires: null, source: 'request', deleted: false, secure: null, httpOnly: null, sameSite: null, partitioned: null,
  };

  test('a well-formed row passes', () => {
    expect(decodeOutputProblems({ cookies: [row], contradictions: [] })).toEqual([]);
  });

  test.each([
    ['a row without host', { cookies: [{ ...row, host: undefined }], contradictions: [] }, "/cookies/0 must have required property 'host'"],
    ['a row with an unknown key', { cookies: [{ ...row, extra: 1 }], contradictions: [] }, '/cookies/0 must NOT have additional properties'],
    ['a source that is neither request nor response', { cookies: [{ ...row, source: 'cache' }], contradictions: [] }, '/cookies/0/source must be equal to one of the allowed values'],
    ['expires that is not an ISO time', { cookies: [{ ...row, expires: 'tomorrow' }], contradictions: [] }, '/cookies/0/expires must match exactly one schema in oneOf'],
    ['no contradictions list', { cookies: [] }, "/ must have required property 'contradictions'"],
  ])('%s is refused', (_title, value, message) => {
    expect(decodeOutputProblems(JSON.parse(JSON.stringify(value)))).toContain(message);
  });
});
