import { describe, expect, test } from 'vitest';
import { exportRules, mergeImportedRules, parseRulesFile, sitesIn } from '../../../src/storage/rules-file.ts';
import { emptyStore } from '../../../src/storage/schema.ts';
import type { Store } from '../../../src/storage/schema.ts';
import type { SiteRule } from '../../../src/core/rules.ts';

const NOW = Date.UTC(2025, 0, 1);

const exampleRule: SiteRule = { site: 'example.com', doNotTrack: true, optOut: 'off', since: 1735689600000 };
const demoRule: SiteRule = { site: 'hubdemo.test', doNotTrack: false, optOut: 'cookies', since: 1735693200000 };
const managedRule: SiteRule = { site: 'corp.example', doNotTrack: true, optOut: 'block', since: 0, managed: true };

const store: Store = { ...emptyStore(), rules: { 'hubdemo.test': demoRule, 'corp.example': managedRule, 'example.com': exampleRule } };

describe('exportRules', () => {
  test("writes the visitor's choices, each list sorted by site, under a format name and version", () => {
    const withMore: Store = {
      ...store,
      rules: { ...store.rules, 'hubdemo.test': { ...demoRule, vendors: { meta: 'block', hotjar: 'allow' }, gpc: false, hubspot: false } },
      stripLinks: { 'hubdemo.test': { site: 'hubdemo.test', since: 7 }, 'example.com': { site: 'example.com', since: 8 } },
      cleanUp: { 'example.com': { site: 'example.com', scope: 'all', since: 9 } },
    };
    expect(exportRules(withMore, NOW)).toBe(
      [
        '{',
        '  "format": "cookie-lens-rules",',
        '  "version": 2,',
        '  "exportedAt": "2025-01-01T00:00:00.000Z",',
        '  "rules": [',
        '    {',
        '      "site": "example.com",',
        '      "doNotTrack": true,',
        '      "optOut": "off",',
        '      "since": 1735689600000',
        '    },',
        '    {',
        '      "site": "hubdemo.test",',
        '      "doNotTrack": false,',
        '      "optOut": "cookies",',
        '      "since": 1735693200000,',
        '      "vendors": {',
        '        "meta": "block",',
        '        "hotjar": "allow"',
        '      },',
        '      "gpc": false,',
        '      "hubspot": false',
        '    }',
        '  ],',
        '  "stripLinks": [',
        '    {',
        '      "site": "example.com",',
        '      "since": 8',
        '    },',
        '    {',
        '      "site": "hubdemo.test",',
        '      "since": 7',
        '    }',
        '  ],',
        '  "cleanUp": [',
        '    {',
        '      "site": "example.com",',
        '      "scope": "all",',
        '      "since": 9',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('round trip: what is exported imports as the same choices, without what the rules kept of this browser\'s cookies', () => {
    const earlier = { '0': { storeId: '0', host: 'hubdemo.test', names: ['__hs_do_not_track'], cookies: [] } };
    const ruled: SiteRule = { ...demoRule, vendors: { 'google-analytics': 'block' }, gpc: true, earlier };
    const full: Store = { ...store, rules: { ...store.rules, 'hubdemo.test': ruled }, stripLinks: { 'example.com': { site: 'example.com', since: 3 } }, cleanUp: { 'hubdemo.test': { site: 'hubdemo.test', scope: 'tracking', since: 4 } } };
    const { earlier: _thisBrowser, ...carried } = ruled;
    const parsed = parseRulesFile(exportRules(full, NOW));
    expect(parsed).toEqual({
      ok: true,
      file: { rules: [exampleRule, carried], stripLinks: [{ site: 'example.com', since: 3 }], cleanUp: [{ site: 'hubdemo.test', scope: 'tracking', since: 4 }] },
    });
    expect(parsed.ok && sitesIn(parsed.file)).toBe(2);
  });

  test('an empty store exports empty lists that import fine', () => {
    expect(parseRulesFile(exportRules(emptyStore(), NOW))).toEqual({ ok: true, file: { rules: [], stripLinks: [], cleanUp: [] } });
  });
});

describe('parseRulesFile reads the files of earlier versions', () => {
  test('a version 1 file: its rules, nothing else', () => {
    const text = JSON.stringify({ format: 'cookie-lens-rules', version: 1, exportedAt: '2025-01-01T00:00:00.000Z', rules: [exampleRule, demoRule] });
    expect(parseRulesFile(text)).toEqual({ ok: true, file: { rules: [exampleRule, demoRule], stripLinks: [], cleanUp: [] } });
  });

  test('a version 2 file may leave out the link-stripping and clean-up lists', () => {
    expect(parseRulesFile(JSON.stringify({ format: 'cookie-lens-rules', version: 2, rules: [exampleRule] }))).toEqual({ ok: true, file: { rules: [exampleRule], stripLinks: [], cleanUp: [] } });
  });
});

describe('parseRulesFile refuses malformed files with a clear message', () => {
  const file = (rules: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ format: 'cookie-lens-rules', version: 2, rules, ...extra });

  test.each([
    { label: 'empty text', text: '', message: 'The file is not valid JSON. Nothing was imported.' },
    { label: 'not JSON', text: 'site=example.com', message: 'The file is not valid JSON. Nothing was imported.' },
    { label: 'cut short', text: file([exampleRule]).slice(0, 40), message: 'The file is not valid JSON. Nothing was imported.' },
    { label: 'a list', text: '[]', message: 'This is not a Cookie Lens rules file. Nothing was imported.' },
    { label: 'another format', text: JSON.stringify({ format: 'cookie-editor', cookies: [] }), message: 'This is not a Cookie Lens rules file. Nothing was imported.' },
    { label: 'no version', text: JSON.stringify({ format: 'cookie-lens-rules', rules: [] }), message: 'The rules file has no valid format version. Nothing was imported.' },
    {
      label: 'a newer format',
      text: file([], { version: 3 }),
      message: 'The rules file was made by a newer version of Cookie Lens (file format 3). Update Cookie Lens to import it. Nothing was imported.',
    },
    { label: 'rules not a list', text: file({ 'example.com': exampleRule }), message: 'The rules file has no list of rules. Nothing was imported.' },
    {
      label: 'one bad rule among good ones',
      text: file([exampleRule, { ...demoRule, optOut: 'all' }]),
      message: 'Rule 2 is not valid: "optOut" must be "off", "cookies" or "block". Nothing was imported.',
    },
    {
      label: 'a host name that is not one',
      text: file([{ ...exampleRule, site: 'https://example.com/' }]),
      message: 'Rule 1 is not valid: "site" must be a lower-case host name. Nothing was imported.',
    },
    { label: 'a rule that is not an object', text: file(['example.com']), message: 'Rule 1 is not valid: a rule must be an object. Nothing was imported.' },
    { label: 'a site twice', text: file([exampleRule, exampleRule]), message: 'The site example.com appears more than once. Nothing was imported.' },
    {
      label: 'a tracker switch that is neither block nor allow',
      text: file([{ ...exampleRule, vendors: { meta: 'maybe' } }]),
      message: 'Rule 1 is not valid: "vendors.meta" must be "block" or "allow". Nothing was imported.',
    },
    { label: 'GPC that is not true or false', text: file([{ ...exampleRule, gpc: 'yes' }]), message: 'Rule 1 is not valid: "gpc" must be true or false. Nothing was imported.' },
    { label: 'link stripping not a list', text: file([], { stripLinks: {} }), message: "The rules file's link-stripping list is not a list. Nothing was imported." },
    {
      label: 'a link-stripping site twice',
      text: file([], { stripLinks: [{ site: 'example.com', since: 1 }, { site: 'example.com', since: 2 }] }),
      message: 'The site example.com appears more than once in the link-stripping list. Nothing was imported.',
    },
    {
      label: 'a clean-up of an unknown kind',
      text: file([], { cleanUp: [{ site: 'example.com', scope: 'everything', since: 1 }] }),
      message: 'Clean-up 1 is not valid: "scope" must be "tracking" or "all". Nothing was imported.',
    },
  ])('$label', ({ text, message }) => {
    expect(parseRulesFile(text)).toEqual({ ok: false, message });
  });

  test('a file far too large is refused before parsing', () => {
    expect(parseRulesFile(' '.repeat(5_000_001))).toEqual({ ok: false, message: 'The file is too large to be a Cookie Lens rules file. Nothing was imported.' });
  });

  test('an imported rule never claims to be set by policy', () => {
    expect(parseRulesFile(file([{ ...exampleRule, managed: true }]))).toEqual({ ok: true, file: { rules: [exampleRule], stripLinks: [], cleanUp: [] } });
  });
});

describe('mergeImportedRules', () => {
  test("imported rules replace the visitor's for the same site, add new ones, and leave policy rules alone", () => {
    const imported: SiteRule[] = [
      { site: 'example.com', doNotTrack: false, optOut: 'block', since: 5 },
      { site: 'new.example', doNotTrack: true, optOut: 'off', since: 6 },
      { site: 'corp.example', doNotTrack: false, optOut: 'off', since: 7 },
    ];
    const merged = mergeImportedRules(store, { rules: imported, stripLinks: [], cleanUp: [] });
    expect(merged.rules).toEqual({
      'hubdemo.test': demoRule,
      'corp.example': managedRule,
      'example.com': { site: 'example.com', doNotTrack: false, optOut: 'block', since: 5 },
      'new.example': { site: 'new.example', doNotTrack: true, optOut: 'off', since: 6 },
    });
    // The store it was given is untouched.
    expect(store.rules['example.com']).toEqual(exampleRule);
  });

  test('link stripping and clean-up from the file are added to the visitor\'s, replacing the same site\'s', () => {
    const before: Store = { ...store, stripLinks: { 'example.com': { site: 'example.com', since: 1 } }, cleanUp: { 'example.com': { site: 'example.com', scope: 'tracking', since: 1 } } };
    const merged = mergeImportedRules(before, {
      rules: [],
      stripLinks: [{ site: 'new.example', since: 5 }],
      cleanUp: [{ site: 'example.com', scope: 'all', since: 6 }, { site: 'new.example', scope: 'tracking', since: 7 }],
    });
    expect(merged.stripLinks).toEqual({ 'example.com': { site: 'example.com', since: 1 }, 'new.example': { site: 'new.example', since: 5 } });
    expect(merged.cleanUp).toEqual({ 'example.com': { site: 'example.com', scope: 'all', since: 6 }, 'new.example': { site: 'new.example', scope: 'tracking', since: 7 } });
    expect(merged.rules).toBe(before.rules);
  });
});
