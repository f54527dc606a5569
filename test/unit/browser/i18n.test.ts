// The browser translator asks the browser once per message and fills substitutions in itself:
// it must give exactly what the browser's own getMessage gives, for any value a stranger's
// cookie can carry. The fake below substitutes as browsers do ($1..$9, `$$` for a dollar).
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { Translator } from '../../../src/i18n/messages.ts';

const MESSAGES: Readonly<Record<string, string>> = {
  row_delete: 'Delete $1',
  swapped: '$2 before $1, and $1 again',
  price: 'costs $$5 for $1',
  plain: 'Cookies',
  greeting: 'Hello $1 and $2',
};

function browserGetMessage(key: string, substitutions?: string | string[]): string {
  const message = MESSAGES[key];
  if (message === undefined) return '';
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
}

const getMessage = vi.fn(browserGetMessage);
let t: Translator;

beforeAll(async () => {
  vi.stubGlobal('chrome', { i18n: { getMessage, getUILanguage: () => 'en-GB' }, runtime: {} });
  const { browserTranslator } = await import('../../../src/browser/i18n.ts');
  t = browserTranslator();
});

describe('browserTranslator', () => {
  test.each([
    ['row_delete', ['__hstc']],
    ['row_delete', ['$1 $$ $&']],
    ['row_delete', ['\uE0001\uE001 \uE0000\uE001']],
    ['swapped', ['first', 'second']],
    ['swapped', ['\uE0001\uE001', '$1']],
    ['price', ['two']],
    ['row_delete', ['']],
  ])('%s with %j reads as the browser would write it', (key, values) => {
    expect(t.dynamic(key, values)).toBe(browserGetMessage(key, values));
  });

  test('asks the browser once per message, whatever the values', () => {
    getMessage.mockClear();
    for (const name of ['a', 'b', 'c', 'd']) expect(t.dynamic('greeting', [name, 'you'])).toBe(`Hello ${name} and you`);
    t('plain' as never);
    t('plain' as never);
    expect(getMessage.mock.calls.map(([key]) => key)).toEqual(['greeting', 'plain']);
  });

  test('a missing message is undefined (and the key where a word is needed)', () => {
    expect(t.dynamic('missing', ['x'])).toBeUndefined();
    expect(t.dynamic('missing')).toBeUndefined();
    expect(t.locale).toBe('en-GB');
  });
});
