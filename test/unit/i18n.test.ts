// The locale files as a whole: every language has the same keys as English, file by file; no
// message is empty; placeholders agree; and every key the code builds at run time (family_,
// vendor_, field_, problem_, error_, consent_category_) exists in every language. The lists the
// keys are built from come from the registry and from typed tables that fail to compile when a
// code is added, never from the locale files themselves.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { families, findFamily } from '../../src/decode/registry.ts';
import { PROBLEM_CODES, type FieldAssumption } from '../../src/decode/types.ts';
import type { ConsentCategory } from '../../src/core/consent-check.ts';
import type { ErrorCode } from '../../src/protocol/messages.ts';
import { createCatalogTranslator, messageKeyPart } from '../../src/i18n/messages.ts';
import { Formatter, formattingLocale } from '../../src/pages/format.ts';
import { PRESETS, BULK_KINDS, expandValue } from '../../harness/demo-site/presets.mjs';

type Catalog = Readonly<Record<string, { readonly message: string; readonly description?: string }>>;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOCALES = join(REPO_ROOT, 'locales');
const LANGUAGES = readdirSync(LOCALES).sort();
const FILES = readdirSync(join(LOCALES, 'en')).filter((file) => file.endsWith('.json')).sort();

function isCatalog(value: unknown): value is Catalog {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((entry: unknown) =>
    typeof entry === 'object' && entry !== null && typeof Reflect.get(entry, 'message') === 'string');
}

function readCatalog(language: string, file: string): Catalog {
  const parsed: unknown = JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8'));
  if (!isCatalog(parsed)) throw new Error(`locales/${language}/${file} is not a messages file`);
  return parsed;
}

/** Every language's files merged, as build/locales.mjs merges them into _locales/<lang>/messages.json. */
function mergedCatalog(language: string): Catalog {
  const messages: Record<string, Catalog[string]> = {};
  for (const file of FILES) Object.assign(messages, readCatalog(language, file));
  return messages;
}
const merged: Readonly<Record<string, Catalog>> = Object.fromEntries(LANGUAGES.map((language) => [language, mergedCatalog(language)]));

function placeholders(message: string): string[] {
  return [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();
}

function expectKeyEverywhere(key: string, why: string): void {
  for (const language of LANGUAGES) {
    expect(Object.hasOwn(merged[language] ?? {}, key), `${language}: ${key} (${why})`).toBe(true);
  }
}

// Typed tables: adding a code to the union without adding it here is a compile error, so the
// lists cannot fall behind the code.
const ERROR_CODES: Readonly<Record<ErrorCode, true>> = {
  'bad-request': true, 'unsupported-page': true, 'no-permission': true, 'tab-gone': true, 'store-newer': true,
  'storage-full': true, 'import-invalid': true, 'managed-rule': true, internal: true,
};
const CONSENT_CATEGORIES: Readonly<Record<ConsentCategory, true>> = { analytics: true, advertising: true, functional: true };
const FIELD_ASSUMPTIONS: Readonly<Record<FieldAssumption, true>> = { 'onetrust-default-groups': true };

describe('every language has the same messages as English', () => {
  test('there are languages besides English, each with the same files', () => {
    expect(LANGUAGES).toContain('en');
    expect(LANGUAGES).toContain('sv');
    for (const language of LANGUAGES) {
      expect(readdirSync(join(LOCALES, language)).filter((file) => file.endsWith('.json')).sort(), language).toEqual(FILES);
    }
  });

  test.each(FILES)('%s: identical key sets', (file) => {
    const english = Object.keys(readCatalog('en', file)).sort();
    expect(english.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      const keys = Object.keys(readCatalog(language, file)).sort();
      const missing = english.filter((key) => !keys.includes(key));
      const extra = keys.filter((key) => !english.includes(key));
      expect({ missing, extra }, `locales/${language}/${file}`).toEqual({ missing: [], extra: [] });
    }
  });

  test('no key is defined in two files of a language (the build would refuse it)', () => {
    for (const language of LANGUAGES) {
      const seen = new Map<string, string>();
      for (const file of FILES) {
        for (const key of Object.keys(readCatalog(language, file))) {
          expect(seen.get(key), `${language}: ${key} in ${file}`).toBeUndefined();
          seen.set(key, file);
        }
      }
    }
  });

  test('no message is empty or only spaces', () => {
    for (const language of LANGUAGES) {
      for (const [key, entry] of Object.entries(merged[language] ?? {})) expect(entry.message.trim(), `${language}: ${key}`).not.toBe('');
    }
  });

  test('every placeholder of an English message is in the translation, and no other', () => {
    const english = merged['en'] ?? {};
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      for (const [key, entry] of Object.entries(english)) {
        const translated = merged[language]?.[key]?.message ?? '';
        expect(placeholders(translated), `${language}: ${key}: "${translated}"`).toEqual(placeholders(entry.message));
      }
    }
  });

  test('a $ is only ever a placeholder $1..$9 (the i18n API would drop anything else)', () => {
    for (const language of LANGUAGES) {
      for (const [key, entry] of Object.entries(merged[language] ?? {})) expect(entry.message, `${language}: ${key}`).not.toMatch(/\$(?![1-9])/);
    }
  });

  test('the manifest and the store listing take their name and description from the locales', () => {
    const manifest: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'manifest.json'), 'utf8'));
    const text = JSON.stringify(manifest);
    const used = [...text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((match) => match[1] ?? '');
    expect(used).toEqual(expect.arrayContaining(['extName', 'extDescription']));
    for (const key of used) expectKeyEverywhere(key, 'manifest.json');
    // Chrome Web Store limits: name 75 characters, description 132.
    for (const language of LANGUAGES) {
      expect((merged[language]?.['extName']?.message ?? '').length, language).toBeLessThanOrEqual(75);
      expect((merged[language]?.['extDescription']?.message ?? '').length, language).toBeLessThanOrEqual(132);
    }
  });
});

