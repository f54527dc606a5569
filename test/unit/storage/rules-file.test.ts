import { describe, expect, test } from 'vitest';
import { exportRules, mergeImportedRules, parseRulesFile } from '../../../src/storage/rules-file.ts';
import { emptyStore } from '../../../src/storage/schema.ts';
import type { Store } from '../../../src/storage/schema.ts';
import type { SiteRule } from '../../../src/core/rules.ts';

const NOW = Date.UTC(2025, 0, 1);

const exampleRule: SiteRule = { site: 'example.com', doNotTrack: true, optOut: 'off', since: 1735689600000 };
const demoRule: SiteRule = { site: 'hubdemo.test', doNotTrack: false, optOut: 'cookies', since: 1735693200000 };
const managedRule: SiteRule = { site: 'corp.example', doNotTrack: true, optOut: 'block', since: 0, managed: true };

const store: Store = { ...emptyStore(), rules: { 'hubdemo.test': demoRule, 'corp.example': managedRule, 'example.com': exampleRule } };

describe('exportRules', () => {
  test("writes the visitor's rules, sorted, under a format name and version", () => {
    expect(exportRules(store, NOW)).toBe(
      [
        '{',
        '  "format": "cookie-lens-rules",',
        '  "version": 1,',
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
        '      "since": 1735693200000',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('round trip: what is exported imports as the same rules', () => {
    expect(parseRulesFile(exportRules(store, NOW))).toEqual({ ok: true, rules: [exampleRule, demoRule] });
  });

  test('an empty store exports an empty list that imports fine', () => {
    expect(parseRulesFile(exportRules(emptyStore(), NOW))).toEqual({ ok: true, rules: [] });
  });
});

describe('parseRulesFile refuses malformed files with a clear message', () => {
  const file = (rules: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ format: 'cookie-lens-rules', version: 1, rules, ...extra });

  test.each([
    { label: 'empty text', text: '', message: 'The file is not valid JSON. Nothing was imported.' },
    { label: 'not JSON', text: 'site=example.com', message: 'The file is not valid JSON. Nothing was imported.' },
    { label: 'cut short', text: file([exampleRule]).slice(0, 40), message: 'The file is not valid JSON. Nothing was imported.' },
    { label: 'a list', text: '[]', message: 'This is not a Cookie Lens rules file. Nothing was imported.' },
    { label: 'another format', text: JSON.stringify({ format: 'cookie-editor', cookies: [] }), message: 'This is not a Cookie Lens rules file. Nothing was imported.' },
    { label: 'no version', text: JSON.stringify({ format: 'cookie-lens-rules', rules: [] }), message: 'The rules file has no valid format version. Nothing was imported.' },
    {
      label: 'a newer format',
      text: file([], { version: 2 }),
      message: 'The rules file was made by a newer version of Cookie Lens (file format 2). Update Cookie Lens to import it. Nothing was imported.',
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
  ])('$label', ({ text, message }) => {
    expect(parseRulesFile(text)).toEqual({ ok: false, message });
  });

  test('a file far too large is refused before parsing', () => {
    expect(parseRulesFile(' '.repeat(5_000_001))).toEqual({ ok: false, message: 'The file is too large to be a Cookie Lens rules file. Nothing was imported.' });
  });

  test('an imported rule never claims to be set by policy', () => {
    expect(parseRulesFile(file([{ ...exampleRule, managed: true }]))).toEqual({ ok: true, rules: [exampleRule] });
  });
});

describe('mergeImportedRules', () => {
  test("imported rules replace the visitor's for the same site, add new ones, and leave policy rules alone", () => {
    const imported: SiteRule[] = [
      { site: 'example.com', doNotTrack: false, optOut: 'block', since: 5 },
      { site: 'new.example', doNotTrack: true, optOut: 'off', since: 6 },
      { site: 'corp.example', doNotTrack: false, optOut: 'off', since: 7 },
    ];
    const merged = mergeImportedRules(store, imported);
    expect(merged.rules).toEqual({
      'hubdemo.test': demoRule,
      'corp.example': managedRule,
      'example.com': { site: 'example.com', doNotTrack: false, optOut: 'block', since: 5 },
      'new.example': { site: 'new.example', doNotTrack: true, optOut: 'off', since: 6 },
    });
    // The store it was given is untouched.
    expect(store.rules['example.com']).toEqual(exampleRule);
  });
});
