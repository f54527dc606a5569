// The consent-against-reality sentences state the assumption a category was read under.
import { describe, expect, test } from 'vitest';
import { contradictionText } from '../../popup/components/ConsentWarnings.tsx';
import type { Contradiction } from '../../src/core/consent-check.ts';
import { createCatalogTranslator, type MessageCatalog } from '../../src/i18n/messages.ts';
import { Formatter } from '../../src/pages/format.ts';
import enCore from '../../locales/en/core.json';
import enTrackers from '../../locales/en/trackers.json';
import svCore from '../../locales/sv/core.json';
import svTrackers from '../../locales/sv/trackers.json';

const NOW = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const base: Contradiction = {
  consentCookie: 'OptanonConsent',
  manager: 'onetrust',
  category: 'analytics',
  declinedAt: Date.UTC(2024, 6, 29, 3),
  cookie: '_ga',
  vendor: 'google-analytics',
  lastWrite: { epochMs: NOW - 2 * HOUR, basis: 'decoded' },
};

function translator(catalogs: readonly MessageCatalog[], locale: string) {
  const t = createCatalogTranslator(Object.assign({}, ...catalogs) as MessageCatalog, locale);
  return { t, format: new Formatter(t) };
}

describe('contradictionText', () => {
  test('a category read from OneTrust\'s default groups says so (English)', () => {
    const { t, format } = translator([enCore, enTrackers], 'en');
    const plain = contradictionText(base, t, format, NOW);
    expect(plain).toContain('_ga');
    expect(plain).not.toContain('OneTrust\'s default groups');
    expect(contradictionText({ ...base, assumption: 'onetrust-default-groups' }, t, format, NOW)).toBe(`If the site uses OneTrust's default groups: ${plain}`);
  });

  test('and in Swedish', () => {
    const { t, format } = translator([svCore, svTrackers], 'sv');
    const plain = contradictionText(base, t, format, NOW);
    expect(contradictionText({ ...base, assumption: 'onetrust-default-groups' }, t, format, NOW)).toBe(`Om webbplatsen använder OneTrusts standardgrupper: ${plain}`);
  });
});