describe('every key the code builds at run time exists in every language', () => {
  test('family_<id> for every family in the registry, vendor_<id> for every vendor', () => {
    expect(families.length).toBeGreaterThan(40);
    for (const family of families) {
      expectKeyEverywhere(`family_${messageKeyPart(family.id)}`, `family ${family.id}`);
      expectKeyEverywhere(`vendor_${messageKeyPart(family.vendor)}`, `vendor of ${family.id}`);
    }
  });

  test('problem_<code> for every problem code', () => {
    for (const code of PROBLEM_CODES) expectKeyEverywhere(`problem_${messageKeyPart(code)}`, 'ProblemCode');
  });

  test('error_<code> for every error code of the protocol', () => {
    // The table must list exactly the union's members: compare with the source's own union.
    const source = readFileSync(join(REPO_ROOT, 'src', 'protocol', 'messages.ts'), 'utf8');
    const union = /export type ErrorCode =([^;]+);/.exec(source)?.[1] ?? '';
    const declared = [...union.matchAll(/'([a-z-]+)'/g)].map((match) => match[1] ?? '').sort();
    expect(declared.length).toBeGreaterThan(0);
    expect(Object.keys(ERROR_CODES).sort()).toEqual(declared);
    for (const code of declared) expectKeyEverywhere(`error_${messageKeyPart(code)}`, 'ErrorCode');
  });

  test('field_assumption_<id> and consent_assumed_<id> (taking the sentence as $1) for every field assumption', () => {
    for (const id of Object.keys(FIELD_ASSUMPTIONS)) {
      expectKeyEverywhere(`field_assumption_${messageKeyPart(id)}`, 'FieldAssumption');
      expectKeyEverywhere(`consent_assumed_${messageKeyPart(id)}`, 'FieldAssumption');
    }
  });

  test('consent_category_<category> for every consent category', () => {
    for (const category of Object.keys(CONSENT_CATEGORIES)) expectKeyEverywhere(`consent_category_${category}`, 'ConsentCategory');
  });

  test('field_<key> for every field key written as a literal in a decoder', () => {
    const keys = new Set<string>();
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
    for (const file of walk(join(REPO_ROOT, 'src', 'decode'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\b(?:text|id|instant|count|flag|domain|list|time)Field\(\s*'([A-Za-z0-9]+)'|\bkey: '([A-Za-z0-9]+)'/g)) {
        const key = match[1] ?? match[2];
        if (key !== undefined) keys.add(key);
        else throw new Error(`unexpected match in ${relative(REPO_ROOT, file)}`);
      }
    }
    expect(keys.size).toBeGreaterThan(80);
    for (const key of keys) expectKeyEverywhere(`field_${messageKeyPart(key)}`, 'a field key in src/decode');
  });

  test('field_<key> for every field the demo site\'s documented cookie values decode to', () => {
    const now = Date.UTC(2026, 0, 15, 12);
    const cookies = [
      ...Object.values(PRESETS).flatMap((preset) => preset.cookies.map((c) => ({ name: c.name, value: c.value }))),
      ...BULK_KINDS.map((kind) => ({ name: kind.name.replaceAll('{i}', '0007'), value: kind.value.replaceAll('{i}', '0007').replaceAll('{n}', '7') })),
    ];
    const keys = new Set<string>();
    for (const cookie of cookies) {
      const family = findFamily(cookie.name);
      if (family === undefined || family.load !== undefined) continue;
      const outcome = family.decode(expandValue(cookie.value, now), { now, host: 'www.hubdemo.test', name: cookie.name, cookieDomain: '.hubdemo.test' });
      if (!outcome.ok) continue;
      for (const field of outcome.fields) keys.add(field.key);
      for (const warning of outcome.warnings) if (warning.field !== undefined) keys.add(warning.field);
    }
    expect(keys.size).toBeGreaterThan(30);
    for (const key of keys) expectKeyEverywhere(`field_${messageKeyPart(key)}`, 'decoded from a demo cookie');
  });
});

describe('dates and numbers are formatted in the language of the words', () => {
  test('the browser\'s own locale when the words are in its language, else the words\' language', () => {
    expect(formattingLocale('en-GB', 'en')).toBe('en-GB');
    expect(formattingLocale('sv-SE', 'sv')).toBe('sv-SE');
    expect(formattingLocale('sv', 'sv')).toBe('sv');
    // Chromium started with --lang=sv but without Swedish interface files reports en-US.
    expect(formattingLocale('en-US', 'sv')).toBe('sv');
    // A browser in a language Cookie Lens has no words for falls back to English words.
    expect(formattingLocale('nb-NO', 'en')).toBe('en');
    expect(formattingLocale('pt_BR', 'pt')).toBe('pt_BR');
    expect(formattingLocale('fr', '')).toBe('fr');
  });

  test('every language names itself in locale_tag, as the folder it lives in', () => {
    for (const language of LANGUAGES) expect(merged[language]?.['locale_tag']?.message, language).toBe(language);
  });

  test('a Swedish catalog in an English browser formats Swedish dates and numbers', () => {
    const swedish = createCatalogTranslator(merged['sv'] ?? {}, 'en-US');
    const format = new Formatter(swedish);
    expect(format.locale).toBe('sv');
    // CLDR Swedish: day before month, abbreviated month with a period, 24-hour clock; a space groups digits.
    expect(format.date(new Date(2026, 0, 15, 13, 45).getTime())).toBe('15 jan. 2026 13:45');
    expect(format.number(200321585)).toMatch(/^200[\u00a0\u202f ]321[\u00a0\u202f ]585$/);
    expect(new Formatter(createCatalogTranslator(merged['en'] ?? {}, 'en-GB')).locale).toBe('en-GB');
  });
});

describe('plurals through the language\'s plural rules (Intl.PluralRules)', () => {
  test('English and Swedish pick the one and other forms, with the count in the page\'s number format', () => {
    const english = new Formatter(createCatalogTranslator(merged['en'] ?? {}, 'en'));
    const swedish = new Formatter(createCatalogTranslator(merged['sv'] ?? {}, 'sv'));
    expect(english.plural('done_undo', 1)).toBe('Undo done: 1 cookie restored.');
    expect(english.plural('done_undo', 0)).toBe('Undo done: 0 cookies restored.');
    expect(english.plural('options_imported', 1)).toBe('Imported the choices for 1 site.');
    expect(english.plural('options_imported', 1200)).toBe('Imported the choices for 1,200 sites.');
    expect(swedish.plural('done_undo', 1)).toBe('Ångrat: 1 kaka är tillbaka.');
    expect(swedish.plural('done_undo', 3)).toBe('Ångrat: 3 kakor är tillbaka.');
    expect(swedish.plural('search_matches', 1, ['180'])).toBe('1 av 180 kakor stämmer.');
  });

  test('every counted message has an "other" form in every language (the fallback of every plural rule)', () => {
    for (const language of LANGUAGES) {
      const keys = Object.keys(merged[language] ?? {});
      for (const key of keys.filter((k) => k.endsWith('_one'))) expect(keys, `${language}: ${key}`).toContain(`${key.slice(0, -4)}_other`);
    }
  });
});
